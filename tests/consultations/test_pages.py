"""The consultation page and its sub-pages through the test client, in Arabic and French, in each
phase: announced (dates, projects readable, notify me), open (remarks card, supports, proposals),
closed (readable, forms gone, synthesis date)."""

from datetime import date, timedelta

import html5lib
import pytest
from django.core import mail

from participation.consultations.models import Remark, RemarkKind
from participation.consultations.services import Card, opening_notices_send, remark_create
from participation.notifications.models import Follow, Notification, NotificationPreference

pytestmark = pytest.mark.django_db


def _valid_html(content: bytes) -> None:
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(content)


def test_open_consultation_shows_projects_form_and_figures_in_both_languages(
    client, consultation, consultation_fr, projects, citizen
):
    response = client.get(consultation.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "تجويد آليات التواصل" in body
    assert 'dir="rtl"' in body
    assert "<svg" in body and "<title" in body  # charts without JS
    _valid_html(response.content)

    response = client.get(consultation_fr.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Améliorer la communication" in body
    assert 'lang="fr"' in body

    client.force_login(citizen)
    project_url = consultation_fr.url + "projects/68/"
    response = client.get(project_url)
    assert response.status_code == 200
    assert 'name="problem"' in response.content.decode()
    _valid_html(response.content)


def test_anonymous_visitor_is_asked_to_log_in_on_the_remarks_card(client, consultation, projects):
    response = client.get(consultation.url + "projects/68/")
    body = response.content.decode()
    assert 'name="problem"' not in body
    assert "/accounts/login/" in body


def test_posting_a_remarks_card_publishes_it_on_the_logical_project(client, consultation, consultation_fr, projects, citizen):
    client.force_login(citizen)
    url = consultation_fr.url + "projects/68/"
    response = client.post(url, {"problem": "Les horaires des sessions ne sont pas affichés.", "solutions": ""})
    assert response.status_code == 302
    remark = Remark.objects.get()
    assert remark.consultation_id == consultation.pk  # the Arabic page carries the data
    assert remark.project == projects[0]
    assert remark.language == "fr"
    assert remark.contribution.kind == "remark"
    # shown in both languages
    assert "Les horaires des sessions" in client.get(consultation.url + "projects/68/").content.decode()
    assert "Les horaires des sessions" in client.get(url).content.decode()


def test_empty_card_is_refused_and_input_is_kept(client, consultation, projects, citizen):
    client.force_login(citizen)
    response = client.post(consultation.url + "projects/68/", {"problem": "   ", "solutions": ""})
    assert response.status_code == 200
    assert Remark.objects.count() == 0
    assert "errorlist" in response.content.decode()
    response = client.post(consultation.url + "projects/68/", {"free_remark": "x" * 3001, "problem": "كلمة"})
    assert response.status_code == 200
    assert "كلمة" in response.content.decode()
    assert Remark.objects.count() == 0


def test_unverified_citizen_cannot_post(client, consultation, projects, make_citizen):
    user = make_citizen(verified=False)
    client.force_login(user)
    client.post(consultation.url + "projects/68/", {"problem": "p"})
    assert Remark.objects.count() == 0


def test_new_project_proposal(client, consultation, projects, citizen):
    client.force_login(citizen)
    url = consultation.url + "propose/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"problem": "ضعف الولوج الرقمي"})
    assert response.status_code == 200  # title missing
    assert Remark.objects.count() == 0
    response = client.post(url, {"proposal_title": "فضاء رقمي للشباب", "problem": "ضعف الولوج الرقمي"})
    assert response.status_code == 302
    remark = Remark.objects.get()
    assert remark.kind == RemarkKind.PROPOSAL and remark.project is None
    assert "فضاء رقمي للشباب" in client.get(consultation.url).content.decode()


def test_association_member_contributes_on_behalf_once_confirmed(client, consultation, projects, make_citizen):
    member = make_citizen(association_name="جمعية حي الأندلس", association_verified=False)
    client.force_login(member)
    response = client.get(consultation.url + "projects/68/")
    assert 'name="for_association"' not in response.content.decode()
    member.association_verified = True
    member.save()
    response = client.get(consultation.url + "projects/68/")
    assert 'name="for_association"' in response.content.decode()
    client.post(consultation.url + "projects/68/", {"problem": "p", "for_association": "on"})
    remark = Remark.objects.get()
    assert remark.association_name == "جمعية حي الأندلس"
    assert "جمعية حي الأندلس" in client.get(consultation.url + "projects/68/").content.decode()


def test_author_edits_and_withdraws_own_remark_while_open(client, consultation, projects, citizen, make_citizen):
    remark = remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="قديم"))
    other = make_citizen()
    client.force_login(other)
    assert client.get(consultation.url + f"remarks/{remark.pk}/edit/").status_code == 403
    assert client.post(consultation.url + f"remarks/{remark.pk}/withdraw/").status_code == 403

    client.force_login(citizen)
    edit_url = consultation.url + f"remarks/{remark.pk}/edit/"
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, {"problem": "", "solutions": ""})
    assert response.status_code == 200  # empty card refused
    response = client.post(edit_url, {"problem": "جديد", "solutions": "حل"})
    assert response.status_code == 302
    remark.refresh_from_db()
    assert (remark.problem, remark.solutions) == ("جديد", "حل")
    assert "حل" in remark.contribution.text

    response = client.post(consultation.url + f"remarks/{remark.pk}/withdraw/")
    assert response.status_code == 302
    remark.refresh_from_db()
    assert remark.status == "withdrawn"
    assert "جديد" not in client.get(consultation.url + "projects/68/").content.decode()


def test_closed_consultation_is_readable_without_forms(client, consultation, consultation_fr, projects, citizen, moving_clock):
    remark = remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="مشكل"))
    consultation.synthesis_expected_on = date(2026, 12, 20)
    consultation.save()
    moving_clock.set(consultation.closes_at)
    client.force_login(citizen)
    response = client.get(consultation_fr.url)
    body = response.content.decode()
    assert "Cette consultation est close" in body or "closed" in body.lower()
    assert "20 décembre 2026" in body or "2026" in body
    project = client.get(consultation.url + "projects/68/").content.decode()
    assert 'name="problem"' not in project
    assert "مشكل" in project  # still readable
    # posting is refused
    client.post(consultation.url + "projects/68/", {"problem": "late"})
    assert Remark.objects.count() == 1
    assert client.get(consultation.url + f"remarks/{remark.pk}/edit/").status_code == 403
    assert client.post(consultation.url + "propose/", {"proposal_title": "t", "problem": "p"}).status_code == 302
    assert Remark.objects.count() == 1


def test_announced_consultation_offers_notify_me_and_emails_on_opening(
    client, consultation, consultation_fr, projects, citizen, moving_clock, django_capture_on_commit_callbacks
):
    moving_clock.set(consultation.opens_at - timedelta(days=2))
    client.force_login(citizen)
    body = client.get(consultation_fr.url).content.decode()
    assert "notify/" in body
    assert 'name="problem"' not in client.get(consultation.url + "projects/68/").content.decode()
    assert "Améliorer la communication" in body  # projects readable before opening
    response = client.post(consultation_fr.url + "notify/")
    assert response.status_code == 302
    # "Notify me" is a follow of the (logical) consultation, in the notifications app.
    assert Follow.objects.filter(user=citizen, page_id=consultation.pk).exists()
    assert NotificationPreference.objects.get(user=citizen).language == "fr"
    assert "notify/" not in client.get(consultation_fr.url).content.decode()  # asked already
    assert opening_notices_send() == 0  # not open yet
    moving_clock.set(consultation.opens_at)
    with django_capture_on_commit_callbacks(execute=True):
        assert opening_notices_send() == 1
    (message,) = mail.outbox
    assert message.to == [citizen.email]
    assert "Consultation numérique" in message.subject and "est maintenant ouverte" in message.subject
    assert consultation_fr.url in message.body and "jusqu'au" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    notification = Notification.objects.get(user=citizen)
    assert notification.page_id == consultation.pk and notification.event == "opened"
    assert opening_notices_send() == 0  # once only
    moving_clock.set(consultation.opens_at + timedelta(hours=1))
    assert opening_notices_send() == 0
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_supporting_a_project_through_the_core_endpoint(
    client, consultation, projects, citizen, make_citizen, moving_clock
):
    client.force_login(citizen)
    project = projects[0]
    url = f"/ar/participation/contributions/{project.contribution_id}/support/"
    response = client.post(url, {"support": "1", "next": consultation.url + "projects/68/"})
    assert response.status_code == 302
    project.contribution.refresh_from_db()
    assert project.contribution.support_count == 1
    body = client.get(consultation.url + "projects/68/").content.decode()
    assert 'aria-pressed="true"' in body
    moving_clock.set(consultation.closes_at)
    late = make_citizen()
    client.force_login(late)
    assert "support/" not in client.get(consultation.url + "projects/68/").content.decode()
    client.post(url, {"support": "1"})
    project.contribution.refresh_from_db()
    assert project.contribution.support_count == 1  # closed: no new support
    client.force_login(citizen)
    client.post(url, {"support": "0"})
    project.contribution.refresh_from_db()
    assert project.contribution.support_count == 1  # closed: counts are final, no withdrawal either


def test_comments_on_a_remark(client, consultation, projects, citizen, make_citizen):
    remark = remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="مشكل"))
    other = make_citizen()
    client.force_login(other)
    url = consultation.url + f"remarks/{remark.pk}/"
    assert 'name="text"' in client.get(url).content.decode()
    response = client.post(
        f"/ar/participation/contributions/{remark.contribution_id}/comment/", {"text": "أتفق معك", "next": url}
    )
    assert response.status_code == 302
    assert "أتفق معك" in client.get(url).content.decode()


def test_unknown_project_is_404(client, consultation, projects):
    assert client.get(consultation.url + "projects/999/").status_code == 404


def test_anonymous_pages_are_cached_except_near_a_phase_change(client, consultation, projects, moving_clock, settings):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 300
    url = consultation.url + "projects/68/"
    client.get(url)
    assert client.get(url).headers.get("X-Page-Cache") == "hit"
    # two minutes before closing, a cached copy could outlive the window: not cached
    moving_clock.set(consultation.closes_at - timedelta(minutes=2))
    other = consultation.url + "projects/70/"
    client.get(other)
    assert client.get(other).headers.get("X-Page-Cache") != "hit"


def test_every_page_is_valid_html_in_every_phase(client, consultation, consultation_fr, projects, citizen, moving_clock):
    remark = remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="<b>x</b>"))
    proposal = remark_create(consultation=consultation, author=citizen, card=Card(problem="p"), proposal_title="t")
    client.force_login(citizen)
    open_urls = [
        consultation.url + "propose/",
        consultation.url + f"remarks/{remark.pk}/",
        consultation.url + f"remarks/{proposal.pk}/",
        consultation.url + f"remarks/{remark.pk}/edit/",
        consultation.url + f"remarks/{remark.pk}/withdraw/",
        consultation_fr.url + f"remarks/{proposal.pk}/edit/",
    ]
    for url in open_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        _valid_html(response.content)
        assert "<b>x</b>" not in response.content.decode()  # citizen text is escaped
    moving_clock.set(consultation.opens_at - timedelta(hours=1))
    for url in (consultation.url, consultation_fr.url + "projects/70/"):
        _valid_html(client.get(url).content)
    moving_clock.set(consultation.closes_at)
    consultation.synthesis_published = True
    consultation.synthesis_expected_on = date(2026, 12, 1)
    consultation.save()
    for url in (consultation.url, consultation_fr.url, consultation.url + "projects/68/"):
        _valid_html(client.get(url).content)
    client.logout()
    _valid_html(client.get(consultation.url).content)


def test_remark_hidden_by_moderation_leaves_lists_and_figures(client, consultation, projects, citizen, focal):
    from participation.consultations.selectors import figures
    from participation.core.services import moderation_hide

    remark = remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="إهانة"))
    moderation_hide(by=focal, reason="لغة غير لائقة", contribution=remark.contribution)
    assert "إهانة" not in client.get(consultation.url + "projects/68/").content.decode()
    assert client.get(consultation.url + f"remarks/{remark.pk}/").status_code == 404
    assert figures(consultation=consultation).remarks == 0
    client.force_login(citizen)  # the author still reads it, with the reason
    body = client.get(consultation.url + f"remarks/{remark.pk}/").content.decode()
    assert "لغة غير لائقة" in body


def test_posting_too_fast_is_refused_and_input_kept(client, consultation, projects, citizen, settings, monkeypatch):
    from participation.consultations import views

    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_RATES = {}
    client.force_login(citizen)
    url = consultation.url + "projects/68/"
    monkeypatch.setattr(views, "REMARK_RATE", "2/h")
    for i in range(2):
        assert client.post(url, {"problem": f"ملاحظة {i}"}).status_code == 302
    response = client.post(url, {"problem": "ملاحظة ثالثة"})
    assert response.status_code == 200
    assert "ملاحظة ثالثة" in response.content.decode()
    assert Remark.objects.count() == 2


def test_project_counts_on_the_consultation_page_follow_every_change(client, consultation, projects, citizen, focal):
    """The project rows and counts come from the content cache: a new remark, then its hiding
    by a moderator, show on the next request."""
    import re

    from participation.core.services import moderation_hide

    def remark_count_of_68() -> str:
        html = client.get(consultation.url).content.decode()
        row = re.search(r"<th scope=\"row\">68 — [^<]*</th><td>(\d+)</td>", html)
        assert row, "the remarks chart table lists project 68"
        return row.group(1)

    client.force_login(citizen)
    assert remark_count_of_68() == "0"
    remark = remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="ملاحظة"))
    assert remark_count_of_68() == "1"
    moderation_hide(by=focal, reason="خارج الموضوع", contribution=remark.contribution)
    assert remark_count_of_68() == "0"


def test_cached_remark_lists_follow_every_change(client, consultation, consultation_fr, projects, citizen):
    """The project cards, the proposals and a project's remarks are cached HTML shared by every
    visitor: an edit, a withdrawal, a new proposal and a second page show on the next request,
    in both languages, and a viewer's own links are never part of them."""
    from participation.consultations.selectors import REMARKS_PER_PAGE
    from participation.consultations.services import remark_update, remark_withdraw
    from tests.factories import UserFactory

    project_url = consultation.url + "projects/68/"
    client.force_login(UserFactory(display_name="Youssef", email="youssef.viewer@example.ma"))
    remark = remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="حفرة أولى"))
    assert "حفرة أولى" in client.get(project_url).content.decode()
    remark_update(remark=remark, by=citizen, card=Card(problem="حفرة بعد التعديل"))
    body = client.get(project_url).content.decode()
    assert "حفرة بعد التعديل" in body and "حفرة أولى" not in body
    assert "Texte" not in body
    french = client.get(consultation_fr.url + "projects/68/").content.decode()
    assert "حفرة بعد التعديل" in french and "Lire et commenter" in french
    remark_withdraw(remark=remark, by=citizen)
    assert "حفرة بعد التعديل" not in client.get(project_url).content.decode()

    assert "مكتبة الحي" not in client.get(consultation.url).content.decode()
    remark_create(
        consultation=consultation, project=None, author=citizen, card=Card(problem="لا مكتبة"), proposal_title="مكتبة الحي"
    )
    assert "مكتبة الحي" in client.get(consultation.url).content.decode()

    for i in range(REMARKS_PER_PAGE + 1):
        remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem=f"ملاحظة رقم {i}"))
    first, second = (client.get(f"{project_url}?page={n}").content.decode() for n in (1, 2))
    assert "ملاحظة رقم 0" in second and "ملاحظة رقم 0" not in first
    assert f"ملاحظة رقم {REMARKS_PER_PAGE}" in first


def test_the_cached_empty_card_is_each_viewers_own(client, consultation, consultation_fr, projects, make_citizen):
    """The empty remarks card comes from the cache, but each viewer gets their own association
    choice, in their language, and a refused card comes back with what was typed."""
    first = make_citizen(association_name="جمعية الأمل", association_verified=True)
    second = make_citizen(association_name="جمعية النور", association_verified=True)
    plain = make_citizen()
    project_url = consultation.url + "projects/68/"
    pages = {}
    for user in (first, second, plain):
        client.force_login(user)
        pages[user.pk] = client.get(project_url).content.decode()
    assert "جمعية الأمل" in pages[first.pk] and "جمعية النور" not in pages[first.pk]
    assert "جمعية النور" in pages[second.pk] and "جمعية الأمل" not in pages[second.pk]
    assert 'name="for_association"' not in pages[plain.pk]
    french = client.get(consultation_fr.url + "projects/68/").content.decode()
    assert "Le problème" in french

    typed = "حفرة كبيرة أمام المدرسة " * 200  # over the 3,000 characters a field takes
    response = client.post(project_url, {"problem": typed, "solutions": "ردمها"})
    body = response.content.decode()
    assert response.status_code == 200 and 'class="errorlist"' in body
    assert "ردمها" in body and "حفرة كبيرة أمام المدرسة" in body
    assert not Remark.objects.exists()
