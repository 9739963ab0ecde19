"""The label's writes (``participation.charter.assessments``): a year opened, answered, validated
(the score frozen equals a hand computation from the points), verified with a corrected answer
(the final score as computed by hand), the action plan; and the refusals, nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from participation.charter import assessments
from participation.charter.models import ActionStatus, Answer, AnswerEvidence, Assessment, AssessmentStatus
from participation.core.rules import ActionRefused
from tests.charter.conftest import make_questionnaire

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Three questions on participation (max 2, 3, 1), two on transparency (max 4, 2), one on
# innovation (max 2): 14 points possible.
SHAPE = [
    ("participation", [0, 1, 2]),
    ("participation", [0, 3]),
    ("participation", [0, 1]),
    ("transparency", [0, 2, 4]),
    ("transparency", [0, 2]),
    ("innovation", [0, 1, 2]),
]


@pytest.fixture
def questionnaire(commune_site, principles):
    return make_questionnaire(commune_site, questions=SHAPE)


@pytest.fixture
def label_page(label, questionnaire):
    label_ar, label_fr = label
    label_ar.questionnaire = questionnaire
    label_ar.save()
    return label_ar


def _questions(questionnaire):
    from participation.charter.models import Question

    return list(Question.objects.filter(section__questionnaire=questionnaire).prefetch_related("choices")
                .order_by("sort_order"))


def _choice(question, points):
    return next(c for c in question.choices.all() if c.points == points)


@pytest.fixture
def filled(label_page, questionnaire, focal_point):
    """2025 answered: q1 1 pt, q2 3, q3 unanswered, q4 2, q5 0, q6 2."""
    assessment = assessments.assessment_open(label=label_page, year=2025, by=focal_point)
    qs = _questions(questionnaire)
    for question, points in zip(qs, [1, 3, None, 2, 0, 2], strict=True):
        if points is not None:
            assessments.answer_save(assessment=assessment, question=question, choice=_choice(question, points),
                                    comment="", by=focal_point)
    return assessment, qs


def test_opening_a_year_is_a_draft_on_the_pages_questionnaire(label, label_page, questionnaire, focal_point):
    assessment = assessments.assessment_open(label=label[1], year=2026, by=focal_point)  # the French copy
    assert assessment.label_id == label_page.pk and assessment.questionnaire_id == questionnaire.pk
    assert assessment.status == AssessmentStatus.DRAFT and assessment.created_by == focal_point
    with pytest.raises(ValidationError):
        assessments.assessment_open(label=label_page, year=2026, by=focal_point)
    assert Assessment.objects.count() == 1


def test_an_answer_records_who_and_when_and_is_kept_when_unchanged(filled, focal_point, administrator):
    assessment, qs = filled
    answer = Answer.objects.get(assessment=assessment, question=qs[0])
    assert answer.answered_by == focal_point and answer.answered_at is not None
    first_at = answer.answered_at
    again = assessments.answer_save(assessment=assessment, question=qs[0], choice=answer.choice, comment="",
                                    by=administrator)
    assert again.answered_by == focal_point and again.answered_at == first_at
    changed = assessments.answer_save(assessment=assessment, question=qs[0], choice=_choice(qs[0], 2),
                                      comment="محضر الدورة", by=administrator)
    assert changed.answered_by == administrator and changed.comment == "محضر الدورة"


def test_the_choice_must_belong_to_the_question(filled, focal_point):
    assessment, qs = filled
    with pytest.raises(ValidationError):
        assessments.answer_save(assessment=assessment, question=qs[0], choice=_choice(qs[1], 3), comment="",
                                by=focal_point)
    assert Answer.objects.get(assessment=assessment, question=qs[0]).choice.points == 1


def test_the_score_frozen_at_validation_is_the_hand_computation(filled, administrator):
    assessment, qs = filled
    validated = assessments.assessment_validate(assessment=assessment, validated_as="رئيس المجلس", by=administrator)
    scores = validated.self_scores
    # By hand: participation (1 + 3 + 0) / (2 + 3 + 1) = 4/6 = 66.7 %; transparency (2 + 0) / (4 + 2)
    # = 2/6 = 33.3 %; innovation 2/2 = 100 %; overall 8/14 = 57.1 %.
    by_code = {p["principle"]: p for p in scores["principles"]}
    assert (by_code["participation"]["points"], by_code["participation"]["maximum"]) == (4, 6)
    assert by_code["participation"]["score"] == "66.7" and by_code["participation"]["answered"] == 2
    assert by_code["transparency"]["score"] == "33.3"
    assert by_code["innovation"]["score"] == "100.0"
    assert (scores["points"], scores["maximum"], scores["overall"]) == (8, 14, "57.1")
    assert set(by_code) == {"participation", "transparency", "innovation"}
    assert validated.status == AssessmentStatus.VALIDATED and validated.validated_by == administrator
    assert validated.validated_as == "رئيس المجلس"
    # Every question has its answer row now (the unanswered one empty), for the technical team.
    assert Answer.objects.filter(assessment=assessment).count() == 6
    assert Answer.objects.get(assessment=assessment, question=qs[2]).choice is None


def test_a_corrected_answer_changes_the_final_score_as_computed_by_hand(filled, administrator, focal_point):
    assessment, qs = filled
    assessments.assessment_validate(assessment=assessment, validated_as="الرئيس", by=administrator)
    answers = {a.question_id: a for a in Answer.objects.filter(assessment=assessment)}
    # q2 corrected from 3 to 0 (no minutes), q4 confirmed at 2, q3 (unanswered) found at 1.
    with pytest.raises(ValidationError):
        assessments.answer_verify(answer=answers[qs[1].pk], verified_choice=_choice(qs[1], 0), note="  ",
                                  by=focal_point)
    assessments.answer_verify(answer=answers[qs[1].pk], verified_choice=_choice(qs[1], 0),
                              note="لا توجد محاضر", by=focal_point)
    assessments.answer_verify(answer=answers[qs[3].pk], verified_choice=_choice(qs[3], 2), note="", by=focal_point)
    assessments.answer_verify(answer=answers[qs[2].pk], verified_choice=_choice(qs[2], 1), note="وجدت الوثيقة",
                              by=focal_point)
    verified = assessments.assessment_verify(assessment=assessment, visit_on=dt.date(2025, 11, 3),
                                             team="الفريق التقني", note_ar="تقرير", note_fr="Rapport",
                                             by=focal_point)
    # By hand: participation (1 + 0 + 1) / 6 = 33.3 %; transparency unchanged 2/6 = 33.3 %;
    # innovation 2/2; overall (2 + 2 + 2) / 14 = 6/14 = 42.9 %.
    by_code = {p["principle"]: p for p in verified.final_scores["principles"]}
    assert by_code["participation"]["points"] == 2 and by_code["participation"]["score"] == "33.3"
    assert by_code["transparency"]["score"] == "33.3" and by_code["innovation"]["score"] == "100.0"
    assert (verified.final_scores["points"], verified.final_scores["overall"]) == (6, "42.9")
    assert verified.self_scores["overall"] == "57.1"  # the commune's score stays as validated
    assert verified.status == AssessmentStatus.VERIFIED and verified.visit_on == dt.date(2025, 11, 3)
    corrected = Answer.objects.get(pk=answers[qs[1].pk].pk)
    assert corrected.is_corrected and corrected.verification_note == "لا توجد محاضر"
    assert not Answer.objects.get(pk=answers[qs[3].pk].pk).is_corrected


def test_refusals_leave_everything_as_it_was(filled, administrator, focal_point, communicator):
    assessment, qs = filled
    with pytest.raises(ActionRefused):  # verifying a draft
        assessments.assessment_verify(assessment=assessment, visit_on=dt.date(2025, 1, 1), team="x", note_ar="",
                                      note_fr="", by=focal_point)
    with pytest.raises(ActionRefused):  # the focal point does not validate
        assessments.assessment_validate(assessment=assessment, validated_as="x", by=focal_point)
    with pytest.raises(ActionRefused):
        assessments.answer_save(assessment=assessment, question=qs[2], choice=_choice(qs[2], 1), comment="",
                                by=communicator)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT and assessment.self_scores == {}
    assessments.assessment_validate(assessment=assessment, validated_as="الرئيس", by=administrator)
    with pytest.raises(ActionRefused) as refused:  # validating twice
        assessments.assessment_validate(assessment=assessment, validated_as="x", by=administrator)
    assert refused.value.reason == "too_late"
    with pytest.raises(ActionRefused):  # answering a validated assessment
        assessments.answer_save(assessment=assessment, question=qs[0], choice=_choice(qs[0], 2), comment="",
                                by=focal_point)
    assessment.refresh_from_db()
    assert assessment.validated_as == "الرئيس"
    assert Answer.objects.get(assessment=assessment, question=qs[0]).choice.points == 1


def test_validation_needs_the_signatory(filled, administrator):
    assessment, _qs = filled
    with pytest.raises(ValidationError):
        assessments.assessment_validate(assessment=assessment, validated_as="  ", by=administrator)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_the_verification_needs_a_past_visit_and_a_team(filled, administrator, focal_point):
    assessment, _qs = filled
    assessments.assessment_validate(assessment=assessment, validated_as="الرئيس", by=administrator)
    with pytest.raises(ValidationError) as error:
        assessments.assessment_verify(assessment=assessment, visit_on=dt.date(2999, 1, 1), team="", note_ar="",
                                      note_fr="", by=focal_point)
    assert set(error.value.message_dict) == {"visit_on", "team"}
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.VALIDATED and assessment.final_scores == {}


def test_evidence_is_checked_by_size_and_content(filled, focal_point, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assessment, qs = filled
    answer = Answer.objects.get(assessment=assessment, question=qs[0])
    evidence = assessments.evidence_add(answer=answer, title="محضر الدورة",
                                        uploaded_file=SimpleUploadedFile("pv.pdf", PDF), by=focal_point)
    assert evidence.file.read() == PDF and evidence.file.name.endswith(".pdf")
    assert "pv" not in evidence.file.name  # an unguessable name
    for name, content in [("x.exe", b"MZ..."), ("fake.pdf", b"<html>"), ("empty.pdf", b"")]:
        with pytest.raises(ValidationError):
            assessments.evidence_add(answer=answer, title="t", uploaded_file=SimpleUploadedFile(name, content),
                                     by=focal_point)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError):
        assessments.evidence_add(answer=answer, title="t", uploaded_file=big, by=focal_point)
    with pytest.raises(ValidationError):
        assessments.evidence_add(answer=answer, title=" ", uploaded_file=SimpleUploadedFile("a.pdf", PDF),
                                 by=focal_point)
    assert AnswerEvidence.objects.count() == 1
    assessments.evidence_remove(evidence=evidence, by=focal_point)
    assert AnswerEvidence.objects.count() == 0


def test_the_action_plan_from_the_weak_points(filled, administrator, focal_point, principles):
    assessment, qs = filled
    with pytest.raises(ActionRefused):  # a draft has no plan yet
        assessments.action_save(assessment=assessment, number=None, title_ar="عمل", title_fr="", principle=None,
                                question=None, owner_ar="", owner_fr="", due_on=None, status=ActionStatus.PLANNED,
                                by=focal_point)
    assessments.assessment_validate(assessment=assessment, validated_as="الرئيس", by=administrator)
    weak = [row["question"].pk for row in assessments.weak_points(assessment)]
    # Below their maximum: q1 (1/2), q3 (0/1), q4 (2/4), q5 (0/2); the largest gap first.
    assert set(weak) == {qs[0].pk, qs[2].pk, qs[3].pk, qs[4].pk} and weak[0] in (qs[3].pk, qs[4].pk)
    item = assessments.action_save(
        assessment=assessment, number=None, title_ar="نشر محاضر الدورات", title_fr="Publier les PV",
        principle=principles["transparency"], question=qs[3], owner_ar="الكاتب العام", owner_fr="",
        due_on=dt.date(2026, 6, 30), status=ActionStatus.PLANNED, by=focal_point,
    )
    assert item.number == 1
    second = assessments.action_save(
        assessment=assessment, number=None, title_ar="عمل ثان", title_fr="", principle=principles["participation"],
        question=None, owner_ar="", owner_fr="", due_on=None, status=ActionStatus.PLANNED, by=focal_point,
    )
    assert second.number == 2
    assessments.action_set_status(action=item, status=ActionStatus.DONE, by=focal_point, note_ar="تم")
    item.refresh_from_db()
    assert item.status == ActionStatus.DONE and item.note_ar == "تم"
    with pytest.raises(ValidationError):
        assessments.action_save(assessment=assessment, number=1, title_ar="", title_fr="",
                                principle=principles["transparency"], question=None, owner_ar="", owner_fr="",
                                due_on=None, status=ActionStatus.PLANNED, by=focal_point)
    item.refresh_from_db()
    assert item.title_ar == "نشر محاضر الدورات"
