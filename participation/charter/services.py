"""Every write of the charter (issue 12): keyword-only, atomic, rules checked here.

The label's writes (the self-assessment's answers, validation, verification, action plan) are in
``assessments``."""

from __future__ import annotations

from django.db import transaction

from participation.core import services as core_services
from participation.core.models import Contribution

from .models import COMMITMENT_KIND, Commitment


def _thread_title(commitment: Commitment) -> str:
    return f"{commitment.number}. {commitment.title_ar}"[:255]


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
                text=locked.promise_ar or locked.title_ar, entered_by_staff=True,
            )
            locked.save(update_fields=["contribution"])
        commitment.contribution = locked.contribution
    return commitment.contribution
