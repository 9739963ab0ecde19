"""After the meeting: ideas turned into suggestions (origin kept), comments on the report."""

from datetime import timedelta

import pytest
from wagtail.models import Locale

from participation.meetings import services
from participation.meetings.conversion import ConversionError, idea_convert, targets_for_site
from participation.meetings.models import IdeaConversion, MeetingIdea, MeetingPage
from participation.suggestions.models import SuggestionsPage
from site_template.pages.tree import add_translated_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_meeting(make_meeting):
    meeting = make_meeting(starts_in=-timedelta(days=3), participants_count=70, women_count=40,
                           associations_count=18)
    meeting.ideas = [MeetingIdea(text="إحداث فضاء رقمي لتلقي الاقتراحات"), MeetingIdea(text="صيانة الحدائق")]
    meeting.save_revision().publish()
    return MeetingPage.objects.get(pk=meeting.pk)


@pytest.fixture
def suggestions_page(home_ar):
    page_ar, _ = add_translated_child(home_ar, page_class=SuggestionsPage,
                                      ar={"title": "فضاء الاقتراحات", "slug": "suggestions"},
                                      fr={"title": "Suggestions", "slug": "suggestions"})
    return page_ar


def test_idea_becomes_a_suggestion_and_keeps_its_origin(past_meeting, suggestions_page, superuser, commune_site):
    admin = superuser
    (target,) = [t for t in targets_for_site(site=commune_site) if t.kind == "suggestion"]
    idea = past_meeting.ideas.first()
    conversion = idea_convert(meeting=past_meeting, idea=idea, target_key=target.key, by=admin)
    contribution = conversion.contribution
    assert contribution.kind == "suggestion" and contribution.page_id == suggestions_page.pk
    assert contribution.text == idea.text and contribution.entered_by_staff
    assert contribution.data["meeting_id"] == past_meeting.pk and contribution.data["idea_id"] == idea.pk
    assert contribution.meeting_idea == conversion
    again = idea_convert(meeting=past_meeting, idea=idea, target_key=target.key, by=admin)
    assert again.pk == conversion.pk and IdeaConversion.objects.count() == 1
    with pytest.raises(ConversionError):
        idea_convert(meeting=past_meeting, idea=past_meeting.ideas.exclude(pk=idea.pk).get(), target_key="suggestion:999999", by=admin)


@pytest.fixture
def consultations(home_ar):
    """Two live consultations, the second published later (targets list the newest first)."""
    from django.utils import timezone

    from participation.consultations import models
    from site_template.pages.tree import add_translated_child

    now = timezone.now()
    pages = []
    for n, published in enumerate((now - timedelta(days=30), now - timedelta(days=1)), start=1):
        page_ar, _ = add_translated_child(home_ar, page_class=models.ConsultationPage,
                                          ar={"title": f"التشاور {n}", "slug": f"consultation-{n}"},
                                          fr={"title": f"Consultation {n}", "slug": f"consultation-{n}"},
                                          opens_at=now - timedelta(days=2), closes_at=now + timedelta(days=5))
        models.ConsultationPage.objects.filter(pk=page_ar.pk).update(first_published_at=published)
        pages.append(page_ar)
    return pages


def test_targets_are_suggestions_then_consultations_newest_first(past_meeting, suggestions_page, consultations,
                                                                  commune_site):
    older, newer = consultations
    targets = targets_for_site(site=commune_site)
    assert [(t.key, t.kind, t.page.pk) for t in targets] == [
        (f"suggestion:{suggestions_page.pk}", "suggestion", suggestions_page.pk),
        (f"remark:{newer.pk}", "remark", newer.pk),
        (f"remark:{older.pk}", "remark", older.pk),
    ]
    assert targets[0].label == "اقتراح في «فضاء الاقتراحات»"
    assert targets[1].label == "مقترح مشروع في التشاور «التشاور 2»"


def test_idea_becomes_a_consultation_proposal_and_keeps_its_origin(past_meeting, consultations, django_user_model,
                                                                   commune_site):
    from participation.consultations.models import Remark

    admin = django_user_model.objects.create_superuser(email="focal@example.ma", password="x-long-password-1")
    consultation = consultations[0]
    idea = past_meeting.ideas.first()
    conversion = idea_convert(meeting=past_meeting, idea=idea, target_key=f"remark:{consultation.pk}", by=admin)
    assert conversion.target_kind == "remark" and conversion.converted_by == admin
    remark = Remark.objects.get()
    assert remark.consultation_id == consultation.pk and remark.kind == "proposal"
    assert remark.entered_by_staff and remark.entered_by == admin and remark.language == "ar"
    assert remark.on_behalf_of_name == past_meeting.title
    assert remark.proposal_title == idea.text and remark.free_remark == idea.text
    contribution = conversion.contribution
    assert contribution.pk == remark.contribution_id and contribution.page_id == consultation.pk
    assert contribution.data["origin"] == "meeting_idea"
    assert contribution.data["meeting_id"] == past_meeting.pk and contribution.data["idea_id"] == idea.pk
    again = idea_convert(meeting=past_meeting, idea=idea, target_key=f"remark:{consultation.pk}", by=admin)
    assert again.pk == conversion.pk and Remark.objects.count() == 1


def test_meetings_only_knows_the_targets_the_hook_gives(past_meeting, home_ar, django_user_model, commune_site):
    """Any capability can receive ideas by registering ``participation_conversion_targets``."""
    from wagtail import hooks

    from participation.core.conversion import CONVERSION_TARGETS_HOOK, ConversionTarget
    from participation.core.services import contribution_create

    admin = django_user_model.objects.create_superuser(email="focal@example.ma", password="x-long-password-1")
    calls = []

    def create(**kwargs):
        calls.append(kwargs)
        return contribution_create(page=home_ar, author=None, kind="petition", title=kwargs["title"],
                                   text=kwargs["text"], data=kwargs["origin"])

    def petition_targets(site):
        assert site == commune_site
        return [ConversionTarget(key="petition:1", kind="petition", label="Pétitions", page=home_ar, create=create)]

    idea = past_meeting.ideas.first()
    with hooks.register_temporarily(CONVERSION_TARGETS_HOOK, petition_targets, order=-1):
        assert targets_for_site(site=commune_site)[0].key == "petition:1"
        conversion = idea_convert(meeting=past_meeting, idea=idea, target_key="petition:1", by=admin)
    assert calls == [{"title": idea.text, "text": idea.text, "on_behalf_of_name": past_meeting.title,
                      "origin": {"origin": "meeting_idea", "meeting_id": past_meeting.pk, "idea_id": idea.pk},
                      "by": admin}]
    assert conversion.target_kind == "petition" and conversion.contribution.kind == "petition"
    with pytest.raises(ConversionError):  # gone with its hook
        idea_convert(meeting=past_meeting, idea=past_meeting.ideas.exclude(pk=idea.pk).get(),
                     target_key="petition:1", by=admin)


def test_convert_through_the_admin(client, past_meeting, suggestions_page, superuser):
    client.force_login(superuser)
    url = f"/admin/meetings/{past_meeting.pk}/registrants/"
    html = client.get(url).content.decode()
    assert f"suggestion:{suggestions_page.pk}" in html
    idea = past_meeting.ideas.first()
    response = client.post(f"/admin/meetings/{past_meeting.pk}/ideas/{idea.pk}/convert/",
                           {"target": f"suggestion:{suggestions_page.pk}"})
    assert response.status_code == 302
    assert IdeaConversion.objects.get(idea=idea).target_kind == "suggestion"
    # The public report links the idea to its follow-up in both languages.
    page_fr = past_meeting.get_translation(Locale.objects.get(language_code="fr"))
    for page in (past_meeting, page_fr):
        assert f"/suggestions/{IdeaConversion.objects.get().contribution_id}/" in client.get(page.url).content.decode()


def test_citizens_comment_on_the_report(client, past_meeting, make_citizen):
    services.meeting_report_thread(meeting=past_meeting)
    assert services.meeting_report_thread(meeting=past_meeting).pk == services.meeting_report_thread(
        meeting=past_meeting).pk
    user = make_citizen()
    client.force_login(user)
    html = client.get(past_meeting.url).content.decode()
    assert 'id="comments"' in html
    thread = services.meeting_report_thread(meeting=past_meeting)
    response = client.post(f"/ar/participation/contributions/{thread.pk}/comment/",
                           {"text": "شكرا على التقرير", "next": past_meeting.url})
    assert response.status_code == 302
    page_fr = past_meeting.get_translation(Locale.objects.get(language_code="fr"))
    assert "شكرا على التقرير" in client.get(page_fr.url).content.decode()


def test_follow_a_theme_and_hear_about_new_meetings_once(client, meeting_index, make_meeting, theme, make_citizen,
                                                         django_capture_on_commit_callbacks):
    from django.core import mail

    from participation.notifications.models import Follow, Notification, NotificationPreference

    user = make_citizen()
    bystander = make_citizen()  # follows nothing: hears nothing
    client.force_login(user)
    html = client.get("/fr/meetings/?theme=environment").content.decode()
    assert "follow-theme/" in html
    client.post("/fr/meetings/follow-theme/", {"theme": "environment"})
    follow = Follow.objects.get(user=user)  # the one follow model, with the theme as its target
    assert follow.target == theme and follow.page_id is None and follow.contribution_id is None
    assert NotificationPreference.objects.get(user=user).language == "fr"
    meeting = make_meeting(theme=theme)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.meeting_announce(meeting=meeting) == 1
        assert services.meeting_announce(meeting=meeting) == 0  # once per meeting
    (message,) = mail.outbox
    assert message.to == [user.email] and "Rencontre sur les espaces verts" in message.subject
    assert "Nouvelle rencontre citoyenne" in message.subject
    page_fr = meeting.get_translation(Locale.objects.get(language_code="fr"))
    assert page_fr.url in message.body and "heure marocaine" in message.body
    (notification,) = Notification.objects.all()
    assert notification.user == user and notification.page_id == meeting.pk
    assert not Notification.objects.filter(user=bystander).exists()
    client.post("/ar/meetings/follow-theme/", {"theme": "environment"})
    assert not Follow.objects.exists()


def test_anonymous_follow_goes_to_login(client, meeting_index, theme):
    response = client.post("/ar/meetings/follow-theme/", {"theme": "environment"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post("/ar/meetings/follow-theme/", {"theme": "nope"}).status_code == 404
