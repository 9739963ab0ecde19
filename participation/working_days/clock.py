"""The one place features ask for “now” when computing legal deadlines.

Tests (and browser journeys, whose live server runs in the same process) move time with
``clock.travel(days=…)`` / ``clock.reset()`` instead of patching library internals.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

_offset = dt.timedelta(0)


def now() -> dt.datetime:
    return timezone.now() + _offset


def today() -> dt.date:
    """Today's date in the project's time zone (Africa/Casablanca)."""
    return timezone.localdate(now())


def local_date(value: dt.datetime) -> dt.date:
    return timezone.localdate(value)


def travel(*, days: int = 0, hours: int = 0) -> None:
    global _offset
    _offset += dt.timedelta(days=days, hours=hours)


def reset() -> None:
    global _offset
    _offset = dt.timedelta(0)
