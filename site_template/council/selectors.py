"""Reads for council sessions, and the art. 273 rule on posting decisions.

Organic law 113.14, art. 273: the council's decisions are posted within 8 days of the session.
The number of days is the setting ``COUNCIL_DECISIONS_PUBLICATION_DAYS`` (default 8). A session is
*overdue* when its last sitting was more than that many days ago (whole days, Africa/Casablanca)
and it has no decision yet or a decision without a posting date.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page

from .models import CouncilAgendaItem, CouncilDecision, CouncilSessionPage

DEFAULT_PUBLICATION_DAYS = 8  # organic law 113.14, art. 273


def publication_days() -> int:
    return int(getattr(settings, "COUNCIL_DECISIONS_PUBLICATION_DAYS", DEFAULT_PUBLICATION_DAYS))


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def decisions_due_on(session: CouncilSessionPage) -> dt.date:
    """The last day to post the session's decisions."""
    return timezone.localdate(session.ends_at or session.starts_at) + dt.timedelta(days=publication_days())


def _with_last_day(qs: QuerySet[CouncilSessionPage]) -> QuerySet[CouncilSessionPage]:
    return qs.annotate(session_end=Coalesce("ends_at", "starts_at"))


def upcoming_sessions(*, parent: Page | None = None, home: Page | None = None,
                      limit: int | None = None) -> QuerySet[CouncilSessionPage]:
    """Live sessions not over yet (today's included), soonest first, with their agenda."""
    qs = CouncilSessionPage.objects.live().public()
    if parent is not None:
        qs = qs.child_of(parent)
    if home is not None:
        qs = qs.descendant_of(home)
    qs = (
        _with_last_day(qs)
        .filter(session_end__gte=_midnight(timezone.localdate()))
        .order_by("starts_at")
        .prefetch_related(Prefetch("agenda_items", queryset=CouncilAgendaItem.objects.order_by("sort_order")))
    )
    return qs[:limit] if limit else qs


def sessions_list_changes_at(sessions) -> dt.datetime | None:
    """When a list of ``upcoming_sessions`` changes by itself: the midnight after the first
    session's last day, when it leaves the list."""
    ends = [timezone.localdate(s.ends_at or s.starts_at) for s in sessions]
    return _midnight(min(ends) + dt.timedelta(days=1)) if ends else None


def past_sessions(*, parent: Page) -> QuerySet[CouncilSessionPage]:
    """Live sessions that are over, latest first, with their posted decisions."""
    posted = CouncilDecision.objects.filter(published_on__isnull=False).order_by("sort_order")
    return (
        _with_last_day(CouncilSessionPage.objects.live().public().child_of(parent))
        .filter(session_end__lt=_midnight(timezone.localdate()))
        .order_by("-starts_at")
        .select_related("minutes")
        .prefetch_related(Prefetch("decisions", queryset=posted, to_attr="posted_decisions"))
    )


def overdue_sessions(*, sessions: QuerySet[CouncilSessionPage] | None = None,
                     today: dt.date | None = None) -> QuerySet[CouncilSessionPage]:
    """Sessions (live or draft) whose decisions are not all posted although the art. 273 deadline
    has passed, oldest first. ``sessions`` narrows the search (e.g. to the pages a user may edit)."""
    today = today or timezone.localdate()
    cutoff = _midnight(today - dt.timedelta(days=publication_days()))
    qs = sessions if sessions is not None else CouncilSessionPage.objects.all()
    return (
        _with_last_day(qs)
        .filter(session_end__lt=cutoff)
        .annotate(
            decision_count=Count("decisions", distinct=True),
            unposted_count=Count("decisions", filter=Q(decisions__published_on__isnull=True), distinct=True),
        )
        .filter(Q(decision_count=0) | Q(unposted_count__gt=0))
        .select_related("locale")
        .order_by("session_end")
    )


def is_overdue(session: CouncilSessionPage, *, today: dt.date | None = None) -> bool:
    return overdue_sessions(sessions=CouncilSessionPage.objects.filter(pk=session.pk), today=today).exists()


def sessions_editable_by(user) -> QuerySet[CouncilSessionPage]:
    """The session pages this user may edit (the communicator's commune)."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return CouncilSessionPage.objects.filter(pk__in=editable.values("pk"))
