"""What the charter can read from the information requests (``participation.core.indicators``):
the requests received, and the share answered within the legal deadline (law 31-13 art. 16-18).

A request counts for the deadline indicator in the period in which its deadline (``due_date``,
extended or not) fell, once the outcome is known: answered (an answer, a partial answer or a
reasoned refusal, on time or late by ``deadlines.answered_on_time``) or still unanswered after its
deadline. A request whose deadline has not passed yet and that is still open, and the transferred
and withdrawn ones, do not count. Requests are never public (they name a person): the figures are
counts, and the evidence links are the answers the commune published in its register (the
question and the answer, never who asked).

Each measure runs two queries at most, whatever the number of requests: the requests (their
dates and status only), and the register page for the links (none without any published answer)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation.core.indicators import (
    EVIDENCE_LIMIT,
    Evidence,
    IndicatorSource,
    IndicatorUnit,
    Reading,
    day_bounds,
    page_path,
    share_reading,
)
from participation.working_days import clock

from . import deadlines
from .models import InfoRequest, Status

_FIELDS = ("id", "tracking_number", "subject", "status", "received_at", "answered_at", "due_date", "published_at",
           "page_id")


def _register_base(rows: list[InfoRequest]) -> str:
    """The address of the register of published answers (of the page the requests hang on, in the
    active language), or "" when none of ``rows`` is published."""
    published = [row for row in rows if row.published_at is not None and row.status in deadlines.ANSWERED_STATUSES]
    if not published:
        return ""
    from wagtail.models import Page

    from participation.core.pages import current_language

    from .models import InfoRequestPage

    key = Page.objects.filter(pk=published[0].page_id).values("translation_key")
    pages = {p.locale.language_code: p for p in InfoRequestPage.objects.live().filter(translation_key__in=key)
             .select_related("locale")}
    page = pages.get(current_language()[:2]) or next(iter(pages.values()), None)
    if page is None:
        return ""
    return page_path(page) + page.reverse_subpage("register")


def _evidence(rows: list[InfoRequest], note) -> tuple[Evidence, ...]:
    """The published answers among ``rows`` (already latest first)."""
    base = _register_base(rows)
    if not base:
        return ()
    evidence = []
    for row in rows:
        if row.published_at is None or row.status not in deadlines.ANSWERED_STATUSES:
            continue
        evidence.append(Evidence(title=f"{row.tracking_number} — {row.subject}", url=f"{base}#request-{row.pk}",
                                 date=clock.local_date(row.answered_at or row.received_at), note=note(row)))
        if len(evidence) == EVIDENCE_LIMIT:
            break
    return tuple(evidence)


def _timeliness_note(row: InfoRequest) -> str:
    on_time = deadlines.answered_on_time(status=row.status, answered_at=row.answered_at, due_date=row.due_date)
    if on_time is None:
        return ""
    return gettext("answered within the legal deadline") if on_time else gettext("answered after the legal deadline")


def received(*, site_id: int, start: dt.date, end: dt.date) -> Reading:
    begin, stop = day_bounds(start, end)
    rows = list(
        InfoRequest.objects.filter(site_id=site_id, received_at__gte=begin, received_at__lt=stop)
        .only(*_FIELDS).order_by("-received_at", "-pk")
    )
    return Reading(value=Decimal(len(rows)), evidence=_evidence(rows, _timeliness_note))


def answered_on_time(*, site_id: int, start: dt.date, end: dt.date) -> Reading:
    today = clock.today()
    rows = (
        InfoRequest.objects.filter(site_id=site_id, due_date__gte=start, due_date__lte=end)
        .exclude(status__in=(Status.TRANSFERRED, Status.WITHDRAWN))
        .only(*_FIELDS).order_by("-due_date", "-pk")
    )
    counted, on_time = [], []
    for row in rows:
        outcome = deadlines.answered_on_time(status=row.status, answered_at=row.answered_at, due_date=row.due_date)
        if outcome is None and not deadlines.is_overdue(request=row, today=today):
            continue  # still open, and its deadline has not passed: not known yet
        counted.append(row)
        if outcome:
            on_time.append(row)
    return share_reading(len(on_time), len(counted), evidence=_evidence(counted, _timeliness_note))


def sources() -> list[IndicatorSource]:
    return [
        IndicatorSource(
            key="info_requests.answered_on_time",
            label=_("Share of information requests answered within the legal deadline"),
            unit=IndicatorUnit.PERCENT,
            method=_("Out of the information requests whose deadline (law 31-13, art. 16 and 17; extended once "
                     "where the law allows) fell in the period, those answered (an answer, a partial answer or a "
                     "reasoned refusal) on or before it. Requests still open before their deadline, transferred "
                     "or withdrawn are not counted."),
            principle="transparency", measure=answered_on_time,
        ),
        IndicatorSource(
            key="info_requests.received", label=_("Information requests received"), unit=IndicatorUnit.COUNT,
            method=_("The requests for access to information the commune received in the period."),
            principle="transparency", measure=received,
        ),
    ]
