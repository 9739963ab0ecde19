"""Time for consultations: one indirection for "now" (tests move it) and wall-clock instants in
Africa/Casablanca, which leaves UTC+1 for UTC+0 during Ramadan (zoneinfo knows the dates)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

CASABLANCA = ZoneInfo("Africa/Casablanca")


class NonExistentLocalTime(ValueError):
    """The wall-clock time is skipped when clocks jump forward (end of Ramadan)."""


class AmbiguousLocalTime(ValueError):
    """The wall-clock time happens twice when clocks go back (start of Ramadan)."""


_frozen: list[datetime] = []


def now() -> datetime:
    """The current instant (or the one set by ``frozen``). Tests may also patch this function."""
    return _frozen[-1] if _frozen else timezone.now()


@contextmanager
def frozen(instant: datetime):
    """Runs a block as if it were ``instant`` (demo data of a past consultation, tests)."""
    _frozen.append(instant)
    try:
        yield instant
    finally:
        _frozen.pop()


def local_instant(naive: datetime, *, fold: int | None = None) -> datetime:
    """The aware instant (in UTC) of a wall-clock time in Africa/Casablanca.

    Refuses a time that does not exist (skipped by a clock change); a time that happens twice
    is refused unless ``fold`` says which occurrence (0 = first, 1 = second)."""
    if naive.tzinfo is not None:
        raise ValueError("local_instant expects a naive wall-clock time")
    first = naive.replace(tzinfo=CASABLANCA, fold=0)
    second = naive.replace(tzinfo=CASABLANCA, fold=1)
    if first.astimezone(UTC).astimezone(CASABLANCA).replace(tzinfo=None) != naive:
        raise NonExistentLocalTime(f"{naive.isoformat()} does not exist in Africa/Casablanca")
    if first.utcoffset() != second.utcoffset():
        if fold is None:
            raise AmbiguousLocalTime(f"{naive.isoformat()} happens twice in Africa/Casablanca")
        return (second if fold else first).astimezone(UTC)
    return first.astimezone(UTC)


def to_local(instant: datetime) -> datetime:
    return instant.astimezone(CASABLANCA)
