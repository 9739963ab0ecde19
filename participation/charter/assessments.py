"""Every write of the Citizen-Commune Label (issue 12): the yearly self-assessment (open a year,
answer, attach evidence, validate in the president's name), its verification by the technical
team (each answer confirmed or corrected, then the visit closed) and the action plan.

Keyword-only, atomic, the rules (``rules``) checked here with ``require`` on the assessment's
row locked (so a validation and an answer typed at the same moment never both pass). The scores
come from ``scoring`` alone: frozen at validation (``self_scores``) and at verification
(``final_scores``). Refusals: ``ActionRefused`` (the rule's reason), or a translated
``ValidationError`` for what was typed."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from participation.core.caching import content_changed
from participation.core.pages import site_id_of
from participation.core.rules import require
from participation.core.spreadsheets import read_upload

from . import rules, scoring
from .models import (
    ActionPlanItem,
    ActionStatus,
    Answer,
    AnswerChoice,
    AnswerEvidence,
    Assessment,
    AssessmentStatus,
    Commitment,
    LabelPage,
    Principle,
    Question,
)

#: Evidence files: at most 10 MB, of these kinds (recognised by their first bytes, not their name).
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
_PDF, _ZIP, _OLE = (b"%PDF",), (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
EVIDENCE_KINDS: dict[str, tuple[bytes, ...]] = {
    "pdf": _PDF,
    "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",), "png": (b"\x89PNG\r\n\x1a\n",), "webp": (b"RIFF",),
    "docx": _ZIP, "xlsx": _ZIP, "pptx": _ZIP, "odt": _ZIP, "ods": _ZIP, "odp": _ZIP,
    "doc": _OLE, "xls": _OLE, "ppt": _OLE,
}
EVIDENCE_ACCEPT = ",".join(f".{extension}" for extension in EVIDENCE_KINDS)


# --- helpers ------------------------------------------------------------------------------------


def _locked(assessment: Assessment) -> Assessment:
    """The assessment's row, locked for the transaction, with its label page."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    locked.label = LabelPage.objects.get(pk=locked.label_id)
    return locked


def _site_id(assessment: Assessment) -> int | None:
    return site_id_of(assessment.label)


def _question_of(assessment: Assessment, question: Question) -> None:
    if not Question.objects.filter(pk=question.pk, section__questionnaire_id=assessment.questionnaire_id).exists():
        raise ValidationError(_("This question is not part of this self-assessment's questionnaire."))


def _choice_of(question: Question, choice: AnswerChoice | None) -> None:
    if choice is not None and choice.question_id != question.pk:
        raise ValidationError(_("This answer belongs to another question."))


# --- the self-assessment ------------------------------------------------------------------------


@transaction.atomic
def assessment_open(*, label: LabelPage, year: int, by) -> Assessment:
    """Opens ``year``'s self-assessment of ``label`` (its source-language copy) as a draft, on the
    questionnaire the label page names. One per year."""
    label = label.logical_label()
    require(rules.can_edit_assessment(by, label))
    if not (2000 <= int(year) <= 2100):
        raise ValidationError(_("Give a year between 2000 and 2100."))
    questionnaire = label.questionnaire
    if questionnaire is None:
        raise ValidationError(_("Choose the questionnaire of the label page first."))
    if questionnaire.site_id != site_id_of(label):
        raise ValidationError(_("This questionnaire belongs to another commune."))
    LabelPage.objects.select_for_update().filter(pk=label.pk).first()
    if Assessment.objects.filter(label=label, year=year).exists():
        raise ValidationError(_("The self-assessment of %(year)s is already open.") % {"year": year})
    return Assessment.objects.create(label=label, year=year, questionnaire=questionnaire, created_by=by)


@transaction.atomic
def answer_save(*, assessment: Assessment, question: Question, choice: AnswerChoice | None, comment: str,
                by, keep_empty: bool = False) -> Answer | None:
    """The commune's answer to ``question`` (``choice`` None: not answered yet) and its comment,
    recorded with who gave it and when. Only while the assessment is a draft. Nothing is written
    (and the answer keeps who gave it) when nothing changed; ``None`` when there is nothing to
    keep (no answer, no comment, none before), unless ``keep_empty`` (an evidence file comes
    before the answer)."""
    locked = _locked(assessment)
    require(rules.can_edit_assessment(by, locked.label, locked))
    _question_of(locked, question)
    _choice_of(question, choice)
    comment = (comment or "").strip()
    answer = Answer.objects.filter(assessment=locked, question=question).first()
    if answer is None:
        if choice is None and not comment and not keep_empty:
            return None
        answer = Answer(assessment=locked, question=question)
    elif answer.choice_id == (choice.pk if choice else None) and answer.comment == comment:
        return answer
    answer.choice = choice
    answer.comment = comment
    answer.answered_by = by
    answer.answered_at = timezone.now()
    answer.save()
    return answer


def evidence_clean(uploaded_file) -> ContentFile:
    """The uploaded evidence file as a ``ContentFile`` under a new, unguessable name: at most
    ``EVIDENCE_MAX_BYTES`` (never more read), a PDF, an image or an office document whose first
    bytes are what its name says. Translated ``ValidationError`` otherwise."""
    if uploaded_file is None:
        raise ValidationError(_("Choose a file."))
    name = getattr(uploaded_file, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EVIDENCE_KINDS:
        raise ValidationError(_("This type of file is not accepted: a PDF, an image (JPEG, PNG, WebP) or an "
                                "office document (Word, Excel, PowerPoint, OpenDocument)."))
    content = read_upload(uploaded_file, max_bytes=EVIDENCE_MAX_BYTES)
    if not content:
        raise ValidationError(_("The file is empty."))
    if not any(content.startswith(signature) for signature in EVIDENCE_KINDS[extension]):
        raise ValidationError(_("The content of this file is not a %(kind)s file.") % {"kind": extension.upper()})
    if extension == "webp" and content[8:12] != b"WEBP":
        raise ValidationError(_("The content of this file is not a %(kind)s file.") % {"kind": "WEBP"})
    return ContentFile(content, name=f"{uuid.uuid4().hex}.{extension}")


def evidence_limits() -> str:
    """The limits as staff read them next to the upload field."""
    return _("PDF, image or office document, up to %(max)s.") % {"max": filesizeformat(EVIDENCE_MAX_BYTES)}


@transaction.atomic
def evidence_add(*, answer: Answer, title: str, uploaded_file, by) -> AnswerEvidence:
    """Attaches a source of verification to an answer of a draft (checked by ``evidence_clean``).
    The file is private: staff read it through the label's staff view."""
    locked = _locked(answer.assessment)
    require(rules.can_edit_assessment(by, locked.label, locked))
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the document a title."))
    content = evidence_clean(uploaded_file)
    evidence = AnswerEvidence(answer=answer, title=title[:255], uploaded_by=by)
    evidence.file.save(content.name, content, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: AnswerEvidence, by) -> None:
    """Removes an evidence file of a draft (the stored file too, once the transaction commits)."""
    locked = _locked(evidence.answer.assessment)
    require(rules.can_edit_assessment(by, locked.label, locked))
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def assessment_validate(*, assessment: Assessment, validated_as: str, by) -> Assessment:
    """Validates a draft in the president's name (the administrator only): the answers are then
    final for the commune, the scores per principle and overall frozen in ``self_scores``.
    Unanswered questions are allowed (they earn nothing); each question gets its answer row, so
    that the technical team can record what it found for every one."""
    locked = _locked(assessment)
    require(rules.can_validate_assessment(by, locked.label, locked))
    validated_as = (validated_as or "").strip()
    if not validated_as:
        raise ValidationError(_("Give the name and office of the person who validates."))
    answered = set(Answer.objects.filter(assessment=locked).values_list("question_id", flat=True))
    missing = Question.objects.filter(section__questionnaire_id=locked.questionnaire_id).exclude(pk__in=answered)
    Answer.objects.bulk_create([Answer(assessment=locked, question=question) for question in missing])
    locked.self_scores = scoring.assessment_scores(locked).as_json()
    locked.status = AssessmentStatus.VALIDATED
    locked.validated_as = validated_as[:255]
    locked.validated_by = by
    locked.validated_at = timezone.now()
    locked.save()
    content_changed()
    return locked


def unanswered_questions(assessment: Assessment) -> list[Question]:
    """The questions of the assessment's questionnaire the commune has not answered (two queries
    at most): listed on the validation screen."""
    answered = Answer.objects.filter(assessment=assessment, choice__isnull=False).values_list("question_id", flat=True)
    return list(
        Question.objects.filter(section__questionnaire_id=assessment.questionnaire_id)
        .exclude(pk__in=answered).select_related("section", "principle")
        .order_by("section__sort_order", "sort_order", "pk")
    )


# --- the verification -----------------------------------------------------------------------------


@transaction.atomic
def answer_verify(*, answer: Answer, verified_choice: AnswerChoice, note: str, by) -> Answer:
    """What the technical team found for one answer of a validated assessment: the same answer
    (confirmed) or another (corrected, with a note saying why)."""
    locked = _locked(answer.assessment)
    require(rules.can_verify_assessment(by, locked.label, locked))
    answer = Answer.objects.select_related("question").get(pk=answer.pk)
    if verified_choice is None:
        raise ValidationError(_("Choose the answer the technical team found."))
    _choice_of(answer.question, verified_choice)
    note = (note or "").strip()
    if verified_choice.pk != answer.choice_id and not note:
        raise ValidationError(_("Say why the answer is corrected."))
    if answer.verified_choice_id == verified_choice.pk and answer.verification_note == note:
        return answer
    answer.verified_choice = verified_choice
    answer.verification_note = note
    answer.verified_by = by
    answer.verified_at = timezone.now()
    answer.save()
    content_changed()  # a validated assessment's answers are public
    return answer


@transaction.atomic
def assessment_verify(*, assessment: Assessment, visit_on: dt.date, team: str, note_ar: str, note_fr: str,
                      by) -> Assessment:
    """Closes the verification of a validated assessment: the visit, the team, its report; the
    final scores (the answers after verification) frozen in ``final_scores``."""
    locked = _locked(assessment)
    require(rules.can_verify_assessment(by, locked.label, locked))
    errors = {}
    if visit_on is None:
        errors["visit_on"] = _("Give the date of the visit.")
    elif visit_on > timezone.localdate():
        errors["visit_on"] = _("The visit cannot be in the future.")
    team = (team or "").strip()
    if not team:
        errors["team"] = _("Name the technical team.")
    if errors:
        raise ValidationError(errors)
    locked.visit_on = visit_on
    locked.verification_team = team[:500]
    locked.verification_note_ar = (note_ar or "").strip()
    locked.verification_note_fr = (note_fr or "").strip()
    locked.final_scores = scoring.assessment_scores(locked, verified=True).as_json()
    locked.status = AssessmentStatus.VERIFIED
    locked.verified_by = by
    locked.verified_at = timezone.now()
    locked.save()
    content_changed()
    return locked


# --- the action plan -------------------------------------------------------------------------------


def weak_points(assessment: Assessment) -> list[dict]:
    """The questions answered below their best answer (after verification when there was one),
    the largest gap first: what the action plan starts from. Three queries."""
    verified = assessment.status == AssessmentStatus.VERIFIED
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(assessment=assessment).select_related("choice", "verified_choice")
    }
    rows = []
    questions = (
        Question.objects.filter(section__questionnaire_id=assessment.questionnaire_id)
        .select_related("principle", "section").prefetch_related("choices")
        .order_by("section__sort_order", "sort_order", "pk")
    )
    for question in questions:
        maximum = max((c.points for c in question.choices.all()), default=0)
        answer = answers.get(question.pk)
        chosen = (answer.final_choice if verified else answer.choice) if answer else None
        points = chosen.points if chosen else 0
        if points < maximum:
            rows.append({"question": question, "choice": chosen, "points": points, "maximum": maximum,
                         "gap": maximum - points})
    rows.sort(key=lambda row: -row["gap"])
    return rows


def _check_action_links(*, site_id, assessment, principle, question, commitments, programme_project) -> None:
    errors = {}
    if principle is None or principle.site_id != site_id:
        errors["principle"] = _("Choose a principle of this commune.")
    if question is not None and not Question.objects.filter(
            pk=question.pk, section__questionnaire_id=assessment.questionnaire_id).exists():
        errors["question"] = _("This question is not part of this self-assessment's questionnaire.")
    if commitments:
        from participation.core.pages import site_id_of as page_site_id

        charters = {c.charter for c in commitments}
        if any(page_site_id(charter) != site_id for charter in charters):
            errors["commitments"] = _("These commitments belong to another commune.")
    if programme_project is not None and programme_project.site_id != site_id:
        errors["programme_project"] = _("This project belongs to another commune.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_save(*, assessment: Assessment, number: int | None, title_ar: str, title_fr: str,
                principle: Principle, question: Question | None, owner_ar: str, owner_fr: str,
                due_on: dt.date | None, status: str, commitments: Iterable[Commitment] = (),
                programme_project=None, by, note_ar: str | None = None, note_fr: str | None = None) -> ActionPlanItem:
    """Adds (``number`` None: the next one) or changes the action ``number`` of the assessment's
    plan: what, which principle and weak point, who, by when, where it stands, the charter
    commitments and the programme project it serves."""
    locked = _locked(assessment)
    require(rules.can_keep_action_plan(by, locked.label, locked))
    title_ar = (title_ar or "").strip()
    if not title_ar:
        raise ValidationError({"title_ar": _("Say what the action is, in Arabic.")})
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    commitments = list(commitments or [])
    _check_action_links(site_id=_site_id(locked), assessment=locked, principle=principle, question=question,
                        commitments=commitments, programme_project=programme_project)
    item = None
    if number is not None:
        item = ActionPlanItem.objects.filter(assessment=locked, number=number).first()
    if item is None:
        if number is None:
            last = ActionPlanItem.objects.filter(assessment=locked).order_by("-number").values_list("number", flat=True)
            number = (last.first() or 0) + 1
        item = ActionPlanItem(assessment=locked, number=number)
    item.title_ar, item.title_fr = title_ar[:255], (title_fr or "").strip()[:255]
    item.principle, item.question = principle, question
    item.owner_ar, item.owner_fr = (owner_ar or "").strip()[:200], (owner_fr or "").strip()[:200]
    item.due_on, item.status = due_on, status
    if note_ar is not None:
        item.note_ar = note_ar.strip()
    if note_fr is not None:
        item.note_fr = note_fr.strip()
    item.programme_project = programme_project
    item.save()
    item.commitments.set(commitments)
    content_changed()
    return item


@transaction.atomic
def action_set_status(*, action: ActionPlanItem, status: str, by, note_ar: str | None = None,
                      note_fr: str | None = None) -> ActionPlanItem:
    """Where an action of the plan stands (and its progress note)."""
    locked = _locked(action.assessment)
    require(rules.can_keep_action_plan(by, locked.label, locked))
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    action = ActionPlanItem.objects.select_for_update().get(pk=action.pk)
    action.status = status
    if note_ar is not None:
        action.note_ar = note_ar.strip()
    if note_fr is not None:
        action.note_fr = note_fr.strip()
    action.save()
    content_changed()
    return action


@transaction.atomic
def action_remove(*, action: ActionPlanItem, by) -> None:
    locked = _locked(action.assessment)
    require(rules.can_keep_action_plan(by, locked.label, locked))
    action.delete()
    content_changed()


@transaction.atomic
def assessment_summary_save(*, assessment: Assessment, summary_ar: str, summary_fr: str, by) -> Assessment:
    """The public summary of a validated or verified assessment (what the label page shows
    with the scores)."""
    locked = _locked(assessment)
    require(rules.can_keep_action_plan(by, locked.label, locked))
    locked.summary_ar = (summary_ar or "").strip()
    locked.summary_fr = (summary_fr or "").strip()
    locked.save(update_fields=["summary_ar", "summary_fr"])
    content_changed()
    return locked
