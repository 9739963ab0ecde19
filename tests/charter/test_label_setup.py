"""What a commune gets from the label: the default questionnaire (five sections, every principle
scored, sources of verification), a label page in both languages using it, the focal point's
permissions; in the demo 2024 and 2025 verified (the score improving, one answer corrected in
2025) with the 2025 action plan, and 2026 being filled in. Running the setup again adds nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from participation.charter import scoring
from participation.charter.label_defaults import SECTIONS, questionnaire_ensure
from participation.charter.models import (
    ActionPlanItem,
    Answer,
    AnswerChoice,
    Assessment,
    AssessmentStatus,
    LabelPage,
    Question,
    Questionnaire,
)
from participation.charter.principles import PRINCIPLES

pytestmark = pytest.mark.django_db


def test_the_default_questionnaire(commune_site):
    questionnaire = questionnaire_ensure(site=commune_site)
    assert questionnaire_ensure(site=commune_site) == questionnaire  # idempotent
    assert Questionnaire.objects.filter(site=commune_site).count() == 1
    assert [s.number for s in questionnaire.sections.order_by("sort_order")] == [1, 2, 3, 4, 5]
    questions = list(Question.objects.filter(section__questionnaire=questionnaire).select_related("principle")
                     .prefetch_related("choices"))
    assert 20 <= len(questions) <= 25
    assert {q.principle.code for q in questions} == {p.code for p in PRINCIPLES}
    for question in questions:
        points = [c.points for c in question.choices.all()]
        assert 2 <= len(points) <= 4 and min(points) == 0 and max(points) <= 4, question.code
        assert question.text_ar and question.text_fr and question.verification_source_lines, question.code
        assert all(c.text_ar and c.text_fr for c in question.choices.all())
    texts = " ".join(q.text_ar for q in questions)
    for words in ("برنامج عمل الجماعة", "المادة 48", "المادة 106", "المادة 120", "31.13", "المادة 210"):
        assert words in texts, words
    assert sum(len(s.questions) for s in SECTIONS) == len(questions)
    assert AnswerChoice.objects.filter(question__in=questions).count() == sum(len(q.choices.all()) for q in questions)


@pytest.fixture
def label_pages(demo_commune):
    pages = list(LabelPage.objects.filter(slug="citizen-commune-label").select_related("locale"))
    return {p.locale.language_code: p for p in pages}


def test_the_demo_label_page_in_both_languages(label_pages):
    assert set(label_pages) == {"ar", "fr"}
    label_ar = label_pages["ar"]
    assert label_ar.get_parent().slug == "participate" and label_ar.live
    assert label_ar.questionnaire is not None
    assert label_pages["fr"].get_parent().specific.locale.language_code == "fr"


def test_the_demo_years(label_pages):
    label_ar = label_pages["ar"]
    years = {a.year: a for a in Assessment.objects.filter(label=label_ar)}
    assert sorted(years) == [2024, 2025, 2026]
    assert years[2024].status == years[2025].status == AssessmentStatus.VERIFIED
    assert years[2026].status == AssessmentStatus.DRAFT and years[2026].self_scores == {}
    first, second = (scoring.Scores.from_json(years[y].final_scores) for y in (2024, 2025))
    assert second.overall > first.overall
    assert years[2025].self_scores["overall"] != years[2025].final_scores["overall"]  # the correction counts
    corrected = [a for a in Answer.objects.filter(assessment=years[2025]) if a.is_corrected]
    assert len(corrected) == 1 and corrected[0].verification_note
    assert years[2025].validated_as and years[2025].visit_on and years[2025].verification_team
    # The frozen scores are the rule's, from the answers as they stand.
    assert years[2025].final_scores == scoring.assessment_scores(years[2025], verified=True).as_json()
    actions = ActionPlanItem.objects.filter(assessment=years[2025])
    assert 4 <= actions.count() <= 5 and all(a.owner_ar and a.due_on for a in actions)
    answered = Answer.objects.filter(assessment=years[2026], choice__isnull=False).count()
    total = Question.objects.filter(section__questionnaire=years[2026].questionnaire).count()
    assert 0 < answered < total


def test_running_the_setup_twice_creates_nothing_twice(label_pages):
    with open("/dev/null", "w") as quiet:
        call_command(
            "create_commune", "--demo", "--slug", "larache", "--name-ar", "جماعة العرائش",
            "--name-fr", "Commune de Larache", "--hostname", "testserver", "--default-site",
            "--population", "125008", stdout=quiet,
        )
    assert LabelPage.objects.filter(slug="citizen-commune-label").count() == 2
    assert Questionnaire.objects.count() == 1 and Assessment.objects.count() == 3
    assert ActionPlanItem.objects.count() == 5


def test_the_focal_point_group_keeps_the_label(demo_commune):
    from site_template.communes.models import CommuneRole

    role = CommuneRole.objects.get(role="focal_point")
    codenames = set(Permission.objects.filter(group=role.group).values_list("codename", flat=True))
    assert {"change_assessment", "change_answer", "add_answerevidence", "change_questionnaire",
            "change_question", "change_actionplanitem"} <= codenames
    communicator = CommuneRole.objects.get(role="communicator")
    assert not Permission.objects.filter(group=communicator.group, codename="change_assessment").exists()
