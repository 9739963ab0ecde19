"""The commune's publication duties on its citizen budget (law 31-13 art. 10: budgets and accounts
are published proactively), year by year: the budget, due ``BudgetSettings.budget_publication_days``
after its approval, and the administrative account, due ``account_publication_days`` after the year
closes. Pure: given the years, the settings and today's date (the commune's, Africa/Casablanca),
each duty's state; ``budget_duties`` is the one reader (a page's years and its commune's settings).

States: ``unknown`` (no approval date: the budget's due date is unknown), ``not_yet_due`` (the year
has not closed: no account is due yet), ``due`` (due in N days; ``soon`` within ``SOON_DAYS``),
``overdue`` (by N days), ``on_time`` (published on a date on or before the due date), ``late``
(published N days after it) and ``published`` (published, with no due date to measure it by)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import BudgetPage, BudgetSettings, BudgetYear

#: A duty due within this many days is "soon".
SOON_DAYS = 14


class DutyKind(models.TextChoices):
    BUDGET = "budget", gettext_lazy("Budget")
    ACCOUNT = "account", gettext_lazy("Administrative account")


class DutyState(models.TextChoices):
    UNKNOWN = "unknown", gettext_lazy("Due date unknown")
    NOT_YET_DUE = "not_yet_due", gettext_lazy("Not yet due")
    DUE = "due", gettext_lazy("Due")
    OVERDUE = "overdue", gettext_lazy("Overdue")
    ON_TIME = "on_time", gettext_lazy("Published on time")
    LATE = "late", gettext_lazy("Published late")
    PUBLISHED = "published", gettext_lazy("Published")


#: The admin's tone of each state (Wagtail's status tag colours).
TONES = {
    DutyState.UNKNOWN: "warning", DutyState.NOT_YET_DUE: "info", DutyState.DUE: "info",
    DutyState.OVERDUE: "critical", DutyState.ON_TIME: "success", DutyState.LATE: "warning",
    DutyState.PUBLISHED: "success",
}


@dataclass(frozen=True)
class Duty:
    """One publication duty of one year. ``days``: until the due date (``due``), past it
    (``overdue``) or between it and the publication (``late``); None otherwise."""

    kind: DutyKind
    year: int
    state: DutyState
    due_on: dt.date | None
    published_on: dt.date | None
    days: int | None = None

    @property
    def soon(self) -> bool:
        return self.state == DutyState.DUE and self.days is not None and self.days <= SOON_DAYS

    @property
    def is_published(self) -> bool:
        return self.state in (DutyState.ON_TIME, DutyState.LATE, DutyState.PUBLISHED)

    @property
    def needs_action(self) -> bool:
        """Overdue, due soon, or with no due date: what the communicator should see first."""
        return self.state in (DutyState.OVERDUE, DutyState.UNKNOWN) or self.soon

    @property
    def tone(self) -> str:
        return "warning" if self.soon else TONES[self.state]

    @property
    def label(self) -> str:
        """The state in a sentence, in the active language."""
        n = self.days
        if self.state == DutyState.UNKNOWN:
            return _("Due date unknown: enter the budget's approval date.")
        if self.state == DutyState.NOT_YET_DUE:
            return _("Not yet due: the year has not closed (due on %(date)s).") % {"date": _date(self.due_on)}
        if self.state == DutyState.DUE:
            if n == 0:
                return _("Due today.")
            return ngettext("Due in %(n)s day (on %(date)s).", "Due in %(n)s days (on %(date)s).", n) % {
                "n": n, "date": _date(self.due_on)}
        if self.state == DutyState.OVERDUE:
            return ngettext("Overdue by %(n)s day (due on %(date)s).", "Overdue by %(n)s days (due on %(date)s).",
                            n) % {"n": n, "date": _date(self.due_on)}
        if self.state == DutyState.ON_TIME:
            return _("Published on time, on %(date)s.") % {"date": _date(self.published_on)}
        if self.state == DutyState.LATE:
            return ngettext("Published late by %(n)s day, on %(date)s.", "Published late by %(n)s days, on %(date)s.",
                            n) % {"n": n, "date": _date(self.published_on)}
        return _("Published on %(date)s (no approval date to measure the delay by).") % {
            "date": _date(self.published_on)}


@dataclass(frozen=True)
class YearDuties:
    budget_year: BudgetYear
    budget: Duty
    account: Duty

    @property
    def duties(self) -> tuple[Duty, Duty]:
        return (self.budget, self.account)


def _date(value: dt.date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


def local_date(moment: dt.datetime | None) -> dt.date | None:
    """The commune's calendar date of an instant (Africa/Casablanca)."""
    return timezone.localtime(moment).date() if moment is not None else None


def _state(*, kind: DutyKind, year: int, due_on: dt.date | None, published_on: dt.date | None,
           today: dt.date) -> Duty:
    duty = {"kind": kind, "year": year, "due_on": due_on, "published_on": published_on}
    if published_on is not None:
        if due_on is None:
            return Duty(state=DutyState.PUBLISHED, **duty)
        late_by = (published_on - due_on).days
        if late_by > 0:
            return Duty(state=DutyState.LATE, days=late_by, **duty)
        return Duty(state=DutyState.ON_TIME, **duty)
    if due_on is None:
        return Duty(state=DutyState.UNKNOWN, **duty)
    left = (due_on - today).days
    if left < 0:
        return Duty(state=DutyState.OVERDUE, days=-left, **duty)
    return Duty(state=DutyState.DUE, days=left, **duty)


def budget_duty(budget_year: BudgetYear, *, settings: BudgetSettings, today: dt.date) -> Duty:
    """The budget: due ``budget_publication_days`` after its approval; unknown with no approval date."""
    return _state(kind=DutyKind.BUDGET, year=budget_year.year, due_on=budget_year.budget_due_on(settings),
                  published_on=local_date(budget_year.budget_published_at), today=today)


def account_duty(budget_year: BudgetYear, *, settings: BudgetSettings, today: dt.date) -> Duty:
    """The administrative account: not due before the year has closed, then due
    ``account_publication_days`` after 31 December."""
    due_on = budget_year.account_due_on(settings)
    published_on = local_date(budget_year.account_published_at)
    if published_on is None and today <= dt.date(budget_year.year, 12, 31):
        return Duty(kind=DutyKind.ACCOUNT, year=budget_year.year, state=DutyState.NOT_YET_DUE, due_on=due_on,
                    published_on=None)
    return _state(kind=DutyKind.ACCOUNT, year=budget_year.year, due_on=due_on, published_on=published_on,
                  today=today)


def year_duties(budget_year: BudgetYear, *, settings: BudgetSettings, today: dt.date) -> YearDuties:
    return YearDuties(
        budget_year=budget_year,
        budget=budget_duty(budget_year, settings=settings, today=today),
        account=account_duty(budget_year, settings=settings, today=today),
    )


def duties_of_years(years, *, settings: BudgetSettings, today: dt.date) -> list[YearDuties]:
    """The duties of ``years`` (BudgetYears), latest year first."""
    return [year_duties(y, settings=settings, today=today) for y in sorted(years, key=lambda y: -y.year)]


def budget_settings(budget: BudgetPage) -> BudgetSettings:
    """The publication delays of the budget page's commune."""
    from participation.core.pages import page_site

    return BudgetSettings.for_site(page_site(budget))


def budget_duties(*, budget: BudgetPage, today: dt.date | None = None,
                  settings: BudgetSettings | None = None) -> list[YearDuties]:
    """The duties of every year of ``budget`` (its logical page), latest first, on ``today``
    (default: the commune's today). Two queries (the settings, the years)."""
    budget = budget.logical_budget()
    settings = settings if settings is not None else budget_settings(budget)
    today = today or timezone.localdate()
    return duties_of_years(BudgetYear.objects.filter(budget=budget), settings=settings, today=today)
