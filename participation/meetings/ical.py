"""iCalendar output (RFC 5545): one file per meeting and a feed of all meetings. Times carry
TZID=Africa/Casablanca with its VTIMEZONE so calendars show the commune's local time."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vText

PRODID = "-//Commune participation//Citizen meetings//AR-FR"


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def meeting_event(*, meeting, page, url: str, domain: str, include_online_link: bool = False) -> Event:
    """``meeting`` is the logical page (schedule, place); ``page`` the copy in the reader's language
    (title, texts)."""
    tz = _tz()
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{domain}")
    event.add("dtstamp", timezone.now().astimezone(ZoneInfo("UTC")))
    event.add("dtstart", meeting.starts_at.astimezone(tz))
    event.add("dtend", meeting.ends_at.astimezone(tz))
    event.add("summary", page.title)
    description = [page.summary] if page.summary else []
    if page.agenda:
        description.append(strip_tags(page.agenda.replace("</li>", "\n").replace("</p>", "\n")).strip())
    if include_online_link and meeting.is_online and meeting.online_url:
        description.append(meeting.online_url)
    description.append(url)
    event.add("description", "\n\n".join(part for part in description if part))
    location = ", ".join(part for part in (page.place, page.address.replace("\n", ", ")) if part)
    if not location and meeting.is_online:
        with translation.override(page.locale.language_code):
            location = translation.gettext("Online")  # in the language of the page's texts
    if location:
        event.add("location", vText(location))
    event.add("url", url)
    if meeting.last_published_at:
        event.add("last-modified", meeting.last_published_at.astimezone(ZoneInfo("UTC")))
    return event


def calendar_bytes(events: Iterable[Event], *, name: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
