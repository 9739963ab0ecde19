"""Working-day arithmetic. Saturday and Sunday are off, and so are the dates of
``PublicHoliday`` (as confirmed or corrected by staff). A deadline of *n* working days
from a date counts the *n* working days that follow it (the day of receipt is not counted)."""

from __future__ import annotations

import datetime as dt

from .models import PublicHoliday

WEEKEND = {5, 6}  # Saturday, Sunday (date.weekday())


def holiday_dates(*, start: dt.date, end: dt.date) -> set[dt.date]:
    return set(PublicHoliday.objects.between(start, end).values_list("date", flat=True))


def is_working_day(day: dt.date, *, holidays: set[dt.date] | None = None) -> bool:
    if day.weekday() in WEEKEND:
        return False
    if holidays is None:
        holidays = holiday_dates(start=day, end=day)
    return day not in holidays


def add_working_days(start_date: dt.date, n: int) -> dt.date:
    """The date of the ``n``-th working day after ``start_date`` (``n`` ≥ 0; 0 returns the start)."""
    if n <= 0:
        return start_date
    # 7 calendar days hold at least 5 working days minus holidays; a generous window, one query.
    window_end = start_date + dt.timedelta(days=n * 2 + 45)
    holidays = holiday_dates(start=start_date, end=window_end)
    day, counted = start_date, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if day > window_end:  # pathological calendars: extend the window
            holidays |= holiday_dates(start=day, end=day + dt.timedelta(days=60))
            window_end = day + dt.timedelta(days=60)
        if is_working_day(day, holidays=holidays):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date, *, holidays: set[dt.date] | None = None) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if ``end`` is before).
    ``holidays``: the holiday dates of the span, when the caller already read them (one query for a
    whole list instead of one per row)."""
    if end == start:
        return 0
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    if holidays is None:
        holidays = holiday_dates(start=start, end=end)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays=holidays):
            count += 1
    return sign * count
