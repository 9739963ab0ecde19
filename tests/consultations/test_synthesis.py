"""Paper remarks, the committee's synthesis per project and per remark, public in both languages."""

import pytest
from django.core.exceptions import ValidationError

from participation.consultations.models import Remark
from participation.consultations.services import (
    Card,
    consultation_sync_translations,
    paper_remark_create,
    project_set_synthesis,
    remark_create,
    remark_set_decision,
)
from participation.notifications.models import Notification, NotificationEvent

pytestmark = pytest.mark.django_db


def test_staff_type_in_paper_remarks_marked_as_such(client, focal, consultation, projects):
    client.force_login(focal)
    url = f"/admin/consultations/{consultation.pk}/paper/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"on_behalf_of_name": "فاطمة", "project": projects[1].pk, "problem": "غياب الحراسة"},
    )
    assert response.status_code == 302
    remark = Remark.objects.get()
    assert remark.entered_by_staff and remark.entered_by == focal and remark.author is None
    assert remark.contribution.entered_by_staff
    body = client.get(consultation.url + "projects/70/").content.decode()
    assert "فاطمة" in body
    assert "Paper remark typed in by the commune" in body or "ورقية" in body or "الجماعة" in body


def test_paper_remark_needs_a_card_and_a_project_or_title(consultation, focal):
    with pytest.raises(ValidationError):
        paper_remark_create(consultation=consultation, entered_by=focal, on_behalf_of_name="x", card=Card())
    with pytest.raises(ValidationError):
        paper_remark_create(consultation=consultation, entered_by=focal, on_behalf_of_name="x", card=Card(problem="p"))


def test_synthesis_only_after_closing_and_public_in_both_languages(
    client, focal, citizen, consultation, consultation_fr, projects, moving_clock
):
    remark = remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="مشكل"))
    with pytest.raises(ValidationError):
        remark_set_decision(remark=remark, decision="retained", reason="r", by=focal)
    moving_clock.set(consultation.closes_at)
    remark_set_decision(remark=remark, decision="partly_retained", reason="سبب اللجنة", by=focal)
    project_set_synthesis(
        project=projects[0],
        decision="retained",
        reason_ar="سبب بالعربية",
        reason_fr="Raison en français",
        revised_text_ar="النص المعدل",
        revised_text_fr="Texte révisé",
    )
    # not public until published
    assert "سبب اللجنة" not in client.get(consultation.url + "projects/68/").content.decode()
    consultation.synthesis_published = True
    consultation.save_revision().publish()
    # the French page reads the Arabic page's switch; the admin publish hook also copies it
    consultation_sync_translations(consultation=consultation)
    consultation_fr.refresh_from_db()
    assert consultation_fr.synthesis_published
    ar = client.get(consultation.url).content.decode()
    assert "سبب بالعربية" in ar
    fr = client.get(consultation_fr.url).content.decode()
    assert "Raison en français" in fr
    project_fr = client.get(consultation_fr.url + "projects/68/").content.decode()
    assert "Texte révisé" in project_fr and "سبب اللجنة" in project_fr


def test_admin_synthesis_view_saves_decisions(client, focal, citizen, consultation, projects, moving_clock):
    remark = remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="مشكل"))
    client.force_login(focal)
    url = f"/admin/consultations/{consultation.pk}/synthesis/{projects[0].pk}/"
    assert client.get(url).status_code == 200
    client.post(url, {"decision": "retained", f"decision-{remark.pk}": "retained"})
    remark.refresh_from_db()
    assert remark.decision == ""  # still open: refused
    moving_clock.set(consultation.closes_at)
    response = client.post(
        url,
        {
            "decision": "partly_retained",
            "decision_reason_ar": "سبب",
            "revised_text_ar": "نص",
            f"decision-{remark.pk}": "not_retained",
            f"reason-{remark.pk}": "خارج اختصاص الجماعة",
        },
    )
    assert response.status_code == 302
    remark.refresh_from_db()
    projects[0].refresh_from_db()
    assert remark.decision == "not_retained" and remark.decision_reason == "خارج اختصاص الجماعة"
    assert projects[0].decision == "partly_retained" and projects[0].revised_text_ar == "نص"
    assert client.get(f"/admin/consultations/{consultation.pk}/").status_code == 200


def test_published_synthesis_gives_each_remark_thread_its_status_and_answer(
    consultation, projects, citizen, focal, moving_clock
):
    from participation.consultations.services import synthesis_publish_to_threads

    kept = remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="a"))
    dropped = remark_create(consultation=consultation, project=projects[1], author=citizen, card=Card(problem="b"))
    undecided = remark_create(consultation=consultation, project=projects[1], author=citizen, card=Card(problem="c"))
    moving_clock.set(consultation.closes_at)
    remark_set_decision(remark=kept, decision="retained", reason="مدرجة", by=focal)
    remark_set_decision(remark=dropped, decision="not_retained", reason="خارج الاختصاص", by=focal)
    assert synthesis_publish_to_threads(consultation=consultation, by=focal) == 0  # not public yet
    consultation.synthesis_published = True
    consultation.save()
    assert synthesis_publish_to_threads(consultation=consultation, by=focal) == 2
    assert synthesis_publish_to_threads(consultation=consultation, by=focal) == 0  # idempotent
    for remark, status in ((kept, "accepted"), (dropped, "not_retained"), (undecided, "received")):
        remark.contribution.refresh_from_db()
        assert remark.contribution.status == status
    assert dropped.contribution.official_answer == "خارج الاختصاص"
    # The author hears of each decided remark once (the publication ran three times); not of the undecided one.
    assert sorted(Notification.objects.filter(user=citizen).values_list("contribution_id", "event")) == [
        (kept.contribution_id, NotificationEvent.OFFICIAL_ANSWER),
        (dropped.contribution_id, NotificationEvent.OFFICIAL_ANSWER),
    ]
