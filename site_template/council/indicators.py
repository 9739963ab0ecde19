"""What the charter can read from the council sessions (``participation.core.indicators``): the
share of the past sessions whose decisions were all posted within the legal days (organic law
113.14, art. 273; ``selectors.decisions_due_on`` and ``publication_days``).

A session counts in the period of its last sitting once the outcome is known: its decisions all
posted (on time or not), or its deadline passed. It is on time when it has decisions and every
one was posted on or before the deadline; a session past its deadline with no decision, or with
a decision not posted, is not. The source-language session pages are read (each language's page
has its own decisions), the commune's live and public ones only.

Three queries at most, whatever the number of sessions: the view restrictions, the sessions with
their decision counts, their copies in the active language."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from participation.core.indicators import (
    EVIDENCE_LIMIT,
    Evidence,
    IndicatorSource,
    IndicatorUnit,
    Reading,
    day_bounds,
    in_commune,
    localized_copies,
    page_path,
    public_condition,
    share_reading,
)
from participation.core.pages import in_source_language

from .models import CouncilSessionPage
from .selectors import _midnight, _with_last_day, decisions_due_on, publication_days


def _posted_on_time(session: CouncilSessionPage) -> bool:
    return bool(session.decision_count and not session.unposted_count
                and session.last_posted <= decisions_due_on(session))


def decisions_posted_on_time(*, site_id: int, start: dt.date, end: dt.date) -> Reading:
    today = timezone.localdate()
    begin, stop = day_bounds(start, end)
    private = public_condition()
    sessions = (
        _with_last_day(in_commune(in_source_language(CouncilSessionPage.objects.live().exclude(private)), site_id))
        .filter(session_end__gte=begin, session_end__lt=min(stop, _midnight(today)))
        .annotate(
            decision_count=Count("decisions", distinct=True),
            unposted_count=Count("decisions", filter=Q(decisions__published_on__isnull=True), distinct=True),
            last_posted=Max("decisions__published_on"),
        )
        .select_related("locale").only("id", "title", "url_path", "translation_key", "locale", "starts_at", "ends_at")
        .order_by("-session_end", "-pk")
    )
    counted = [
        s for s in sessions
        if (s.decision_count and not s.unposted_count) or decisions_due_on(s) < today
    ]
    on_time = [s for s in counted if _posted_on_time(s)]
    shown = counted[:EVIDENCE_LIMIT]
    copies = localized_copies(shown, private=private)
    days = publication_days()

    def note(session) -> str:
        if _posted_on_time(session):
            return ngettext("%(n)s decision posted within %(days)s days", "%(n)s decisions posted within %(days)s days",
                            session.decision_count) % {"n": session.decision_count, "days": days}
        return gettext("decisions not all posted within the legal deadline")

    evidence = tuple(
        Evidence(title=copies[s.pk].title, url=page_path(copies[s.pk]),
                 date=timezone.localdate(s.ends_at or s.starts_at), note=note(s))
        for s in shown
    )
    return share_reading(len(on_time), len(counted), evidence=evidence)


def sources() -> list[IndicatorSource]:
    return [
        IndicatorSource(
            key="council.decisions_posted_on_time",
            label=_("Share of council sessions whose decisions were posted within the legal deadline"),
            unit=IndicatorUnit.PERCENT,
            method=_("Out of the council sessions whose last sitting fell in the period, those whose decisions were "
                     "all posted on the site within the days set by organic law 113.14 (art. 273: 8 days). A "
                     "session still within that deadline counts once its decisions are all posted."),
            principle="transparency", measure=decisions_posted_on_time,
        ),
    ]
