"""The completed self-assessment questionnaire of a public year as a PDF (issue 12): real Arabic
letters (shaped, not presentation forms), the French texts when asked in French, the scores per
principle and overall (self-assessment and final once verified), the answers and the team's
corrections; no PDF for a draft year."""

from __future__ import annotations

import pytest

from participation.charter.label_pdf import assessment_pdf_bytes
from participation.charter.models import AnswerChoice, Assessment, AssessmentStatus, Question
from tests.charter.conftest import make_questionnaire
from tests.charter.test_label_pages import (
    CORRECTIONS,
    NOTE_AR,
    QUESTIONS,
    SUMMARY_AR,
    build_assessment,
    pct,
    pdf_url,
)
from tests.pdf_checks import assert_contains, assert_letters_not_glyph_forms, pdf_text

pytestmark = pytest.mark.django_db

QUESTION_AR = "هل قام المجلس بإعداد برنامج عمل الجماعة"
QUESTION_FR = "Le conseil a-t-il préparé le programme d'action de la commune"
ANSWER_AR = "تنشر المحاضر كاملة"
ANSWER_FR = "Les procès-verbaux sont publiés en entier"
CORRECTED_AR = "تنشر بعض المحاضر"
CORRECTED_FR = "Certaines sessions publiées"


@pytest.fixture
def questionnaire(commune_site, principles):
    questionnaire = make_questionnaire(commune_site, questions=QUESTIONS)
    Question.objects.filter(section__questionnaire=questionnaire, code="1.1").update(
        text_ar=QUESTION_AR,
        text_fr=QUESTION_FR,
        verification_sources_ar="محضر الدورة",
        verification_sources_fr="Procès-verbal de la session",
    )
    choices = AnswerChoice.objects.filter(
        question__section__questionnaire=questionnaire, question__code="1.3"
    )
    choices.filter(sort_order=2).update(text_ar=ANSWER_AR, text_fr=ANSWER_FR)
    choices.filter(sort_order=1).update(text_ar=CORRECTED_AR, text_fr=CORRECTED_FR)
    return questionnaire


@pytest.fixture
def verified(label, questionnaire):
    return build_assessment(
        label[0],
        questionnaire,
        year=2025,
        status=AssessmentStatus.VERIFIED,
        corrections=CORRECTIONS,
        summary_ar=SUMMARY_AR,
    )


def _compact(text: str) -> str:
    return text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")


def test_the_arabic_pdf_has_the_letters_the_answers_and_the_scores(client, label, verified):
    response = client.get(pdf_url(label[0], 2025))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF")
    assert_letters_not_glyph_forms(data)
    assert_contains(
        data,
        QUESTION_AR,
        "الهيئات المنتخبة",
        ANSWER_AR,
        CORRECTED_AR,
        "محضر الدورة",
        SUMMARY_AR,
        NOTE_AR,
        "محضر الدورة غير منشور",
        "الشفافية وربط المسؤولية بالمحاسبة",
        "جماعة العرائش",
        "2025",
    )
    text = _compact(pdf_text(data))
    # self: 8/14 = 57.1 %, transparency 4/4; final: 6/14 = 42.9 %, transparency 2/4
    for number in ("8/14", "6/14", "4/4", "2/4", "0/5", "4/5"):
        assert number in text, number
    for score in ("57.1", "42.9", "80", "50"):
        assert _compact(pct(score, "ar")) in text, score


def test_the_french_pdf_has_the_french_texts(client, label, verified):
    data = client.get(pdf_url(label[1], 2025)).content
    assert_contains(
        data,
        QUESTION_FR,
        "Organes élus",
        ANSWER_FR,
        CORRECTED_FR,
        "Procès-verbal de la session",
        "Transparence et reddition des comptes",
        "Commune de Larache",
        "L'équipe technique a vérifié les sources sur place",
    )
    text = _compact(pdf_text(data))
    assert "57,1" in text and "42,9" in text and "8/14" in text and "6/14" in text
    assert "الجواب" not in pdf_text(data)  # the answers in French


def test_a_validated_year_has_its_self_assessment_scores_only(label, questionnaire):
    assessment = build_assessment(label[0], questionnaire, year=2024)
    data = assessment_pdf_bytes(assessment=assessment, page=label[1], language="fr")
    text = _compact(pdf_text(data))
    assert "57,1" in text and "8/14" in text and "6/14" not in text and "محضر" not in text


def test_a_draft_year_has_no_pdf(client, label, questionnaire, focal_point):
    build_assessment(label[0], questionnaire, year=2026, status=AssessmentStatus.DRAFT)
    assert Assessment.objects.get(year=2026).status == AssessmentStatus.DRAFT
    assert client.get(pdf_url(label[0], 2026)).status_code == 404
    client.force_login(focal_point)
    assert client.get(pdf_url(label[1], 2026)).status_code == 404
