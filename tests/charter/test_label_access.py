"""Who may do what on a self-assessment, through the staff screens (exact status codes, nothing
changed): the focal point and the administrator edit a draft; the communicator and the
information officer neither edit nor validate; the focal point does not validate; another
commune's administrator sees nothing; evidence files go to the commune's label staff only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from participation.charter import assessments
from participation.charter.models import Answer, AnswerEvidence, Assessment, AssessmentStatus, Question
from site_template.communes.services import CommuneSpec, commune_create
from tests.charter.conftest import make_questionnaire
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%evidence\n%%EOF\n"


def _login(client, user, language: str = "ar"):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def draft(label, commune_site, principles, focal_point):
    label_ar, _fr = label
    label_ar.questionnaire = make_questionnaire(commune_site, questions=[("participation", [0, 1, 2]),
                                                                         ("transparency", [0, 2])])
    label_ar.save()
    assessment = assessments.assessment_open(label=label_ar, year=2025, by=focal_point)
    question = Question.objects.filter(section__questionnaire=label_ar.questionnaire).order_by("sort_order").first()
    answer = assessments.answer_save(assessment=assessment, question=question, choice=question.choices.first(),
                                     comment="أول", by=focal_point)
    evidence = assessments.evidence_add(answer=answer, title="محضر", uploaded_file=SimpleUploadedFile("a.pdf", PDF),
                                        by=focal_point)
    return label_ar, assessment, question, evidence


def _urls(label_ar, assessment, question, evidence) -> dict[str, str]:
    base = f"/admin/label/{label_ar.pk}/"
    year = f"{base}{assessment.year}/"
    return {
        "overview": base, "fill": year, "validate": f"{year}validate/",
        "evidence": f"{year}evidence/{evidence.pk}/",
    }


def _post_answer(client, label_ar, assessment, question):
    best = question.choices.order_by("-points").first()
    section = question.section_id
    return client.post(f"/admin/label/{label_ar.pk}/{assessment.year}/sections/{section}/",
                       {f"q{question.pk}-choice": str(best.pk), f"q{question.pk}-comment": "تغيير"})


def _unchanged(assessment, question):
    assessment.refresh_from_db()
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert assessment.status == AssessmentStatus.DRAFT and assessment.self_scores == {}
    assert answer.comment == "أول" and answer.choice.points == 0


@pytest.mark.parametrize("who", ["focal_point", "administrator"])
def test_the_focal_point_and_the_administrator_edit_a_draft(client, draft, who, request):
    label_ar, assessment, question, evidence = draft
    _login(client, request.getfixturevalue(who))
    for name, url in _urls(*draft).items():
        if name == "validate" and who == "focal_point":
            continue
        assert client.get(url).status_code == 200, url
    response = _post_answer(client, label_ar, assessment, question)
    assert response.status_code == 302
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert answer.comment == "تغيير" and answer.choice.points == 2


@pytest.mark.parametrize("who", ["communicator", "officer"])
def test_the_communicator_and_the_officer_neither_edit_nor_validate(client, draft, who, request):
    label_ar, assessment, question, evidence = draft
    _login(client, request.getfixturevalue(who))
    for url in _urls(*draft).values():
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/", url  # Wagtail's "permission denied"
    assert _post_answer(client, label_ar, assessment, question).status_code == 302
    response = client.post(f"/admin/label/{label_ar.pk}/{assessment.year}/validate/",
                           {"validated_as": "x", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = client.post(f"/admin/label/{label_ar.pk}/{assessment.year}/evidence/{evidence.pk}/remove/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    _unchanged(assessment, question)
    assert AnswerEvidence.objects.filter(pk=evidence.pk).exists()
    assert f"/admin/label/{label_ar.pk}/" not in client.get("/admin/label/").content.decode()


def test_the_focal_point_does_not_validate(client, draft, focal_point):
    label_ar, assessment, question, _evidence = draft
    _login(client, focal_point)
    url = f"/admin/label/{label_ar.pk}/{assessment.year}/validate/"
    assert client.get(url).status_code == 302
    response = client.post(url, {"validated_as": "العنصر المحوري", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    _unchanged(assessment, question)
    for screen in (f"/admin/label/{label_ar.pk}/{assessment.year}/", f"/admin/label/{label_ar.pk}/"):
        html = client.get(screen).content.decode()
        assert url not in html  # no link to a screen the user may not use


def test_the_administrator_validates(client, draft, administrator):
    label_ar, assessment, _question, _evidence = draft
    _login(client, administrator)
    url = f"/admin/label/{label_ar.pk}/{assessment.year}/validate/"
    response = client.post(url, {"validated_as": "رئيس المجلس"})  # not confirmed
    assert response.status_code == 200
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    response = client.post(url, {"validated_as": "رئيس المجلس", "confirm": "on"})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.VALIDATED and assessment.validated_as == "رئيس المجلس"


@pytest.fixture
def other_admin(db, commune_site):
    site = commune_create(spec=CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar",
                                           hostname="ksar.test"))
    return UserFactory(administrator=True, site=site, email="ksar-admin@example.ma")


def test_another_communes_administrator_sees_nothing(client, draft, other_admin):
    label_ar, assessment, question, evidence = draft
    _login(client, other_admin)
    for url in _urls(*draft).values():
        response = client.get(url)
        assert response.status_code == 403, url
        assert "محضر" not in response.content.decode() and "Content-Disposition" not in response
    assert _post_answer(client, label_ar, assessment, question).status_code == 403
    response = client.post(f"/admin/label/{label_ar.pk}/{assessment.year}/validate/",
                           {"validated_as": "x", "confirm": "on"})
    assert response.status_code == 403
    _unchanged(assessment, question)
    assert f"/admin/label/{label_ar.pk}/" not in client.get("/admin/label/").content.decode()


def test_evidence_files_go_to_the_communes_label_staff_only(client, draft, focal_point, citizen, communicator):
    label_ar, assessment, _question, evidence = draft
    url = f"/admin/label/{label_ar.pk}/{assessment.year}/evidence/{evidence.pk}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "Content-Disposition" not in anonymous
    _login(client, citizen)
    response = client.get(url)
    assert response.status_code in (302, 403) and "Content-Disposition" not in response
    _login(client, communicator)
    response = client.get(url)
    assert response.status_code == 302 and "Content-Disposition" not in response
    _login(client, focal_point)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"] and response["Cache-Control"].startswith("private, no-store")
    # An evidence id of another year of the same page is not found.
    other = assessments.assessment_open(label=label_ar, year=2026, by=focal_point)
    response = client.get(f"/admin/label/{label_ar.pk}/{other.year}/evidence/{evidence.pk}/", follow=True)
    assert response.status_code == 404 and "Content-Disposition" not in response


def test_a_citizen_never_reaches_a_draft(client, draft, citizen):
    label_ar, assessment, question, _evidence = draft
    _login(client, citizen)
    for url in _urls(*draft).values():
        response = client.get(url)
        assert response.status_code in (302, 403) and "أول" not in response.content.decode()
    _unchanged(assessment, question)
    assert Assessment.objects.count() == 1
