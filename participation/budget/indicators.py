"""What the charter can read from the citizen budget (``participation.core.indicators``): the
share of the budget years whose budget was published on time (law 31-13 art. 10, with the
commune's own delay: ``duties.budget_duty``).

A year counts in the period in which its budget's due date (approval + ``budget_publication_days``)
fell, once the outcome is known: published (on time or late) or overdue. A year with no approval
date has no due date and cannot be measured; one not due yet is not counted. The years of the
commune's live, public source-language budget pages are read; only published years are linked.

Three queries at most, whatever the number of years: the view restrictions, the years with their
page and the commune's delay, the page's copy in the active language."""

from __future__ import annotations

import datetime as dt

from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation.core.indicators import (
    EVIDENCE_LIMIT,
    Evidence,
    IndicatorSource,
    IndicatorUnit,
    Reading,
    in_commune,
    localized_copies,
    page_path,
    public_condition,
    share_reading,
)
from participation.core.pages import source_language

from . import duties
from .models import BudgetPage, BudgetSettings, BudgetYear

#: The longest delay the settings allow (``BudgetSettings.budget_publication_days``).
MAX_DELAY_DAYS = 365
MEASURED = (duties.DutyState.ON_TIME, duties.DutyState.LATE, duties.DutyState.OVERDUE)


def published_on_time(*, site_id: int, start: dt.date, end: dt.date) -> Reading:
    private = public_condition()
    today = timezone.localdate()
    delay_field = BudgetSettings._meta.get_field("budget_publication_days")
    delay = BudgetSettings.objects.filter(site_id=site_id).values("budget_publication_days")[:1]
    pages = in_commune(BudgetPage.objects.live().filter(locale__language_code=source_language()).exclude(private),
                       site_id)
    rows = list(
        BudgetYear.objects.filter(budget__in=pages)
        # the commune's delay is at most a year: the years approved in that year before the period may be due in it
        .filter(approved_on__gte=start - dt.timedelta(days=MAX_DELAY_DAYS), approved_on__lte=end)
        .annotate(delay_days=Subquery(delay))
        .select_related("budget", "budget__locale")
        .order_by("-approved_on", "-pk")
    )
    settings = BudgetSettings(site_id=site_id, budget_publication_days=(
        rows[0].delay_days if rows and rows[0].delay_days is not None else delay_field.get_default()))
    years = [y for y in rows if start <= y.budget_due_on(settings) <= end]
    counted = []
    for budget_year in years:
        duty = duties.budget_duty(budget_year, settings=settings, today=today)
        if duty.state in MEASURED:
            counted.append((budget_year, duty))
    on_time = [pair for pair in counted if pair[1].state == duties.DutyState.ON_TIME]
    shown = [(y, duty) for y, duty in counted if duty.is_published][:EVIDENCE_LIMIT]
    copies = localized_copies({y.budget.pk: y.budget for y, _duty in shown}.values(), private=private)
    evidence = tuple(
        Evidence(title=str(y), url=page_path(copies[y.budget.pk]) + y.budget.reverse_subpage("year_route", args=[y.year]),
                 date=duty.published_on, note=duty.label)
        for y, duty in shown
    )
    return share_reading(len(on_time), len(counted), evidence=evidence)


def sources() -> list[IndicatorSource]:
    return [
        IndicatorSource(
            key="budget.published_on_time", label=_("Share of budgets published on time"),
            unit=IndicatorUnit.PERCENT,
            method=_("Out of the budget years whose budget was due for publication in the period (the commune's "
                     "delay after the budget's approval, law 31-13 art. 10), those published on the site on or "
                     "before the due date. Budgets not yet due are not counted."),
            principle="transparency", measure=published_on_time,
        ),
    ]
