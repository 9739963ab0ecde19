"""The label's results and the years compared (``label_figures``), read from the frozen scores:
per principle in the commune's order, the shown score (final once verified), the comparison chart
with one series per public year (the latest ``YEARS_DRAWN`` drawn, every year in its table)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from participation.charter import label_selectors
from participation.charter.label_figures import YEARS_DRAWN, assessment_result, years_chart
from participation.charter.models import AnswerChoice, AssessmentStatus
from tests.charter.conftest import make_questionnaire
from tests.charter.test_label_pages import CORRECTIONS, QUESTIONS, build_assessment, pct

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire(commune_site, principles):
    return make_questionnaire(commune_site, questions=QUESTIONS)


def test_a_result_per_principle_in_the_communes_order(label, questionnaire, principles):
    assessment = build_assessment(
        label[0], questionnaire, year=2025, status=AssessmentStatus.VERIFIED, corrections=CORRECTIONS
    )
    result = assessment_result(assessment, label_selectors.label_principles(label=label[0]))
    assert [row.code for row in result.principles] == ["participation", "equality", "transparency"]
    by_code = {row.code: row for row in result.principles}
    assert (by_code["participation"].self_score.score, by_code["participation"].final_score.score) == (
        Decimal("80.0"),
        Decimal("80.0"),
    )
    assert (by_code["transparency"].self_score.points, by_code["transparency"].final_score.points) == (4, 2)
    assert by_code["transparency"].score == Decimal("50.0") and by_code["transparency"].changed
    assert not by_code["participation"].changed
    assert by_code["equality"].score == Decimal("0.0")
    assert (result.self_scores.overall, result.overall) == (Decimal("57.1"), Decimal("42.9"))
    assert result.verified


def test_a_result_keeps_the_frozen_scores_when_the_form_changes(label, questionnaire):
    assessment = build_assessment(label[0], questionnaire, year=2025)
    AnswerChoice.objects.filter(question__section__questionnaire=questionnaire).update(points=50)
    result = assessment_result(assessment, label_selectors.label_principles(label=label[0]))
    assert (result.overall, result.scores.points, result.scores.maximum) == (Decimal("57.1"), 8, 14)
    assert not result.verified and result.final_scores is None


def test_the_chart_has_one_series_per_public_year(label, questionnaire):
    build_assessment(label[0], questionnaire, year=2023, answers={"1.1": 0, "1.2": 1})
    build_assessment(label[0], questionnaire, year=2024)
    build_assessment(
        label[0], questionnaire, year=2025, status=AssessmentStatus.VERIFIED, corrections=CORRECTIONS
    )
    build_assessment(label[0], questionnaire, year=2026, status=AssessmentStatus.DRAFT)
    principles = label_selectors.label_principles(label=label[0])
    assessments = label_selectors.public_assessments(label=label[1])  # the French page reads the same years
    assert [a.year for a in assessments] == [2025, 2024, 2023]
    with translation.override("fr"):
        chart = years_chart([assessment_result(a, principles) for a in assessments], principles, rtl=False)
        assert [s.name for s in chart.series] == ["2023", "2024", "2025"]
        assert [g.label for g in chart.groups] == [
            "Participation",
            "Égalité et équité",
            "Transparence et reddition des comptes",
            "Score global",
        ]
        transparency = chart.groups[2]
        assert [bar.value for bar in transparency.bars] == [Decimal("0.0"), Decimal("100.0"), Decimal("50.0")]
        assert chart.table.headings == ["2023", "2024", "2025"]
        assert chart.table.rows[-1].cells == [pct("21.4", "fr"), pct("57.1", "fr"), pct("42.9", "fr")]


def test_the_chart_draws_the_latest_years_and_tables_them_all(label, questionnaire):
    for year in range(2019, 2026):
        build_assessment(label[0], questionnaire, year=year)
    principles = label_selectors.label_principles(label=label[0])
    results = [assessment_result(a, principles) for a in label_selectors.public_assessments(label=label[0])]
    chart = years_chart(results, principles, rtl=True)
    assert [s.name for s in chart.series] == [str(y) for y in range(2026 - YEARS_DRAWN, 2026)]
    assert chart.table.headings == [str(y) for y in range(2019, 2026)]
    assert all(len(row.cells) == 7 for row in chart.table.rows)
    assert chart.rtl and chart.anchor == "end"
