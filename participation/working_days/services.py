"""Writes for public holidays: import from the ``holidays`` package and staff confirmation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import holidays as holidays_lib
from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from . import clock
from .models import PublicHoliday

ESTIMATED_MARK = "(estimated)"


def _split(names: str) -> list[str]:
    return [part.strip() for part in names.split(";") if part.strip()]


def _calendar(years: list[int], language: str, show_estimated: bool):
    return holidays_lib.country_holidays(
        "MA", years=years, language=language, islamic_show_estimated=show_estimated
    )


def holidays_calendar(*, years: Iterable[int]) -> list[dict]:
    """Morocco's holidays for ``years`` as dicts: key, date, name_ar, name_fr, estimated."""
    years = sorted(set(years))
    en = _calendar(years, "en_US", True)
    # One holiday-name column per site language (name_ar, name_fr), in that language.
    names = {code: _calendar(years, code, False) for code, _label in settings.LANGUAGES}
    rows: list[dict] = []
    seen: dict[str, int] = {}
    for day in sorted(en.keys()):
        en_names = _split(en[day])
        names_of_day = {code: _split(calendar.get(day, "")) for code, calendar in names.items()}
        for index, en_name in enumerate(en_names):
            estimated = ESTIMATED_MARK in en_name
            base = slugify(en_name.replace(ESTIMATED_MARK, ""))
            occurrence_key = f"{day.year}-{base}"
            seen[occurrence_key] = seen.get(occurrence_key, 0) + 1
            row = {"key": f"{occurrence_key}-{seen[occurrence_key]}", "date": day, "estimated": estimated}
            for code, day_names in names_of_day.items():
                row[f"name_{code}"] = day_names[index] if index < len(day_names) else en_name
            rows.append(row)
    return rows


@transaction.atomic
def holidays_sync(*, years: Iterable[int]) -> dict[str, int]:
    """Imports (or refreshes) the holidays of ``years``. A date confirmed or corrected by staff
    is never overwritten. Returns counts of created, updated and kept rows."""
    counts = {"created": 0, "updated": 0, "kept": 0}
    for row in holidays_calendar(years=years):
        holiday = PublicHoliday.objects.select_for_update().filter(key=row["key"]).first()
        if holiday is None:
            PublicHoliday.objects.create(**row)
            counts["created"] += 1
        elif holiday.is_confirmed:
            counts["kept"] += 1
        else:
            changed = False
            for field in ("date", "name_ar", "name_fr", "estimated"):
                if getattr(holiday, field) != row[field]:
                    setattr(holiday, field, row[field])
                    changed = True
            if changed:
                holiday.save()
                counts["updated"] += 1
            else:
                counts["kept"] += 1
    return counts


@transaction.atomic
def holiday_confirm(*, holiday: PublicHoliday, by, date: dt.date | None = None) -> PublicHoliday:
    """Staff confirm (or correct, with ``date``) a holiday's date; deadlines computed from now on
    use it and the sync never changes it again."""
    if date is not None:
        holiday.date = date
    holiday.estimated = False
    holiday.confirmed_by = by
    holiday.confirmed_at = clock.now()
    holiday.save()
    return holiday


def default_sync_years() -> list[int]:
    year = clock.today().year
    return [year - 1, year, year + 1]
