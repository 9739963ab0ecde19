"""Legal deadlines of law 31-13, computed from the receipt date in Africa/Casablanca with the
commune's ``InfoRequestSettings``. “Working days” only where the law says so (art. 16, 19)."""

from __future__ import annotations

import datetime as dt

from participation.working_days import clock
from participation.working_days.selectors import add_working_days

from .models import ANSWER_STATUSES, Complaint, InfoRequest, InfoRequestSettings, Status


def answer_due(*, received_on: dt.date, urgent: bool, conf: InfoRequestSettings) -> dt.date:
    """Art. 16: 20 working days from receipt; art. 17: 3 days for an urgent request."""
    if urgent:
        return received_on + dt.timedelta(days=conf.urgent_days)
    return add_working_days(received_on, conf.answer_working_days)


def extended_due(*, due_date: dt.date, conf: InfoRequestSettings) -> dt.date:
    """Art. 16: one extension of 20 working days."""
    return add_working_days(due_date, conf.extension_working_days)


def can_extend(*, request: InfoRequest, today: dt.date | None = None) -> bool:
    """Once, while open, and with prior notice: before the deadline has passed."""
    today = today or clock.today()
    return (
        request.is_open
        and request.extended_at is None
        and not request.is_urgent
        and today <= request.due_date
    )


def is_overdue(*, request: InfoRequest, today: dt.date | None = None) -> bool:
    return request.is_open and (today or clock.today()) > request.due_date


def complaint_basis(*, request: InfoRequest, today: dt.date | None = None) -> tuple[str, dt.date] | None:
    """What the requester may complain about, and the date the art. 19 period runs from:
    the answer (refused, partly answered, answered) or the missed deadline."""
    today = today or clock.today()
    if request.status == Status.REFUSED and request.answered_at:
        return Complaint.Reason.REFUSED, clock.local_date(request.answered_at)
    if request.status in ANSWER_STATUSES and request.answered_at:
        return Complaint.Reason.INCOMPLETE, clock.local_date(request.answered_at)
    if is_overdue(request=request, today=today):
        return Complaint.Reason.LATE, request.due_date
    return None


def complaint_filing_deadline(*, request: InfoRequest, today: dt.date | None = None) -> dt.date | None:
    """Art. 19: within 20 working days of the deadline or of the answer."""
    basis = complaint_basis(request=request, today=today)
    if basis is None:
        return None
    return add_working_days(basis[1], request.settings.complaint_filing_working_days)


def complaint_answer_due(*, filed_on: dt.date, conf: InfoRequestSettings) -> dt.date:
    """Art. 19: the head answers within 15 days."""
    return filed_on + dt.timedelta(days=conf.complaint_answer_days)


def commission_filing_deadline(*, complaint: Complaint, conf: InfoRequestSettings) -> dt.date:
    """Art. 20: within 30 days of the head's answer or of the end of its deadline."""
    basis = clock.local_date(complaint.answered_at) if complaint.answered_at else complaint.due_date
    return basis + dt.timedelta(days=conf.commission_filing_days)


def rectification_due(*, filed_on: dt.date, conf: InfoRequestSettings) -> dt.date:
    """Law 09-08 art. 8: 10 clear days."""
    return filed_on + dt.timedelta(days=conf.rectification_days)


def days_left(*, request: InfoRequest, today: dt.date | None = None) -> int:
    return (request.due_date - (today or clock.today())).days
