"""Every write of the charter (issue 12): keyword-only, atomic, rules checked here.

* ``commitment_save(*, commitment, by=None)``: a commitment entered in the admin, imported or
  provisioned (validated; its participation thread created and kept in step);
* ``commitment_set_status(*, commitment, status, note_ar="", note_fr="", by)``: where it stands,
  with the public note; the thread's followers are told (core event ``update``);
* ``evaluation_start(*, charter, evaluated_on, evaluator, evaluator_name="", by)``: a new,
  unpublished evaluation with one finding per commitment, prefilled with the commitment's status
  and value; ``evaluation_publish`` / ``evaluation_unpublish``.

The value of a commitment on a day (typed, or computed by the site from its records) is the
rule of ``figures.commitment_values``, which the evaluations, the staff overview and the public
pages all use.

The label's writes (the self-assessment's answers, validation, verification, action plan) are in
``assessments``."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from participation.core import services as core_services
from participation.core.caching import content_changed
from participation.core.events import ParticipationEvent, announce
from participation.core.models import Contribution
from participation.core.pages import is_source, site_id_of, source_language
from participation.core.rules import require

from . import rules
from .figures import commitment_values
from .models import (
    COMMITMENT_KIND,
    CharterPage,
    Commitment,
    CommitmentStatus,
    Evaluation,
    EvaluationFinding,
    Evaluator,
)


def public_pages_changed() -> None:
    """Cached anonymous pages must show the change, now and once the transaction commits."""
    content_changed()
    transaction.on_commit(content_changed)


# --- the commitment's participation thread ---------------------------------------------------


def _thread_title(commitment: Commitment) -> str:
    return f"{commitment.number}. {commitment.title_ar}"[:255]


def _thread_text(commitment: Commitment) -> str:
    return commitment.promise_ar or commitment.title_ar


def commitment_thread(*, commitment: Commitment) -> Contribution:
    """The commitment's core Contribution (comments, follows, the citizens' rating; created on first
    need, under the commitment's row lock)."""
    if commitment.contribution_id:
        return commitment.contribution
    with transaction.atomic():
        locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if locked.contribution_id is None:
            locked.contribution = core_services.contribution_create(
                page=locked.charter, author=None, kind=COMMITMENT_KIND, title=_thread_title(locked),
                text=_thread_text(locked), entered_by_staff=True,
            )
            locked.save(update_fields=["contribution"])
        commitment.contribution = locked.contribution
    return commitment.contribution


def _thread_sync(commitment: Commitment) -> None:
    """The thread's title and text follow the commitment's (search, notifications, moderation)."""
    contribution = commitment.contribution
    if contribution is None:
        return
    title, text = _thread_title(commitment), _thread_text(commitment)
    if (contribution.title, contribution.text) != (title, text):
        Contribution.objects.filter(pk=contribution.pk).update(title=title, text=text, updated_at=timezone.now())
        contribution.title, contribution.text = title, text


def _source_charter(charter: CharterPage) -> CharterPage:
    """The source-language charter, which holds the data (a French copy names the same charter)."""
    return charter if is_source(charter) else charter.specific.logical_charter()


# --- commitments -----------------------------------------------------------------------------


@transaction.atomic
def commitment_save(*, commitment: Commitment, by=None) -> Commitment:
    """Saves a commitment entered in the admin, imported or provisioned, with its participation
    thread (created, or its title and text kept in step). ``by``: who acts (checked with
    ``rules.can_manage_charter``); None for the admin's snippet forms (Wagtail's permission policy
    has checked) and the commune generator. A commitment whose indicator the site computes never
    keeps a typed current value (``Commitment.clean`` refuses one)."""
    if commitment.charter_id:
        commitment.charter = _source_charter(commitment.charter)
    if by is not None and commitment.charter_id:
        require(rules.can_manage_charter(by, commitment.charter))
    for name in ("title_ar", "title_fr", "indicator_source"):
        setattr(commitment, name, (getattr(commitment, name) or "").strip())
    commitment.full_clean(exclude=["contribution"])
    commitment.save()
    commitment_thread(commitment=commitment)
    _thread_sync(commitment)
    public_pages_changed()
    return commitment


def _locked(commitment: Commitment) -> Commitment:
    return (
        Commitment.objects.select_for_update(of=("self",)).select_related("charter", "contribution")
        .get(pk=commitment.pk)
    )


@transaction.atomic
def commitment_set_status(
    *, commitment: Commitment, status: str, note_ar: str = "", note_fr: str = "", by
) -> Commitment:
    """Says where the commitment stands (not started, in progress, kept, not kept) with the public
    note citizens read, and tells the followers of its thread (core event ``update``, the status
    and the note in each language)."""
    locked = _locked(commitment)
    require(rules.can_manage_charter(by, locked.charter))
    if status not in CommitmentStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")}, code="status")
    note_ar, note_fr = (note_ar or "").strip(), (note_fr or "").strip()
    if len(note_ar) > 5000 or len(note_fr) > 5000:
        raise ValidationError(_("The note is too long (5,000 characters at most)."), code="too_long")
    locked.status, locked.status_note_ar, locked.status_note_fr = status, note_ar, note_fr
    locked.save(update_fields=["status", "status_note_ar", "status_note_fr", "updated_at"])
    commitment.status, commitment.status_note_ar, commitment.status_note_fr = status, note_ar, note_fr
    texts = {}
    for language, _name in settings.LANGUAGES:
        note = note_ar if language == source_language() else (note_fr or note_ar)
        with translation.override(language):
            texts[language] = f"{CommitmentStatus(status).label}. {note}".strip()
    announce(ParticipationEvent.UPDATE, contribution=commitment_thread(commitment=locked), actor=by, texts=texts)
    public_pages_changed()
    return commitment


# --- evaluations -----------------------------------------------------------------------------


@transaction.atomic
def evaluation_start(
    *, charter: CharterPage, evaluated_on: dt.date, evaluator: str, evaluator_name: str = "", by
) -> Evaluation:
    """A new evaluation of the charter, not yet published, with one finding per commitment
    prefilled with the commitment's status today and its value on ``evaluated_on``
    (``figures.commitment_values``): the evaluators then correct them and write their findings."""
    charter = _source_charter(charter)
    require(rules.can_manage_charter(by, charter))
    if evaluator not in Evaluator.values:
        raise ValidationError({"evaluator": _("Choose who evaluated the charter.")}, code="evaluator")
    if evaluated_on > timezone.localdate():
        raise ValidationError({"evaluated_on": _("The date of an evaluation cannot be in the future.")},
                              code="future")
    evaluation = Evaluation(
        charter=charter, evaluated_on=evaluated_on, evaluator=evaluator,
        evaluator_name=(evaluator_name or "").strip(), is_published=False, created_by=by,
    )
    evaluation.full_clean()
    evaluation.save()
    commitments = list(Commitment.objects.filter(charter=charter).select_related("charter").order_by("number"))
    values = commitment_values(commitments, site_id=site_id_of(charter), adoption_date=charter.adoption_date,
                               today=evaluated_on)
    EvaluationFinding.objects.bulk_create(
        [
            EvaluationFinding(evaluation=evaluation, commitment=commitment, status=commitment.status,
                              value=values[commitment.pk].value, sort_order=index)
            for index, commitment in enumerate(commitments)
        ]
    )
    return evaluation


def _locked_evaluation(evaluation: Evaluation) -> Evaluation:
    return Evaluation.objects.select_for_update(of=("self",)).select_related("charter").get(pk=evaluation.pk)


@transaction.atomic
def evaluation_publish(*, evaluation: Evaluation, by) -> Evaluation:
    """Citizens see the evaluation and its findings (the commitments' history)."""
    locked = _locked_evaluation(evaluation)
    require(rules.can_manage_charter(by, locked.charter))
    if not locked.findings.exists():
        raise ValidationError(_("An evaluation without findings cannot be published."), code="empty")
    if not locked.is_published:
        locked.is_published = True
        locked.save(update_fields=["is_published"])
    evaluation.is_published = True
    public_pages_changed()
    return evaluation


@transaction.atomic
def evaluation_unpublish(*, evaluation: Evaluation, by) -> Evaluation:
    """Takes the evaluation back from the public pages (kept, to correct and publish again)."""
    locked = _locked_evaluation(evaluation)
    require(rules.can_manage_charter(by, locked.charter))
    if locked.is_published:
        locked.is_published = False
        locked.save(update_fields=["is_published"])
    evaluation.is_published = False
    public_pages_changed()
    return evaluation
