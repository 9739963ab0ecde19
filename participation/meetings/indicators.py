"""What the charter can read from the citizen meetings (``participation.core.indicators``): the
meetings held, those whose report is published, the participants and the share of women among
them. A meeting is *held* in the period when it started on one of its days and is over
(``MeetingPage.is_past``); its report is published when its page shows one
(``MeetingPage.has_report``: the report's text or the attendance figures from the sign-in sheet).
Only the live, public meetings of the commune count, read from the source-language pages (which
hold the figures); the evidence links go to the copies in the reader's language.

Each measure runs three queries at most, whatever the number of meetings: the view restrictions,
the meetings, their copies in the active language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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

from .models import MeetingPage

_FIELDS = ("id", "title", "url_path", "path", "depth", "translation_key", "locale", "starts_at", "duration_minutes",
           "report", "participants_count", "women_count")


def _held(*, site_id: int, start: dt.date, end: dt.date, private) -> list[MeetingPage]:
    """The commune's public meetings that started in the period and are over, latest first."""
    begin, stop = day_bounds(start, end)
    now = timezone.now()
    queryset = in_commune(
        in_source_language(MeetingPage.objects.live().exclude(private)), site_id
    ).filter(starts_at__gte=begin, starts_at__lt=min(stop, now))
    meetings = queryset.select_related("locale").only(*_FIELDS).order_by("-starts_at", "-pk")
    return [meeting for meeting in meetings if meeting.is_past(now)]


def _evidence(meetings: list[MeetingPage], *, private, note) -> tuple[Evidence, ...]:
    shown = meetings[:EVIDENCE_LIMIT]
    copies = localized_copies(shown, private=private)
    return tuple(
        Evidence(title=copies[m.pk].title, url=page_path(copies[m.pk]), date=timezone.localdate(m.starts_at),
                 note=note(m))
        for m in shown
    )


def _participants_note(meeting: MeetingPage) -> str:
    if meeting.participants_count is None:
        return ""
    n = meeting.participants_count
    return ngettext("%(n)s participant", "%(n)s participants", n) % {"n": n}


def _women_note(meeting: MeetingPage) -> str:
    n = meeting.participants_count
    return ngettext("%(women)s women out of %(n)s participant", "%(women)s women out of %(n)s participants", n) % {
        "women": meeting.women_count, "n": n}


def held(*, site_id: int, start: dt.date, end: dt.date) -> Reading:
    private = public_condition()
    meetings = _held(site_id=site_id, start=start, end=end, private=private)
    return Reading(value=Decimal(len(meetings)),
                   evidence=_evidence(meetings, private=private, note=_participants_note))


def reports_published(*, site_id: int, start: dt.date, end: dt.date) -> Reading:
    private = public_condition()
    meetings = [m for m in _held(site_id=site_id, start=start, end=end, private=private) if m.has_report]
    return Reading(value=Decimal(len(meetings)),
                   evidence=_evidence(meetings, private=private, note=lambda m: gettext("report published")))


def participants(*, site_id: int, start: dt.date, end: dt.date) -> Reading:
    private = public_condition()
    meetings = [m for m in _held(site_id=site_id, start=start, end=end, private=private)
                if m.participants_count is not None]
    return Reading(value=Decimal(sum(m.participants_count for m in meetings)),
                   evidence=_evidence(meetings, private=private, note=_participants_note))


def women_share(*, site_id: int, start: dt.date, end: dt.date) -> Reading:
    """Women among the participants of the meetings where both figures were recorded."""
    private = public_condition()
    meetings = [m for m in _held(site_id=site_id, start=start, end=end, private=private)
                if m.participants_count and m.women_count is not None]
    women = sum(m.women_count for m in meetings)
    counted = sum(m.participants_count for m in meetings)
    return share_reading(women, counted, evidence=_evidence(meetings, private=private, note=_women_note))


def sources() -> list[IndicatorSource]:
    return [
        IndicatorSource(
            key="meetings.held", label=_("Citizen meetings held"), unit=IndicatorUnit.COUNT,
            method=_("The citizen meetings published on the site that took place in the period."),
            principle="participation", measure=held,
        ),
        IndicatorSource(
            key="meetings.reports_published", label=_("Citizen meetings with a published report"),
            unit=IndicatorUnit.COUNT,
            method=_("The citizen meetings held in the period whose page shows their report (the report "
                     "or the attendance figures from the sign-in sheet)."),
            principle="transparency", measure=reports_published,
        ),
        IndicatorSource(
            key="meetings.participants", label=_("Participants in citizen meetings"), unit=IndicatorUnit.COUNT,
            method=_("The participants counted on the sign-in sheets of the citizen meetings held in the period "
                     "(meetings without figures are not counted)."),
            principle="participation", measure=participants,
        ),
        IndicatorSource(
            key="meetings.women_share", label=_("Share of women among the participants in citizen meetings"),
            unit=IndicatorUnit.PERCENT,
            method=_("The women out of the participants of the citizen meetings held in the period, counting "
                     "only the meetings where both numbers were recorded."),
            principle="equality", measure=women_share,
        ),
    ]
