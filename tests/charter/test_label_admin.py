"""The label's staff screens (Arabic by default, French): the list, a label's overview and opening
a year, the fill-in screen saved section by section (what was typed kept on a refusal), the
validation screen listing the unanswered questions, the verification (a correction needs a
note; self and verified scores side by side), the action plan with its weak points, the
questionnaire snippets scoped to the user's communes, the menu item and the page button."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from participation.charter import assessments
from participation.charter.models import (
    ActionPlanItem,
    Answer,
    AnswerEvidence,
    Assessment,
    AssessmentStatus,
    Question,
    Questionnaire,
)
from site_template.communes.services import CommuneSpec, commune_create
from tests.charter.conftest import make_questionnaire
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%label\n%%EOF\n"


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
def page(label, commune_site, principles):
    label_ar, _fr = label
    label_ar.questionnaire = make_questionnaire(commune_site, questions=[
        ("participation", [0, 1, 2]), ("transparency", [0, 2, 4]), ("innovation", [0, 1]),
    ])
    label_ar.save()
    return label_ar


def _questions(page):
    return list(Question.objects.filter(section__questionnaire=page.questionnaire).prefetch_related("choices")
                .order_by("sort_order"))


def _points(question, points):
    return next(c for c in question.choices.all() if c.points == points)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_list_the_overview_and_opening_a_year(client, page, label, focal_point, language):
    _login(client, focal_point, language)
    response = client.get("/admin/label/")
    html = response.content.decode()
    assert response.status_code == 200 and f'lang="{language}"' in html and f"/admin/label/{page.pk}/" in html
    response = client.get(f"/admin/label/{label[1].pk}/")  # the French copy names the same label
    assert response.status_code == 200 and f"/admin/label/{page.pk}/open/" in response.content.decode()
    response = client.post(f"/admin/label/{page.pk}/open/", {"year": "2025"})
    assert response.status_code == 302 and response["Location"] == f"/admin/label/{page.pk}/2025/"
    response = client.post(f"/admin/label/{page.pk}/open/", {"year": "2025"})  # already open
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert Assessment.objects.filter(label=page).count() == 1
    html = client.get("/admin/label/").content.decode()
    assert 'data-status="draft"' in html


def test_the_fill_in_screen_saves_section_by_section(client, page, focal_point):
    assessment = assessments.assessment_open(label=page, year=2025, by=focal_point)
    q1, q2, q3 = _questions(page)
    _login(client, focal_point)
    url = f"/admin/label/{page.pk}/2025/"
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('type="radio"') == 3 + 3 + 2 and 'enctype="multipart/form-data"' in html
    assert 'data-overall="0.0"' in html  # the running score, before any answer
    save = f"{url}sections/{q1.section_id}/"
    data = {
        f"q{q1.pk}-choice": str(_points(q1, 2).pk), f"q{q1.pk}-comment": "محضر الدورة الأولى",
        f"q{q2.pk}-choice": str(_points(q2, 2).pk),
        f"q{q1.pk}-evidence_title": "محضر", f"q{q1.pk}-evidence_file": SimpleUploadedFile("pv.pdf", PDF),
    }
    response = client.post(save, data)
    assert response.status_code == 302 and response["Location"] == f"{url}?section={q1.section_id}"
    answers = {a.question_id: a for a in Answer.objects.filter(assessment=assessment)}
    assert answers[q1.pk].choice.points == 2 and answers[q1.pk].comment == "محضر الدورة الأولى"
    assert answers[q1.pk].answered_by == focal_point and answers[q2.pk].choice.points == 2
    assert AnswerEvidence.objects.get().answer == answers[q1.pk]
    html = client.get(url).content.decode()
    # By hand: 2 + 2 of 2 + 4 + 1 = 7 points: 57.1 %.
    assert 'data-overall="57.1"' in html and "محضر الدورة الأولى" in html
    evidence = AnswerEvidence.objects.get()
    assert f"/evidence/{evidence.pk}/" in html and f"/evidence/{evidence.pk}/remove/" in html


def test_a_refused_file_keeps_what_was_typed(client, page, focal_point):
    assessments.assessment_open(label=page, year=2025, by=focal_point)
    q1, q2, q3 = _questions(page)
    _login(client, focal_point)
    url = f"/admin/label/{page.pk}/2025/sections/{q1.section_id}/"
    response = client.post(url, {
        f"q{q3.pk}-choice": str(_points(q3, 1).pk), f"q{q3.pk}-comment": "تعليق لم يضع",
        f"q{q3.pk}-evidence_title": "برنامج", f"q{q3.pk}-evidence_file": SimpleUploadedFile("x.exe", b"MZ"),
    })
    html = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in html
    assert "تعليق لم يضع" in html and 'value="برنامج"' in html
    assert not AnswerEvidence.objects.exists()
    response = client.post(url, {f"q{q3.pk}-evidence_file": SimpleUploadedFile("a.pdf", PDF)})  # no title
    assert response.status_code == 200 and not AnswerEvidence.objects.exists()
    # A file before the answer: kept on an answer not given yet (no point).
    response = client.post(url, {f"q{q3.pk}-evidence_title": "قرار", f"q{q3.pk}-evidence_file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 302
    evidence = AnswerEvidence.objects.get()
    assert evidence.answer.question == q3 and evidence.answer.choice is None and evidence.answer.comment == ""


def test_the_validation_screen_lists_the_unanswered_questions(client, page, focal_point, administrator):
    assessment = assessments.assessment_open(label=page, year=2025, by=focal_point)
    q1, q2, q3 = _questions(page)
    assessments.answer_save(assessment=assessment, question=q1, choice=_points(q1, 1), comment="", by=focal_point)
    _login(client, administrator, "fr")
    url = f"/admin/label/{page.pk}/2025/validate/"
    html = client.get(url).content.decode()
    assert 'data-unanswered="2"' in html and q2.text_fr in html and q3.text_fr in html
    assert 'data-overall="14.3"' in html  # 1 of 7
    response = client.post(url, {"validated_as": "Le président", "confirm": "on"})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.VALIDATED and assessment.self_scores["overall"] == "14.3"
    response = client.get(url)  # validated: back to the overview
    assert response.status_code == 302 and response["Location"] == f"/admin/label/{page.pk}/"
    assert client.get(f"/admin/label/{page.pk}/2025/").status_code == 302  # no more filling in


@pytest.fixture
def validated(page, focal_point, administrator):
    assessment = assessments.assessment_open(label=page, year=2025, by=focal_point)
    q1, q2, q3 = _questions(page)
    for question, points in ((q1, 2), (q2, 4), (q3, 0)):
        assessments.answer_save(assessment=assessment, question=question, choice=_points(question, points),
                                comment="", by=focal_point)
    return assessments.assessment_validate(assessment=assessment, validated_as="الرئيس", by=administrator)


def test_the_verification_screen_confirms_and_corrects(client, page, validated, focal_point):
    q1, q2, q3 = _questions(page)
    answers = {a.question_id: a for a in Answer.objects.filter(assessment=validated)}
    _login(client, focal_point)
    url = f"/admin/label/{page.pk}/2025/verify/"
    html = client.get(url).content.decode()
    assert 'data-overall="85.7"' in html and 'data-verified-overall="85.7"' in html  # 6 of 7
    data = {f"a{answers[q.pk].pk}-choice": str(answers[q.pk].choice_id) for q in (q1, q2, q3)}
    data[f"a{answers[q2.pk].pk}-choice"] = str(_points(q2, 2).pk)  # corrected, no note
    response = client.post(url, data)
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert Answer.objects.get(pk=answers[q2.pk].pk).verified_choice is None
    data[f"a{answers[q2.pk].pk}-note"] = "التقرير غير منشور"
    response = client.post(url, data)
    assert response.status_code == 302
    html = client.get(url).content.decode()
    # By hand after verification: 2 + 2 + 0 = 4 of 7: 57.1 %; the commune's 85.7 % beside it.
    assert 'data-verified-overall="57.1"' in html and 'data-overall="85.7"' in html
    assert 'data-corrected="1"' in html
    response = client.post(f"{url}close/", {"visit_on": "2025-11-03", "team": "الفريق التقني", "note_ar": "تقرير"})
    assert response.status_code == 302 and response["Location"] == f"/admin/label/{page.pk}/2025/plan/"
    validated.refresh_from_db()
    assert validated.status == AssessmentStatus.VERIFIED and validated.final_scores["overall"] == "57.1"


def test_closing_the_verification_refuses_a_future_visit(client, page, validated, focal_point):
    _login(client, focal_point)
    response = client.post(f"/admin/label/{page.pk}/2025/verify/close/", {"visit_on": "2999-01-01", "team": "x"})
    assert response.status_code == 200 and 'value="2999-01-01"' in response.content.decode()
    validated.refresh_from_db()
    assert validated.status == AssessmentStatus.VALIDATED


def test_the_action_plan_screen(client, page, validated, focal_point, principles):
    q1, q2, q3 = _questions(page)
    _login(client, focal_point)
    url = f"/admin/label/{page.pk}/2025/plan/"
    html = client.get(url).content.decode()
    assert f'data-weak-point="{q3.code}"' in html and f'data-weak-point="{q1.code}"' not in html
    response = client.get(f"{url}?question={q3.pk}")
    assert response.status_code == 200
    response = client.post(url, {
        "title_ar": "إطلاق خدمة رقمية", "title_fr": "Lancer un service en ligne", "principle": principles["innovation"].pk,
        "question": q3.pk, "owner_ar": "قسم المعلوميات", "due_on": "2026-06-30", "status": "planned",
    })
    assert response.status_code == 302 and response["Location"] == url
    action = ActionPlanItem.objects.get(assessment=validated)
    assert action.number == 1 and action.question == q3 and action.owner_ar == "قسم المعلوميات"
    response = client.post(f"{url}1/", {"title_ar": "إطلاق خدمة رقمية", "principle": principles["innovation"].pk,
                                        "status": "in_progress"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "in_progress" and ActionPlanItem.objects.count() == 1
    response = client.post(url, {"title_ar": "", "principle": principles["innovation"].pk, "status": "planned"})
    assert response.status_code == 200 and ActionPlanItem.objects.count() == 1
    html = client.get(url).content.decode()
    assert 'data-plan-action="1"' in html and "إطلاق خدمة رقمية" in html


def test_a_draft_has_no_plan_and_no_verification_yet(client, page, focal_point):
    assessments.assessment_open(label=page, year=2025, by=focal_point)
    _login(client, focal_point)
    for url in (f"/admin/label/{page.pk}/2025/plan/", f"/admin/label/{page.pk}/2025/verify/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == f"/admin/label/{page.pk}/"


def test_the_questionnaire_snippets_list_only_the_users_communes(client, page, focal_point):
    site = commune_create(spec=CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar",
                                           hostname="ksar.test"))
    other = make_questionnaire(site, questions=[("participation", [0, 1])])
    Questionnaire.objects.filter(pk=other.pk).update(title_ar="استمارة القصر الكبير")
    other_question = Question.objects.get(section__questionnaire=other)
    _login(client, focal_point)
    response = client.get("/admin/snippets/charter/questionnaire/")
    html = response.content.decode()
    assert response.status_code == 200 and "استمارة القصر الكبير" not in html
    assert client.get(f"/admin/snippets/charter/questionnaire/edit/{other.pk}/").status_code in (403, 404)
    own = _questions(page)[0]
    assert client.get(f"/admin/snippets/charter/question/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/charter/question/edit/{other_question.pk}/").status_code in (403, 404)
    assert client.get(f"/admin/snippets/charter/questionnaire/edit/{page.questionnaire_id}/").status_code == 200


def test_menu_and_page_button(client, page, focal_point, communicator, administrator):
    html = _login(client, focal_point).get("/admin/").content.decode()
    assert '"url": "/admin/label/"' in html
    html = _login(client, administrator).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f'href="/admin/label/{page.pk}/"' in html  # the focal point edits no page: the administrator does
    html = _login(client, communicator).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert '"url": "/admin/label/"' not in html and f'href="/admin/label/{page.pk}/"' not in html


def test_another_communes_focal_point_gets_403_on_every_screen(client, validated, page):
    site = commune_create(spec=CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar",
                                           hostname="ksar.test"))
    stranger = UserFactory(focal_point=True, site=site, email="ksar@example.ma")
    _login(client, stranger)
    base = f"/admin/label/{page.pk}/"
    for url in (base, f"{base}2025/verify/", f"{base}2025/plan/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"{base}2025/verify/close/", {"visit_on": "2025-01-02", "team": "x"}).status_code == 403
    validated.refresh_from_db()
    assert validated.status == AssessmentStatus.VALIDATED


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_demo_screens_render(client, demo_commune, language):
    from participation.charter.models import LabelPage

    label_ar = LabelPage.objects.get(slug="citizen-commune-label", locale__language_code="ar")
    administrator = UserFactory(administrator=True, email="demo-admin@example.ma")
    _login(client, administrator, language)
    base = f"/admin/label/{label_ar.pk}/"
    html = client.get("/admin/label/").content.decode()
    assert html.count('data-status="verified"') == 2 and 'data-status="draft"' in html
    for url in (base, f"{base}2026/", f"{base}2026/validate/", f"{base}2025/plan/", f"{base}2024/plan/"):
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get(f"{base}2025/plan/").content.decode()
    assert html.count("data-plan-action=") == 5 and "data-weak-point=" in html
    html = client.get(f"{base}2026/validate/").content.decode()
    assert 'data-unanswered="18"' in html


def test_an_answer_a_self_assessment_gave_cannot_be_removed_from_its_question(client, page, focal_point):
    """Deleting an answered choice inline would hit its protected answers (a 500): the form says why."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    assessment = assessments.assessment_open(label=page, year=2025, by=focal_point)
    question = _questions(page)[0]
    given = _points(question, 1)
    assessments.answer_save(assessment=assessment, question=question, choice=given, comment="", by=focal_point)
    _login(client, focal_point, "fr")
    choices = list(question.choices.order_by("sort_order"))
    data = nested_form_data({
        "section": question.section_id, "code": question.code, "sort_order": question.sort_order,
        "text_ar": question.text_ar, "text_fr": question.text_fr, "principle": question.principle_id,
        "help_ar": "", "help_fr": "", "verification_sources_ar": "", "verification_sources_fr": "",
        "choices": inline_formset(
            [{"id": c.pk, "text_ar": c.text_ar, "text_fr": c.text_fr, "points": c.points, "ORDER": n,
              "DELETE": "1" if c.pk == given.pk else ""} for n, c in enumerate(choices, start=1)],
            initial=len(choices), min=2,
        ),
    })
    url = f"/admin/snippets/charter/question/edit/{question.pk}/"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "La réponse « Réponse 1 » a été donnée dans une autoévaluation" in response.content.decode()
    assert question.choices.filter(pk=given.pk).exists()
    # An answer nobody gave can go.
    data["choices-0-DELETE"] = "1"
    data["choices-1-DELETE"] = ""
    response = client.post(url, data)
    assert response.status_code == 302 and not question.choices.filter(pk=choices[0].pk).exists()


def test_a_section_a_self_assessment_answered_cannot_be_removed(client, page, focal_point):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    assessment = assessments.assessment_open(label=page, year=2025, by=focal_point)
    question = _questions(page)[0]
    assessments.answer_save(assessment=assessment, question=question, choice=_points(question, 1), comment="",
                            by=focal_point)
    questionnaire = page.questionnaire
    section = questionnaire.sections.get()
    _login(client, focal_point, "fr")
    data = nested_form_data({
        "site": questionnaire.site_id, "title_ar": questionnaire.title_ar, "title_fr": questionnaire.title_fr,
        "introduction_ar": "", "introduction_fr": "",
        "sections": inline_formset([{"id": section.pk, "number": 1, "title_ar": section.title_ar,
                                     "title_fr": section.title_fr, "ORDER": 1, "DELETE": "1"}], initial=1),
    })
    response = client.post(f"/admin/snippets/charter/questionnaire/edit/{questionnaire.pk}/", data)
    assert response.status_code == 200
    assert "a reçu des réponses dans une autoévaluation" in response.content.decode()
    assert questionnaire.sections.filter(pk=section.pk).exists() and Question.objects.filter(pk=question.pk).exists()
