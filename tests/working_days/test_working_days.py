"""Working-day arithmetic: weekends, public holidays (fixed and Islamic, estimated then corrected),
end of year; the holiday sync never overwrites a staff-confirmed date."""

import datetime as dt

import pytest

from participation.working_days import clock
from participation.working_days.models import PublicHoliday
from participation.working_days.selectors import add_working_days, is_working_day, working_days_between
from participation.working_days.services import holiday_confirm, holidays_calendar, holidays_sync

D = dt.date


@pytest.fixture
def holidays_2026(db):
    holidays_sync(years=[2026, 2027])
    return PublicHoliday.objects.all()


def test_calendar_marks_islamic_dates_estimated():
    rows = {row["key"]: row for row in holidays_calendar(years=[2026])}
    assert rows["2026-new-years-day-1"]["date"] == D(2026, 1, 1)
    assert rows["2026-new-years-day-1"]["estimated"] is False
    fitr = [row for row in rows.values() if "fitr" in row["key"]]
    assert len(fitr) == 2 and all(row["estimated"] for row in fitr)
    assert all(row["name_ar"] and row["name_fr"] for row in rows.values())
    assert "(" not in fitr[0]["name_ar"]  # the "estimated" label is not part of the name


def test_weekend_is_skipped(db):
    # Friday 6 Feb 2026 + 1 working day = Monday 9 Feb
    assert add_working_days(D(2026, 2, 6), 1) == D(2026, 2, 9)
    # received on Saturday: the first working day is Monday
    assert add_working_days(D(2026, 2, 7), 1) == D(2026, 2, 9)
    assert add_working_days(D(2026, 2, 2), 5) == D(2026, 2, 9)
    assert add_working_days(D(2026, 2, 2), 0) == D(2026, 2, 2)


def test_twenty_working_days_plain(db):
    # Monday 2 Feb 2026, no holiday in February: 4 weeks later
    assert add_working_days(D(2026, 2, 2), 20) == D(2026, 3, 2)


def test_eve_of_a_public_holiday(holidays_2026):
    # Tuesday 17 Nov 2026, eve of Independence Day (Wed 18 Nov): the 18th does not count
    assert add_working_days(D(2026, 11, 17), 1) == D(2026, 11, 19)
    assert not is_working_day(D(2026, 11, 18))
    # 20 working days from the eve: Nov 19,20,23..27,30, Dec 1..4,7..11,14,15,16 -> Dec 16
    assert add_working_days(D(2026, 11, 17), 20) == D(2026, 12, 16)


def test_end_of_year(holidays_2026):
    # Thursday 31 Dec 2026: 1 Jan (holiday), 2-3 Jan weekend; 11 Jan 2027 is a Monday holiday,
    # 14 Jan 2027 (Amazigh new year) a Thursday holiday
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    # Jan 4..8 (5), 12,13 (7), 15 (8), 18..22 (13), 25..29 (18), Feb 1, 2 (20)
    assert add_working_days(D(2026, 12, 31), 20) == D(2027, 2, 2)


def test_working_days_between(holidays_2026):
    assert working_days_between(D(2026, 11, 17), D(2026, 12, 16)) == 20
    assert working_days_between(D(2026, 12, 16), D(2026, 11, 17)) == -20
    assert working_days_between(D(2026, 2, 6), D(2026, 2, 9)) == 1


def test_corrected_islamic_date_moves_deadlines(holidays_2026, django_user_model):
    fitr_day1 = PublicHoliday.objects.get(key="2026-eid-al-fitr-1")
    assert fitr_day1.date == D(2026, 3, 20) and fitr_day1.estimated
    # Thursday 19 March 2026 + 1 working day: Friday 20 is (estimated) Eid -> Monday 23
    assert add_working_days(D(2026, 3, 19), 1) == D(2026, 3, 23)
    staff = django_user_model.objects.create_user(email="hr@example.ma", password="x" * 12)
    # The moon was seen a day later: Eid is Saturday 21 (and day 2 Sunday 22)
    holiday_confirm(holiday=fitr_day1, by=staff, date=D(2026, 3, 21))
    holiday_confirm(holiday=PublicHoliday.objects.get(key="2026-eid-al-fitr-2"), by=staff, date=D(2026, 3, 22))
    assert add_working_days(D(2026, 3, 19), 1) == D(2026, 3, 20)
    # The sync keeps the confirmed dates
    counts = holidays_sync(years=[2026])
    assert counts["kept"] >= 2
    fitr_day1.refresh_from_db()
    assert fitr_day1.date == D(2026, 3, 21) and not fitr_day1.estimated and fitr_day1.confirmed_by == staff


def test_sync_is_idempotent(db):
    first = holidays_sync(years=[2026])
    second = holidays_sync(years=[2026])
    assert first["created"] > 10
    assert second["created"] == 0 and second["updated"] == 0
    assert PublicHoliday.objects.count() == first["created"]


def test_clock_travel():
    before = clock.today()
    clock.travel(days=3)
    try:
        assert clock.today() == before + dt.timedelta(days=3)
    finally:
        clock.reset()
    assert clock.today() == before
