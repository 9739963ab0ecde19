"""Reads for information requests: the officer's queue, the private status page, the public
register and the yearly figures."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from wagtail.models import Site

from participation.working_days import clock

from . import deadlines
from .models import (
    OPEN_STATUSES,
    Event,
    InfoRequest,
    RefusalGround,
    Status,
    hash_token,
)

OWNER_KEY_RE = re.compile(r"^account-([0-9]{12})$")


def request_by_token(*, token: str, site: Site | None = None) -> InfoRequest | None:
    qs = InfoRequest.objects.select_related("site", "page").filter(token_hash=hash_token(token))
    if site is not None:
        qs = qs.filter(site=site)
    return qs.first()


def request_of_owner(*, key: str, user, site: Site) -> InfoRequest | None:
    """The logged-in requester opens their own request from “My requests” without the token."""
    match = OWNER_KEY_RE.match(key)
    if match is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        InfoRequest.objects.select_related("site", "page")
        .filter(pk=int(match.group(1)), requester=user, site=site)
        .first()
    )


def request_detail(*, request: InfoRequest) -> InfoRequest:
    return (
        InfoRequest.objects.select_related("site", "page", "assigned_to")
        .prefetch_related(
            Prefetch("events", queryset=Event.objects.select_related("by")),
            "attachments",
            "complaints",
            "data_requests",
        )
        .get(pk=request.pk)
    )


def requester_events(*, request: InfoRequest) -> list[Event]:
    return [event for event in request.events.all() if event.to_requester or event.kind == Event.Kind.RECEIVED]


def queue(*, sites: list[Site]) -> QuerySet[InfoRequest]:
    """Open requests first, by deadline (overdue ones come first), then closed ones."""
    return (
        InfoRequest.objects.filter(site__in=sites)
        .select_related("assigned_to", "site")
        .annotate(
            open_rank=Case(When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("open_rank", "due_date", "received_at")
    )


def pending_complaints(*, sites: list[Site]) -> list:
    """Complaints to the head of the commune still awaiting an answer (art. 19), by deadline."""
    from .models import Complaint

    return list(
        Complaint.objects.filter(request__site__in=sites, state=Complaint.State.FILED)
        .select_related("request").order_by("due_date", "filed_at")
    )


def reminder_requests(*, site: Site, days_ahead: int) -> tuple[list[InfoRequest], list[InfoRequest]]:
    today = clock.today()
    open_requests = list(
        InfoRequest.objects.for_site(site).open().filter(due_date__lte=today + dt.timedelta(days=days_ahead))
        .select_related("assigned_to").order_by("due_date")
    )
    overdue = [r for r in open_requests if r.due_date < today]
    due_soon = [r for r in open_requests if r.due_date >= today]
    return due_soon, overdue


def reminder_other_items(*, site: Site, days_ahead: int) -> tuple[list, list]:
    """Open complaints (art. 19: head answers in 15 days) and data requests (09-08 art. 8: 10 days)
    due within ``days_ahead`` days or overdue."""
    from .models import Complaint, DataRequest

    limit = clock.today() + dt.timedelta(days=days_ahead)
    complaints = list(
        Complaint.objects.filter(request__site=site, state=Complaint.State.FILED, due_date__lte=limit)
        .select_related("request").order_by("due_date")
    )
    data_requests = list(
        DataRequest.objects.filter(request__site=site, state=DataRequest.State.OPEN, due_date__lte=limit)
        .select_related("request").order_by("due_date")
    )
    return complaints, data_requests


def register_entries(*, site: Site) -> QuerySet[InfoRequest]:
    """Published answers: the question and the answer, never any identity field."""
    return (
        InfoRequest.objects.for_site(site).published()
        .only("id", "tracking_number", "subject", "information_requested", "answer", "status", "received_at",
              "answered_at", "published_at", "site_id", "page_id")
        .prefetch_related("attachments")
        .order_by("-published_at")
    )


@dataclass
class YearFigures:
    year: int
    received: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    pending_late: int = 0
    pending: int = 0
    refused: int = 0
    refused_exception: int = 0
    transferred: int = 0
    withdrawn: int = 0
    complaints: int = 0
    median_days: float | None = None
    _durations: list[int] = field(default_factory=list, repr=False)


def yearly_figures(*, site: Site) -> list[YearFigures]:
    """Per year of receipt: received, answered (answers, partial answers and refusals) on time or
    late, still unanswered past the deadline, refusals (by an art. 7 exception), median days."""
    today = clock.today()
    years: dict[int, YearFigures] = {}
    rows = (
        InfoRequest.objects.for_site(site)
        .values_list("received_at", "answered_at", "due_date", "status", "refusal_ground")
        .order_by()
    )
    from .models import Complaint

    complaint_years = [clock.local_date(at).year for at in Complaint.objects.filter(request__site=site).values_list(
        "request__received_at", flat=True)]
    for received_at, answered_at, due_date, status, ground in rows:
        year = clock.local_date(received_at).year
        fig = years.setdefault(year, YearFigures(year=year))
        fig.received += 1
        on_time = deadlines.answered_on_time(status=status, answered_at=answered_at, due_date=due_date)
        if on_time is not None:
            if on_time:
                fig.answered_on_time += 1
            else:
                fig.answered_late += 1
            fig._durations.append((clock.local_date(answered_at) - clock.local_date(received_at)).days)
        if status == Status.REFUSED:
            fig.refused += 1
            if ground == RefusalGround.EXCEPTION:
                fig.refused_exception += 1
        elif status == Status.TRANSFERRED:
            fig.transferred += 1
        elif status == Status.WITHDRAWN:
            fig.withdrawn += 1
        elif status in OPEN_STATUSES:
            fig.pending += 1
            if due_date < today:
                fig.pending_late += 1
    for year in complaint_years:
        if year in years:
            years[year].complaints += 1
    for fig in years.values():
        if fig._durations:
            fig.median_days = statistics.median(fig._durations)
    return sorted(years.values(), key=lambda f: f.year, reverse=True)


def requests_of_user(*, user, site: Site) -> QuerySet[InfoRequest]:
    return InfoRequest.objects.for_site(site).filter(requester=user).order_by("-received_at")
