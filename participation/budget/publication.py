"""Publishing a year's budget and its administrative account (and taking them back), and saving a
year's description (approval date, summaries, documents) from the communicator's screens.

Every service is atomic, keyword-only, checks ``rules.can_manage`` on the year's budget with a row
lock on the year, and renews the anonymous page cache (``content_changed``): citizens see the
change at once. A publication may be dated in the past (a commune entering its earlier years
records when they were really posted), never in the future. Refusals are ``ValidationError``s
with a translated message (``code``: ``future``, ``year_open``, ``budget_unpublished``,
``before_budget``, ``no_lines``, ``not_executed``, ``account_published``, ``duplicate``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participation.core.caching import content_changed
from participation.core.pages import site_id_of
from participation.core.rules import require

from . import rules
from .models import BudgetYear


def _locked(budget_year: BudgetYear, by) -> BudgetYear:
    locked = BudgetYear.objects.select_for_update(of=("self",)).select_related("budget").get(pk=budget_year.pk)
    require(rules.can_manage(by, locked.budget))
    return locked


def _moment(published_on: dt.date | None) -> dt.datetime:
    """Now, or noon (commune time) of a past day; a day after today is refused."""
    today = timezone.localdate()
    if published_on is None or published_on == today:
        return timezone.now()
    if published_on > today:
        raise ValidationError(_("A publication date cannot be in the future."), code="future")
    return timezone.make_aware(dt.datetime.combine(published_on, dt.time(12)))


def _changed(budget_year: BudgetYear) -> None:
    content_changed(site_id=site_id_of(budget_year.budget))


def _copy(target: BudgetYear, source: BudgetYear, *fields: str) -> None:
    for name in fields:
        setattr(target, name, getattr(source, name))


@transaction.atomic
def budget_publish(*, budget_year: BudgetYear, by, published_on: dt.date | None = None) -> BudgetYear:
    """Citizens see the year (its voted amounts) from now on; ``published_on``: the day it was
    really posted, for a year entered afterwards."""
    locked = _locked(budget_year, by)
    locked.budget_published_at = _moment(published_on)
    locked.save(update_fields=["budget_published_at", "updated_at"])
    _copy(budget_year, locked, "budget_published_at", "updated_at")
    _changed(locked)
    return locked


@transaction.atomic
def budget_unpublish(*, budget_year: BudgetYear, by) -> BudgetYear:
    """Citizens no longer see the year; its administrative account must be taken back first."""
    locked = _locked(budget_year, by)
    if locked.account_published_at is not None:
        raise ValidationError(
            _("The administrative account of %(year)s is published: unpublish it before the budget.")
            % {"year": locked.year}, code="account_published",
        )
    locked.budget_published_at = None
    locked.save(update_fields=["budget_published_at", "updated_at"])
    _copy(budget_year, locked, "budget_published_at", "updated_at")
    _changed(locked)
    return locked


def _account_refusal(locked: BudgetYear, moment: dt.datetime) -> ValidationError | None:
    if locked.budget_published_at is None:
        return ValidationError(_("Publish the budget of %(year)s before its administrative account.")
                               % {"year": locked.year}, code="budget_unpublished")
    if timezone.localtime(moment).date() <= dt.date(locked.year, 12, 31):
        return ValidationError(
            _("The year %(year)s has not closed: its administrative account can be published from 1 January "
              "%(next)s.") % {"year": locked.year, "next": locked.year + 1}, code="year_open",
        )
    if moment < locked.budget_published_at:
        return ValidationError(_("The administrative account cannot be published before its budget."),
                               code="before_budget")
    lines = locked.lines.all()
    if not lines.exists():
        return ValidationError(_("The year %(year)s has no budget line yet: import it first.")
                               % {"year": locked.year}, code="no_lines")
    missing = lines.filter(executed__isnull=True).count()
    if missing:
        return ValidationError(
            ngettext(
                "%(n)s line has no executed amount: import the administrative account first.",
                "%(n)s lines have no executed amount: import the administrative account first.",
                missing,
            ) % {"n": missing},
            code="not_executed",
        )
    return None


@transaction.atomic
def account_publish(*, budget_year: BudgetYear, by, published_on: dt.date | None = None) -> BudgetYear:
    """Citizens see the executed amounts: once the budget is published, the year has closed and
    every line has its executed amount."""
    locked = _locked(budget_year, by)
    moment = _moment(published_on)
    refusal = _account_refusal(locked, moment)
    if refusal is not None:
        raise refusal
    locked.account_published_at = moment
    locked.save(update_fields=["account_published_at", "updated_at"])
    _copy(budget_year, locked, "account_published_at", "updated_at")
    _changed(locked)
    return locked


@transaction.atomic
def account_unpublish(*, budget_year: BudgetYear, by) -> BudgetYear:
    locked = _locked(budget_year, by)
    locked.account_published_at = None
    locked.save(update_fields=["account_published_at", "updated_at"])
    _copy(budget_year, locked, "account_published_at", "updated_at")
    _changed(locked)
    return locked


#: What the year form may change (the lines come from the imports, the publication from above).
YEAR_FIELDS = ("year", "approved_on", "summary_ar", "summary_fr", "budget_document", "account_document")


@transaction.atomic
def budget_year_save(*, budget_year: BudgetYear, by) -> BudgetYear:
    """Saves a new year of ``budget_year.budget`` or a year's description (``YEAR_FIELDS``):
    one year per budget."""
    budget = budget_year.budget.logical_budget()
    require(rules.can_manage(by, budget))
    budget_year.budget = budget
    if budget_year.pk is not None:
        locked = _locked(budget_year, by)
        if locked.budget_id != budget.pk:
            raise ValidationError(_("This year belongs to another citizen budget."))
    budget_year.full_clean(exclude=["budget"], validate_unique=False)
    duplicate = BudgetYear.objects.filter(budget=budget, year=budget_year.year).exclude(pk=budget_year.pk)
    if duplicate.exists():
        raise ValidationError({"year": _("The year %(year)s already exists in this citizen budget.")
                               % {"year": budget_year.year}}, code="duplicate")
    try:
        with transaction.atomic():
            if budget_year.pk is None:
                budget_year.save()
            else:
                budget_year.save(update_fields=[*YEAR_FIELDS, "updated_at"])
    except IntegrityError as error:  # the same year, added at the same instant by someone else
        raise ValidationError({"year": _("The year %(year)s already exists in this citizen budget.")
                               % {"year": budget_year.year}}, code="duplicate") from error
    if budget_year.is_published:
        _changed(budget_year)
    return budget_year
