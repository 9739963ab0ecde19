"""The publication duties (law 31-13 art. 10): every state of the budget and of the
administrative account, on the days around their limits, with the commune's own delays."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from participation.budget.duties import (
    SOON_DAYS,
    DutyKind,
    DutyState,
    account_duty,
    budget_duties,
    budget_duty,
    local_date,
    year_duties,
)
from participation.budget.models import BudgetSettings, BudgetYear

D = dt.date
SETTINGS = BudgetSettings(budget_publication_days=30, account_publication_days=120)
APPROVED = D(2026, 1, 15)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _year(year=2026, approved_on=APPROVED, published=None, account=None) -> BudgetYear:
    return BudgetYear(year=year, approved_on=approved_on, budget_published_at=published, account_published_at=account)


# --- the budget -------------------------------------------------------------------------------


def test_no_approval_date_means_an_unknown_due_date():
    duty = budget_duty(_year(approved_on=None), settings=SETTINGS, today=D(2026, 3, 1))
    assert (duty.kind, duty.state, duty.due_on, duty.days) == (DutyKind.BUDGET, DutyState.UNKNOWN, None, None)
    assert duty.needs_action and "تاريخ التأشير" in duty.label  # "enter the budget's approval date"


def test_published_without_approval_date_cannot_be_measured():
    duty = budget_duty(_year(approved_on=None, published=_at(D(2026, 2, 1))), settings=SETTINGS, today=D(2026, 3, 1))
    assert duty.state == DutyState.PUBLISHED and duty.published_on == D(2026, 2, 1) and duty.is_published


@pytest.mark.parametrize(("today", "state", "days", "soon"), [
    (D(2026, 1, 15), DutyState.DUE, 30, False),  # approved today: due 2026-02-14
    (D(2026, 1, 30), DutyState.DUE, 15, False),
    (D(2026, 1, 31), DutyState.DUE, SOON_DAYS, True),
    (D(2026, 2, 13), DutyState.DUE, 1, True),
    (D(2026, 2, 14), DutyState.DUE, 0, True),  # the last day
    (D(2026, 2, 15), DutyState.OVERDUE, 1, False),
    (D(2026, 5, 15), DutyState.OVERDUE, 90, False),
])
def test_an_unpublished_budget_around_its_due_date(today, state, days, soon):
    duty = budget_duty(_year(), settings=SETTINGS, today=today)
    assert duty.due_on == D(2026, 2, 14)
    assert (duty.state, duty.days, duty.soon) == (state, days, soon)
    assert duty.needs_action == (soon or state == DutyState.OVERDUE)
    assert not duty.is_published


@pytest.mark.parametrize(("published_on", "state", "days"), [
    (D(2026, 1, 20), DutyState.ON_TIME, None),
    (D(2026, 2, 14), DutyState.ON_TIME, None),  # on the due date itself
    (D(2026, 2, 15), DutyState.LATE, 1),
    (D(2026, 2, 20), DutyState.LATE, 6),  # the demo's 2026
])
def test_a_published_budget_is_on_time_or_late(published_on, state, days):
    duty = budget_duty(_year(published=_at(published_on)), settings=SETTINGS, today=D(2026, 12, 1))
    assert (duty.state, duty.days, duty.published_on) == (state, days, published_on)
    assert duty.is_published and not duty.needs_action


def test_the_publication_day_is_the_communes_day():
    """23:30 UTC on 14 February is already 15 February in Casablanca (UTC+1): one day late."""
    moment = dt.datetime(2026, 2, 14, 23, 30, tzinfo=dt.UTC)
    assert local_date(moment) == D(2026, 2, 15)
    duty = budget_duty(_year(published=moment), settings=SETTINGS, today=D(2026, 3, 1))
    assert (duty.state, duty.days) == (DutyState.LATE, 1)


def test_the_communes_own_delay_changes_the_verdict():
    year = _year(published=_at(D(2026, 2, 20)))
    assert budget_duty(year, settings=SETTINGS, today=D(2026, 3, 1)).state == DutyState.LATE
    generous = BudgetSettings(budget_publication_days=45, account_publication_days=120)
    duty = budget_duty(year, settings=generous, today=D(2026, 3, 1))
    assert duty.state == DutyState.ON_TIME and duty.due_on == D(2026, 3, 1)
    strict = BudgetSettings(budget_publication_days=0, account_publication_days=120)
    assert budget_duty(_year(), settings=strict, today=D(2026, 1, 16)).days == 1


# --- the administrative account ---------------------------------------------------------------


@pytest.mark.parametrize("today", [D(2026, 1, 1), D(2026, 12, 31)])
def test_the_account_is_not_due_before_the_year_has_closed(today):
    duty = account_duty(_year(), settings=SETTINGS, today=today)
    assert (duty.kind, duty.state, duty.days) == (DutyKind.ACCOUNT, DutyState.NOT_YET_DUE, None)
    assert duty.due_on == D(2027, 4, 30) and not duty.needs_action


@pytest.mark.parametrize(("today", "state", "days", "soon"), [
    (D(2027, 1, 1), DutyState.DUE, 119, False),
    (D(2027, 4, 16), DutyState.DUE, 14, True),
    (D(2027, 4, 30), DutyState.DUE, 0, True),
    (D(2027, 5, 1), DutyState.OVERDUE, 1, False),
])
def test_an_unpublished_account_once_the_year_has_closed(today, state, days, soon):
    duty = account_duty(_year(), settings=SETTINGS, today=today)
    assert (duty.state, duty.days, duty.soon) == (state, days, soon)


@pytest.mark.parametrize(("published_on", "state", "days"), [
    (D(2027, 4, 30), DutyState.ON_TIME, None),
    (D(2027, 5, 1), DutyState.LATE, 1),
])
def test_a_published_account_is_on_time_or_late(published_on, state, days):
    duty = account_duty(_year(account=_at(published_on)), settings=SETTINGS, today=D(2027, 1, 2))
    assert (duty.state, duty.days) == (state, days)


def test_a_shorter_account_delay():
    short = BudgetSettings(budget_publication_days=30, account_publication_days=60)
    duty = account_duty(_year(), settings=short, today=D(2027, 3, 2))
    assert duty.due_on == D(2027, 3, 1) and (duty.state, duty.days) == (DutyState.OVERDUE, 1)


# --- labels and the page's years --------------------------------------------------------------


def test_every_state_says_itself_with_its_number():
    labels = {
        "unknown": budget_duty(_year(approved_on=None), settings=SETTINGS, today=D(2026, 3, 1)).label,
        "not_yet_due": account_duty(_year(), settings=SETTINGS, today=D(2026, 3, 1)).label,
        "due": budget_duty(_year(), settings=SETTINGS, today=D(2026, 2, 11)).label,
        "today": budget_duty(_year(), settings=SETTINGS, today=D(2026, 2, 14)).label,
        "overdue": budget_duty(_year(), settings=SETTINGS, today=D(2026, 2, 21)).label,
        "on_time": budget_duty(_year(published=_at(D(2026, 2, 1))), settings=SETTINGS, today=D(2026, 3, 1)).label,
        "late": budget_duty(_year(published=_at(D(2026, 2, 20))), settings=SETTINGS, today=D(2026, 3, 1)).label,
    }
    assert len(set(labels.values())) == len(labels)
    assert "3" in labels["due"] and "7" in labels["overdue"] and "6" in labels["late"]
    assert "2026" in labels["on_time"] and "2027" in labels["not_yet_due"]


@pytest.mark.django_db
def test_the_demo_years_duties(budget):
    """2025: budget (approved 20 January, posted 5 February) and account (posted 10 April 2026)
    on time; 2026: posted 20 February, six days after its due date with the default 30 days."""
    rows = budget_duties(budget=budget[1], today=D(2026, 12, 4))
    assert [row.budget_year.year for row in rows] == [2026, 2025]
    y2026, y2025 = rows
    assert (y2025.budget.state, y2025.budget.published_on) == (DutyState.ON_TIME, D(2025, 2, 5))
    assert (y2025.account.state, y2025.account.published_on) == (DutyState.ON_TIME, D(2026, 4, 10))
    assert (y2026.budget.state, y2026.budget.days) == (DutyState.LATE, 6)
    assert y2026.account.state == DutyState.NOT_YET_DUE


@pytest.mark.django_db
def test_the_sites_settings_are_read(budget):
    from participation.core.pages import page_site

    settings = BudgetSettings.for_site(page_site(budget[0]))
    settings.budget_publication_days = 40
    settings.save()
    y2026 = budget_duties(budget=budget[0], today=D(2026, 12, 4))[0]
    assert y2026.budget.state == DutyState.ON_TIME
    assert year_duties(y2026.budget_year, settings=SETTINGS, today=D(2026, 12, 4)).budget.state == DutyState.LATE
