"""The citizen budget's indicator for the charter: the share of budgets published on time, by the
duties' rule, for the years due in the period of the commune's live budget page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from participation.budget.models import BudgetSettings, BudgetYear
from participation.core.indicators import EVIDENCE_LIMIT, indicator_source

from .conftest import make_budget

pytestmark = pytest.mark.django_db
KEY = "budget.published_on_time"


def _measure(site, start, end):
    return indicator_source(KEY).measure(site_id=site.pk, start=start, end=end)


def _day(days_ago: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


def _at(days_ago: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(_day(days_ago), dt.time(11)))


def _year(budget, year, *, approved, published=None):
    return BudgetYear.objects.create(budget=budget, year=year, approved_on=_day(approved) if approved is not None else None,
                                     budget_published_at=_at(published) if published is not None else None)


@pytest.fixture
def period():
    return _day(100), _day(0)


@pytest.fixture
def budget(home_ar, commune_site):
    settings = BudgetSettings.for_site(commune_site)
    settings.budget_publication_days = 30
    settings.save()
    return make_budget(home_ar)[0]


def test_share_of_budgets_published_on_time(budget, home_ar, commune_site, period):
    _year(budget, 2020, approved=60, published=40)  # due 30 days ago: on time
    _year(budget, 2021, approved=80, published=45)  # due 50 days ago: late
    _year(budget, 2022, approved=50)  # due 20 days ago: overdue
    _year(budget, 2023, approved=10)  # due in 20 days: not yet
    _year(budget, 2024, approved=25, published=20)  # due in 5 days: after the period
    _year(budget, 2019, approved=None, published=50)  # no due date
    _year(budget, 2018, approved=300, published=290)  # long ago
    draft = make_budget(home_ar, slug="draft-budget")[0]
    draft.unpublish()
    _year(draft, 2020, approved=60, published=40)

    reading = _measure(commune_site, *period)
    assert (reading.numerator, reading.denominator, reading.value) == (1, 3, Decimal("33.3"))
    base = budget.relative_url(commune_site)
    assert [(e.url, e.date) for e in reading.evidence] == [
        (f"{base}years/2020/", _day(40)), (f"{base}years/2021/", _day(45))]
    assert "2020" in reading.evidence[0].title and reading.evidence[0].note != reading.evidence[1].note


def test_other_commune_and_nothing_due(budget, commune_site, period):
    from site_template.communes.services import CommuneSpec, commune_create

    _year(budget, 2020, approved=60, published=40)
    other = commune_create(spec=CommuneSpec(slug="tetouan", name_ar="جماعة تطوان", name_fr="Commune de Tétouan",
                                            hostname="tetouan.test"))
    reading = _measure(other, *period)
    assert (reading.value, reading.numerator, reading.denominator, reading.evidence) == (None, 0, 0, ())
    assert _measure(commune_site, *period).value == Decimal("100.0")


def test_query_count_does_not_grow(budget, commune_site, django_assert_num_queries):
    from django.utils import translation

    period = (_day(4000), _day(0))
    _year(budget, 2000, approved=40, published=30)
    _measure(commune_site, *period)
    with django_assert_num_queries(2):  # the settings, the years (Arabic: no copy to read)
        _measure(commune_site, *period)
    for n in range(1, EVIDENCE_LIMIT + 3):
        _year(budget, 2000 + n, approved=40 + 300 * n, published=30 + 300 * n)
    with translation.override("fr"):
        _measure(commune_site, *period)
        with django_assert_num_queries(3):  # + the French copy of the budget page
            reading = _measure(commune_site, *period)
    assert reading.value == Decimal("100.0") and len(reading.evidence) == EVIDENCE_LIMIT
    assert reading.evidence[0].url.startswith("/fr/") and reading.evidence[0].url.endswith("/years/2000/")


def test_the_communes_own_delay(budget, commune_site, period):
    _year(budget, 2020, approved=60, published=20)  # 40 days after the approval
    assert _measure(commune_site, *period).value == Decimal("0.0")  # 30 days: late
    settings = BudgetSettings.for_site(commune_site)
    settings.budget_publication_days = 45
    settings.save()
    assert _measure(commune_site, *period).value == Decimal("100.0")
