"""The Citizen-Commune Label's public pages in both languages (issue 12): the label page (what the
label is, the latest public result per principle and overall, hand-computed; the action plan with
its links; the years compared; every public year) and a year's completed questionnaire. A draft is
invisible everywhere public, to anonymous visitors, citizens and staff alike; fixed query counts.

``build_assessment`` (also used by the PDF and figures tests) makes a year's assessment with the
ORM alone: answers, then the scores frozen as the staff side freezes them."""

from __future__ import annotations

import datetime as dt
import re

import html5lib
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from participation.charter import scoring
from participation.charter.models import (
    ActionPlanItem,
    ActionStatus,
    Answer,
    Assessment,
    AssessmentStatus,
    Question,
)
from participation.core.charts import percent_text
from tests.charter.conftest import make_charter, make_commitment, make_label, make_questionnaire

pytestmark = pytest.mark.django_db

#: Four questions: two on participation (best answers 2 and 3 points), one on transparency (4),
#: one on equality (5): 14 points possible.
QUESTIONS = [
    ("participation", [0, 1, 2]),
    ("participation", [0, 3]),
    ("transparency", [0, 2, 4]),
    ("equality", [0, 5]),
]
#: The commune's answers (question code → answer index): 1 + 3 + 4 + (not answered) = 8 of 14.
ANSWERS = {"1.1": 1, "1.2": 1, "1.3": 2}
#: The technical team corrects 1.3 to the answer worth 2 points: 6 of 14.
CORRECTIONS = {"1.3": (1, "محضر الدورة غير منشور")}
NOTE_AR = "زار الفريق التقني الجماعة وتحقق من مصادر التحقق"
SUMMARY_AR = "تقييم ذاتي أنجزته الجماعة بمشاركة الموظفين"


def build_assessment(
    label,
    questionnaire,
    *,
    year: int,
    answers: dict[str, int] | None = None,
    status: str = AssessmentStatus.VALIDATED,
    corrections: dict | None = None,
    **fields,
) -> Assessment:
    """A year's assessment of ``label`` (the source page): the answers given (question code →
    index of the answer), then, unless a draft, the self-assessment's scores frozen and, when
    verified, every answer confirmed or corrected (``corrections``: code → (index, note)) and the
    final scores frozen."""
    answers = ANSWERS if answers is None else answers
    corrections = corrections or {}
    assessment = Assessment.objects.create(label=label, year=year, questionnaire=questionnaire, **fields)
    questions = {
        q.code: q
        for q in Question.objects.filter(section__questionnaire=questionnaire).prefetch_related("choices")
    }
    for code, index in answers.items():
        choices = sorted(questions[code].choices.all(), key=lambda c: c.sort_order)
        Answer.objects.create(
            assessment=assessment, question=questions[code], choice=choices[index], answered_at=timezone.now()
        )
    if status == AssessmentStatus.DRAFT:
        return assessment
    assessment.self_scores = scoring.assessment_scores(assessment).as_json()
    assessment.validated_at = timezone.now()
    assessment.validated_as = "رئيس المجلس الجماعي"
    if status == AssessmentStatus.VERIFIED:
        for answer in Answer.objects.filter(assessment=assessment).select_related("question"):
            choices = sorted(answer.question.choices.all(), key=lambda c: c.sort_order)
            index, note = corrections.get(answer.question.code, (None, ""))
            answer.verified_choice = choices[index] if index is not None else answer.choice
            answer.verification_note = note
            answer.verified_at = timezone.now()
            answer.save()
        assessment.final_scores = scoring.assessment_scores(assessment, verified=True).as_json()
        assessment.verified_at = timezone.now()
        assessment.visit_on = dt.date(year, 11, 12)
        assessment.verification_team = "الفريق التقني للجنة التنسيق"
        assessment.verification_note_ar = NOTE_AR
        assessment.verification_note_fr = "L'équipe technique a vérifié les sources sur place"
    assessment.status = status
    assessment.save()
    return assessment


def pct(value: str, language: str) -> str:
    """A score as the pages write it in ``language``."""
    with translation.override(language):
        return percent_text(float(value))


def valid(html: str) -> None:
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(html)
    assert [e for e in parser.errors if e[1] != "unexpected-end-tag-in-special-element"] == []


def year_url(page, year: int) -> str:
    return page.url + page.reverse_subpage("assessment_route", args=[year])


def pdf_url(page, year: int) -> str:
    return page.url + page.reverse_subpage("assessment_pdf_route", args=[year])


def legend(html: str) -> list[str]:
    """The series names of the years chart's legend."""
    block = re.search(r'<g class="chart__legend">(.*?)</g>', html, re.S)
    if block is None:
        return []
    return [
        re.sub("[\u200e\u200f]", "", t).strip()
        for t in re.findall(r"<text[^>]*>(.*?)</text>", block.group(1))
    ]


@pytest.fixture
def questionnaire(commune_site, principles):
    return make_questionnaire(commune_site, questions=QUESTIONS)


# --- the label page -------------------------------------------------------------------------------


def test_the_label_page_explains_the_label_before_any_result(client, label):
    label_ar, label_fr = label
    html = client.get(label_ar.url).content.decode()
    assert 'dir="rtl"' in html and "المشاركة" in html and "الابتكار" in html  # the seven principles
    assert "ق.ت 113.14، المادة 119" in html  # their legal references
    valid(html)
    html_fr = client.get(label_fr.url).content.decode()
    assert 'lang="fr"' in html_fr and "Transparence et reddition des comptes" in html_fr
    assert "assessments/" not in html_fr
    valid(html_fr)


def test_the_latest_validated_result_matches_a_hand_computation(client, label, questionnaire):
    label_ar, label_fr = label
    build_assessment(label_ar, questionnaire, year=2025)
    for page, language, participation, transparency in (
        (label_ar, "ar", "المشاركة", "الشفافية وربط المسؤولية بالمحاسبة"),
        (label_fr, "fr", "Participation", "Transparence et reddition des comptes"),
    ):
        response = client.get(page.url)
        assert response.status_code == 200
        html = response.content.decode()
        # participation 4/5 = 80 %, transparency 4/4 = 100 %, equality 0/5, overall 8/14 = 57.1 %
        assert pct("57.1", language) in html and ">8/14<" in html
        assert re.search(rf"{participation}</th>\s*<td><bdi>{re.escape(pct('80', language))}</bdi>", html)
        assert re.search(rf"{transparency}</th>\s*<td><bdi>{re.escape(pct('100', language))}</bdi>", html)
        assert ">0/5<" in html and ">4/5<" in html and ">4/4<" in html
        assert year_url(page, 2025) in html and pdf_url(page, 2025) in html
        assert "label-method" in html  # the method (its text is translated)
        assert "label-years" not in html or "chart__legend" not in html  # one year: no comparison chart
        valid(html)


def test_verified_shows_the_self_assessment_and_the_final_score_side_by_side(client, label, questionnaire):
    label_ar, label_fr = label
    build_assessment(
        label_ar, questionnaire, year=2025, status=AssessmentStatus.VERIFIED, corrections=CORRECTIONS
    )
    html = client.get(label_fr.url).content.decode()
    # self: transparency 4/4 = 100 %, overall 8/14; final: transparency 2/4 = 50 %, overall 6/14 = 42.9 %
    row = re.search(r"Transparence et reddition des comptes</th>(.*?)</tr>", html, re.S).group(1)
    assert pct("100", "fr") in row and ">4/4<" in row and pct("50", "fr") in row and ">2/4<" in row
    assert row.index(pct("100", "fr")) < row.index(pct("50", "fr"))  # self first, then final
    assert pct("42.9", "fr") in html and ">6/14<" in html
    assert pct("57.1", "fr") in html and ">8/14<" in html
    assert "status-badge--verified" in html
    valid(html)


def test_a_draft_is_invisible_on_the_label_page_and_its_year_is_404_even_for_staff(
    client, label, questionnaire, citizen, focal_point, administrator, superuser
):
    label_ar, label_fr = label
    build_assessment(label_ar, questionnaire, year=2023)
    build_assessment(
        label_ar, questionnaire, year=2024, status=AssessmentStatus.VERIFIED, corrections=CORRECTIONS
    )
    build_assessment(
        label_ar,
        questionnaire,
        year=2031,
        answers={"1.1": 2, "1.2": 1, "1.3": 2, "1.4": 1},
        status=AssessmentStatus.DRAFT,
    )
    for user in (None, citizen, focal_point, administrator, superuser):
        client.logout()
        if user is not None:
            client.force_login(user)
        for page in (label_ar, label_fr):
            html = client.get(page.url).content.decode()
            assert "2031" not in html  # not in the result, the list, the chart or its table
            assert legend(html) == ["2023", "2024"]
            assert pct("100", "fr" if page is label_fr else "ar") not in html.split("label-years")[1]
            assert client.get(year_url(page, 2031)).status_code == 404
            assert client.get(pdf_url(page, 2031)).status_code == 404
            assert client.get(year_url(page, 2024)).status_code == 200
        assert client.get(year_url(label_ar, 2019)).status_code == 404


def test_a_draft_newer_than_the_public_years_does_not_replace_the_latest_result(client, label, questionnaire):
    label_ar, _fr = label
    build_assessment(label_ar, questionnaire, year=2024)
    build_assessment(label_ar, questionnaire, year=2025, answers={}, status=AssessmentStatus.DRAFT)
    html = client.get(label_ar.url).content.decode()
    assert (
        pct("57.1", "ar") in html
        and year_url(label_ar, 2024) in html
        and year_url(label_ar, 2025) not in html
    )


def test_the_years_are_compared_one_series_per_public_year(client, label, questionnaire):
    label_ar, label_fr = label
    build_assessment(label_ar, questionnaire, year=2023, answers={"1.1": 0, "1.2": 1})
    build_assessment(label_ar, questionnaire, year=2024)
    build_assessment(
        label_ar, questionnaire, year=2025, status=AssessmentStatus.VERIFIED, corrections=CORRECTIONS
    )
    html = client.get(label_fr.url).content.decode()
    assert legend(html) == ["2023", "2024", "2025"]
    table = re.search(r'<table class="chart-table">(.*?)</table>', html, re.S).group(1)
    assert re.findall(r'<th scope="col">(\d{4})</th>', table) == ["2023", "2024", "2025"]
    # Overall: 3/14 = 21.4 %, 8/14 = 57.1 %, verified 6/14 = 42.9 %.
    overall = re.search(r"<th scope=\"row\">[^<]*</th>((?:<td>[^<]*</td>){3})</tr>\s*</tbody>", table).group(
        1
    )
    assert [pct("21.4", "fr"), pct("57.1", "fr"), pct("42.9", "fr")] == re.findall(
        r"<td>([^<]*)</td>", overall
    )
    for year in (2023, 2024, 2025):
        assert year_url(label_fr, year) in html
    valid(html)


def test_the_action_plan_with_owners_deadlines_late_ones_and_links(
    client, label, questionnaire, principles, home_ar
):
    label_ar, label_fr = label
    charter_ar, charter_fr = make_charter(home_ar)
    commitment = make_commitment(
        charter_ar,
        principles["transparency"],
        number=7,
        title_ar="نشر جدول أعمال الدورات",
        title_fr="Publier l'ordre du jour des sessions",
    )
    assessment = build_assessment(
        label_ar, questionnaire, year=2025, status=AssessmentStatus.VERIFIED, corrections=CORRECTIONS
    )
    late = ActionPlanItem.objects.create(
        assessment=assessment,
        number=1,
        principle=principles["transparency"],
        title_ar="نشر محاضر الدورات",
        title_fr="Publier les procès-verbaux des sessions",
        owner_ar="الكتابة العامة",
        owner_fr="Secrétariat général",
        due_on=timezone.localdate() - dt.timedelta(days=10),
        status=ActionStatus.IN_PROGRESS,
    )
    late.commitments.add(commitment)
    ActionPlanItem.objects.create(
        assessment=assessment,
        number=2,
        principle=principles["equality"],
        title_ar="تفعيل هيئة المساواة",
        title_fr="Activer l'instance de l'égalité",
        owner_fr="Présidence",
        due_on=timezone.localdate() + dt.timedelta(days=60),
        status=ActionStatus.PLANNED,
    )
    html = client.get(label_fr.url).content.decode()
    assert "Publier les procès-verbaux des sessions" in html and "Secrétariat général" in html
    assert "Activer l&#x27;instance de l&#x27;égalité" in html or "Activer l'instance de l'égalité" in html
    rows = re.findall(
        r"<tr( class=\"label-action--late\")?><th scope=\"row\"><bdi dir=\"ltr\">(\d)\.</bdi>", html
    )
    assert rows == [(' class="label-action--late"', "1"), ("", "2")]
    commitment_url = charter_fr.url + charter_ar.reverse_subpage("commitment_route", args=[7])
    assert f'href="{commitment_url}"' in html and "Publier l&#x27;ordre du jour des sessions" in html
    html_ar = client.get(label_ar.url).content.decode()
    assert f'href="{charter_ar.url}commitments/7/"' in html_ar and "نشر جدول أعمال الدورات" in html_ar
    valid(html)


def test_a_commitment_of_an_unpublished_charter_is_named_without_a_link(
    client, label, questionnaire, principles, home_ar
):
    label_ar, _fr = label
    charter_ar, _charter_fr = make_charter(home_ar)
    commitment = make_commitment(charter_ar, principles["participation"], number=3)
    charter_ar.unpublish()
    assessment = build_assessment(label_ar, questionnaire, year=2025)
    action = ActionPlanItem.objects.create(
        assessment=assessment, number=1, principle=principles["participation"], title_ar="إحداث آلية للتتبع"
    )
    action.commitments.add(commitment)
    html = client.get(label_ar.url).content.decode()
    assert "الالتزام 3" in html and "commitments/3/" not in html


# --- a year's completed questionnaire -------------------------------------------------------------


def test_the_completed_questionnaire_with_answers_points_and_verification(client, label, questionnaire):
    label_ar, label_fr = label
    question = Question.objects.get(section__questionnaire=questionnaire, code="1.3")
    question.verification_sources_ar = "محاضر الدورات\nقرار المجلس"
    question.verification_sources_fr = "Procès-verbaux des sessions\nDélibération du conseil"
    question.save()
    build_assessment(
        label_ar,
        questionnaire,
        year=2025,
        status=AssessmentStatus.VERIFIED,
        corrections=CORRECTIONS,
        summary_ar=SUMMARY_AR,
    )
    response = client.get(year_url(label_ar, 2025))
    assert response.status_code == 200
    html = response.content.decode()
    assert "الهيئات المنتخبة" in html and "السؤال 3" in html and SUMMARY_AR in html
    item = re.search(r'<bdi dir="ltr">1\.3</bdi>(.*?)</tr>', html, re.S).group(1)
    assert "الجواب 2" in item and ">4/4<" in item  # the commune's answer, 4 of 4 points
    assert (
        "الجواب 1" in item and "(2/4)" in item and "محضر الدورة غير منشور" in item
    )  # corrected, with the note
    assert "محاضر الدورات" in item and "قرار المجلس" in item  # the sources of verification
    item = re.search(r'<bdi dir="ltr">1\.4</bdi>(.*?)</tr>', html, re.S).group(1)
    assert ">0/5<" in item  # not answered
    assert NOTE_AR in html and "الفريق التقني للجنة التنسيق" in html  # the verification report
    assert pct("42.9", "ar") in html and pct("57.1", "ar") in html
    assert pdf_url(label_ar, 2025) in html
    valid(html)
    html_fr = client.get(year_url(label_fr, 2025)).content.decode()
    assert "Question 3" in html_fr and "Réponse 2" in html_fr and "Délibération du conseil" in html_fr
    assert "L&#x27;équipe technique a vérifié les sources sur place" in html_fr
    assert 'lang="fr"' in html_fr
    valid(html_fr)


def test_a_validated_year_shows_no_verification_yet(client, label, questionnaire):
    label_ar, _fr = label
    build_assessment(label_ar, questionnaire, year=2024)
    build_assessment(
        label_ar, questionnaire, year=2025, status=AssessmentStatus.VERIFIED, corrections=CORRECTIONS
    )
    html = client.get(year_url(label_ar, 2024)).content.decode()
    assert "status-badge--validated" in html and NOTE_AR not in html and "محضر الدورة غير منشور" not in html
    assert year_url(label_ar, 2025) in html  # the other years


def test_the_language_switch_keeps_the_year(client, label, questionnaire):
    label_ar, label_fr = label
    build_assessment(label_ar, questionnaire, year=2025)
    html = client.get(year_url(label_ar, 2025)).content.decode()
    assert f'href="{year_url(label_fr, 2025)}"' in html


def test_anonymous_pages_are_cached(client, label, questionnaire):
    label_ar, _fr = label
    build_assessment(label_ar, questionnaire, year=2025)
    for url in (label_ar.url, year_url(label_ar, 2025)):
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"


# --- fixed numbers of queries ---------------------------------------------------------------------


def _big_questionnaire(site, *, questions: int):
    codes = [
        "participation",
        "equality",
        "cooperation",
        "efficiency",
        "transparency",
        "sustainability",
        "innovation",
    ]
    return make_questionnaire(site, questions=[(codes[n % 7], [0, 1, 2, 3]) for n in range(questions)])


def _fill(label, questionnaire, *, years: int, actions: int, principles, charter, programme_projects=()):
    codes = {
        f"1.{n}": n % 4
        for n in range(1, Question.objects.filter(section__questionnaire=questionnaire).count() + 1)
    }
    corrections = {code: (0, "تصحيح") for code in list(codes)[::5]}
    commitments = [
        make_commitment(charter, principles["transparency"], number=n) for n in range(1, 1 + max(1, actions))
    ]
    for k in range(years):
        status = AssessmentStatus.VERIFIED if k % 2 else AssessmentStatus.VALIDATED
        assessment = build_assessment(
            label, questionnaire, year=2020 + k, answers=codes, status=status, corrections=corrections
        )
    for n in range(1, actions + 1):
        action = ActionPlanItem.objects.create(
            assessment=assessment,
            number=n,
            principle=principles["transparency"],
            title_ar=f"الإجراء {n}",
            due_on=dt.date(2024, 1, 1) + dt.timedelta(days=n),
            status=ActionStatus.PLANNED,
            programme_project=programme_projects[n % len(programme_projects)] if programme_projects else None,
        )
        action.commitments.add(*commitments[n - 1 : n + 1])


def test_pages_run_as_many_queries_for_a_small_as_for_a_large_label(
    client, home_ar, commune_site, principles, django_assert_max_num_queries
):
    """Issue 12 quality bar: the label page and a year's page, 4 questions, 2 years and 1 action
    against 120 questions, 4 years and 30 actions (each with two commitments), each built from
    the database (every cache emptied first)."""
    charter_ar, _charter_fr = make_charter(home_ar)
    small, small_fr = make_label(home_ar, slug="small")
    _fill(
        small,
        _big_questionnaire(commune_site, questions=4),
        years=2,
        actions=1,
        principles=principles,
        charter=charter_ar,
    )
    big, big_fr = make_label(home_ar, slug="big")
    big_charter, _ = make_charter(home_ar, slug="charter-2")
    _fill(
        big,
        _big_questionnaire(commune_site, questions=120),
        years=4,
        actions=30,
        principles=principles,
        charter=big_charter,
    )
    counts = {}
    for name, page, year in (("small", small_fr, 2021), ("big", big_fr, 2023)):
        for kind, url in (("index", page.url), ("year", year_url(page, year))):
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts[(name, kind)] = len(queries)
    assert counts[("small", "index")] == counts[("big", "index")], counts
    assert counts[("small", "year")] == counts[("big", "year")], counts
    cache.clear()
    with django_assert_max_num_queries(counts[("small", "index")]):
        html = client.get(big_fr.url).content.decode()
    assert html.count("label-action--late") == 30 and "commitments/30/" in html


def test_an_action_links_to_its_programme_project(client, label, questionnaire, principles, home_ar):
    from tests.programme.conftest import build_programme, make_programme

    label_ar, label_fr = label
    programme_ar, programme_fr = make_programme(home_ar)
    project = build_programme(programme_ar, axes=1, projects=2, activities=1)[1]
    assessment = build_assessment(label_ar, questionnaire, year=2025)
    ActionPlanItem.objects.create(
        assessment=assessment,
        number=1,
        principle=principles["participation"],
        title_ar="تتبع تنفيذ برنامج العمل",
        programme_project=project.contribution,
    )
    html = client.get(label_fr.url).content.decode()
    assert f'href="{programme_fr.url}projects/{project.number}/"' in html
    html = client.get(label_ar.url).content.decode()
    assert f'href="{programme_ar.url}projects/{project.number}/"' in html
