"""Legal deadlines of law 31-13, computed from the receipt date in Africa/Casablanca with the
commune's ``InfoRequestSettings``. “Working days” only where the law says so (art. 16, 19)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from participation.working_days import clock
from participation.working_days.selectors import add_working_days, holiday_dates, working_days_between

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


#: The outcomes that answer a request (art. 16 and 18: a refusal is an answer, with its grounds).
ANSWERED_STATUSES = (*ANSWER_STATUSES, Status.REFUSED)


def answered_on_time(*, status: str, answered_at: dt.datetime | None, due_date: dt.date) -> bool | None:
    """True when the request was answered (answer, partial answer or reasoned refusal) on or before
    its deadline (``due_date``, extended or not), False when answered after it, None when it has no
    answer. The one place of this rule: the yearly figures and the charter's indicator use it."""
    if status not in ANSWERED_STATUSES or answered_at is None:
        return None
    return clock.local_date(answered_at) <= due_date


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


def within_working_days(n: int) -> str:
    """“within 20 working days”, in a sentence that names the period (art. 16, 19)."""
    return ngettext("within %(n)s working day", "within %(n)s working days", n) % {"n": n}


def within_days(n: int) -> str:
    """“within 15 days” (calendar days), in a sentence that names the period (art. 17, 19, 20)."""
    return ngettext("within %(n)s day", "within %(n)s days", n) % {"n": n}


@dataclass(frozen=True)
class DaysLeft:
    """What is left before a deadline, counted as the law counts it: working days for the answer
    (art. 16), calendar days for an urgent request (art. 17) and for the head's answer to a
    complaint (art. 19). ``days`` counts the days left, or (when ``overdue``) the days passed since
    the deadline; a deadline passed on a Friday is overdue on Saturday with 0 working days passed."""

    days: int
    working: bool
    overdue: bool

    @property
    def label(self) -> str:
        n = self.days
        if self.overdue:
            if n == 0:
                return gettext("the deadline has passed")
            if self.working:
                text = ngettext("%(days)s working day overdue", "%(days)s working days overdue", n)
            else:
                text = ngettext("%(days)s day overdue", "%(days)s days overdue", n)
        elif n == 0:
            return gettext("due today")
        elif self.working:
            text = ngettext("%(days)s working day left", "%(days)s working days left", n)
        else:
            text = ngettext("%(days)s day left", "%(days)s days left", n)
        return text % {"days": n}


def _left(due: dt.date, today: dt.date, *, working: bool, holidays: set[dt.date] | None = None) -> DaysLeft:
    if working:
        days = working_days_between(today, due, holidays=holidays)
    else:
        days = (due - today).days
    return DaysLeft(days=abs(days), working=working, overdue=today > due)


def days_left(*, request: InfoRequest, today: dt.date | None = None,
              holidays: set[dt.date] | None = None) -> DaysLeft:
    """Before the answer is due: working days (art. 16), or calendar days when urgent (art. 17)."""
    return _left(request.due_date, today or clock.today(), working=not request.is_urgent, holidays=holidays)


def days_left_for_requests(*, requests: list[InfoRequest], today: dt.date | None = None) -> dict[int, DaysLeft]:
    """``days_left`` of the open requests of a list, with one holiday query for all of them."""
    today = today or clock.today()
    open_requests = [r for r in requests if r.is_open]
    if not open_requests:
        return {}
    dates = [today] + [r.due_date for r in open_requests]
    holidays = holiday_dates(start=min(dates), end=max(dates))
    return {r.pk: days_left(request=r, today=today, holidays=holidays) for r in open_requests}


def complaint_days_left(*, complaint: Complaint, today: dt.date | None = None) -> DaysLeft:
    """Art. 19: the head answers within 15 days (calendar days)."""
    return _left(complaint.due_date, today or clock.today(), working=False)
