"""Publishing a year's budget and its administrative account: the communicator only, past dates
(never future), the refusals (account before its budget, before the year closes, with a line not
executed), the anonymous pages renewed; and the year's description saved (one year per budget)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from participation.budget import publication
from participation.budget.models import BudgetLine, BudgetYear
from participation.core import caching
from participation.core.rules import ActionRefused
from tests.budget.conftest import build_year, make_budget
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1
THIS_YEAR = timezone.localdate().year


@pytest.fixture
def budget_pages(home_ar):
    return make_budget(home_ar)


@pytest.fixture
def draft(budget_pages):
    """Last year's budget, imported with its executed amounts, nothing published."""
    return build_year(budget_pages[0], year=LAST_YEAR, lines=8, published=False)


def _state(budget_year) -> tuple:
    row = BudgetYear.objects.get(pk=budget_year.pk)
    return row.budget_published_at, row.account_published_at


def test_the_communicator_publishes_the_budget_then_the_account(draft, communicator):
    before = caching.content_version()
    publication.budget_publish(budget_year=draft, by=communicator)
    after_budget = caching.content_version()
    assert after_budget != before
    assert draft.budget_published_at is not None and draft.account_published_at is None
    assert _state(draft)[0] == draft.budget_published_at
    publication.account_publish(budget_year=draft, by=communicator)
    assert caching.content_version() != after_budget
    assert all(_state(draft)) and draft.has_account


def test_the_administrator_may_publish_too(draft, administrator):
    publication.budget_publish(budget_year=draft, by=administrator)
    assert _state(draft)[0] is not None


@pytest.mark.parametrize("who", ["citizen", "focal_point", "officer", "other_communicator", "anonymous"])
def test_others_are_refused_and_nothing_changes(draft, who, request, commune_site):
    from django.contrib.auth.models import AnonymousUser
    from wagtail.models import Page, Site

    if who == "anonymous":
        user = AnonymousUser()
    elif who == "other_communicator":
        from site_template.communes.services import CommuneSpec, commune_create

        other = commune_create(spec=CommuneSpec(slug="ksar", name_ar="القصر الكبير", name_fr="Ksar El Kebir",
                                                hostname="ksar.test"))
        assert isinstance(other, Site) and Page.objects.filter(pk=other.root_page_id).exists()
        user = UserFactory(communicator=True, site=other, email="ksar-communicator@example.ma")
    else:
        user = request.getfixturevalue(who)
    before = caching.content_version()
    for service in (publication.budget_publish, publication.account_publish):
        with pytest.raises(ActionRefused):
            service(budget_year=draft, by=user)
    assert _state(draft) == (None, None)
    assert caching.content_version() == before


def test_a_past_publication_date_is_kept(draft, communicator):
    day = dt.date(LAST_YEAR, 2, 5)
    publication.budget_publish(budget_year=draft, by=communicator, published_on=day)
    published_at = _state(draft)[0]
    assert timezone.localtime(published_at).date() == day
    account_day = dt.date(THIS_YEAR, 1, 20) if timezone.localdate() > dt.date(THIS_YEAR, 1, 20) else None
    publication.account_publish(budget_year=draft, by=communicator, published_on=account_day)
    assert timezone.localtime(_state(draft)[1]).date() == (account_day or timezone.localdate())


def test_a_date_in_the_future_is_refused(draft, communicator):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        publication.budget_publish(budget_year=draft, by=communicator, published_on=tomorrow)
    assert refused.value.code == "future"
    assert _state(draft) == (None, None)


def test_no_account_before_its_budget(draft, communicator):
    before = caching.content_version()
    with pytest.raises(ValidationError) as refused:
        publication.account_publish(budget_year=draft, by=communicator)
    assert refused.value.code == "budget_unpublished" and str(LAST_YEAR) in refused.value.messages[0]
    assert _state(draft) == (None, None) and caching.content_version() == before


def test_no_account_dated_before_its_budget(draft, communicator):
    new_year = dt.date(THIS_YEAR, 1, 1)
    if timezone.localdate() == new_year:
        pytest.skip("on 1 January that day is today")
    publication.budget_publish(budget_year=draft, by=communicator)  # today
    with pytest.raises(ValidationError) as refused:
        publication.account_publish(budget_year=draft, by=communicator, published_on=new_year)
    assert refused.value.code == "before_budget"
    assert _state(draft)[1] is None


def test_no_account_before_the_year_has_closed(budget_pages, communicator):
    current = build_year(budget_pages[0], year=THIS_YEAR, lines=8, published=False)
    publication.budget_publish(budget_year=current, by=communicator)
    with pytest.raises(ValidationError) as refused:
        publication.account_publish(budget_year=current, by=communicator)
    assert refused.value.code == "year_open" and str(THIS_YEAR + 1) in refused.value.messages[0]
    assert _state(current)[1] is None


def test_no_account_while_a_line_has_no_executed_amount(draft, communicator):
    publication.budget_publish(budget_year=draft, by=communicator)
    BudgetLine.objects.filter(pk__in=draft.lines.values("pk")[:3]).update(executed=None)
    with pytest.raises(ValidationError) as refused:
        publication.account_publish(budget_year=draft, by=communicator)
    assert refused.value.code == "not_executed" and "3" in refused.value.messages[0]
    assert _state(draft)[1] is None


def test_no_account_without_lines(budget_pages, communicator):
    empty = BudgetYear.objects.create(budget=budget_pages[0], year=LAST_YEAR)
    publication.budget_publish(budget_year=empty, by=communicator)
    with pytest.raises(ValidationError) as refused:
        publication.account_publish(budget_year=empty, by=communicator)
    assert refused.value.code == "no_lines"


def test_unpublishing(draft, communicator):
    publication.budget_publish(budget_year=draft, by=communicator)
    publication.account_publish(budget_year=draft, by=communicator)
    with pytest.raises(ValidationError) as refused:
        publication.budget_unpublish(budget_year=draft, by=communicator)
    assert refused.value.code == "account_published" and all(_state(draft))
    before = caching.content_version()
    publication.account_unpublish(budget_year=draft, by=communicator)
    assert _state(draft)[0] is not None and _state(draft)[1] is None
    publication.budget_unpublish(budget_year=draft, by=communicator)
    assert _state(draft) == (None, None) and not draft.is_published
    assert caching.content_version() != before


def test_unpublishing_is_refused_to_others(draft, communicator, focal_point):
    publication.budget_publish(budget_year=draft, by=communicator)
    with pytest.raises(ActionRefused):
        publication.budget_unpublish(budget_year=draft, by=focal_point)
    assert _state(draft)[0] is not None


def test_a_year_is_saved_once_per_budget(budget_pages, draft, communicator, focal_point):
    budget_ar, budget_fr = budget_pages
    new = BudgetYear(budget=budget_fr, year=THIS_YEAR, approved_on=dt.date(THIS_YEAR, 1, 10), summary_ar="ملخص")
    publication.budget_year_save(budget_year=new, by=communicator)
    assert new.pk and new.budget_id == budget_ar.pk  # the French copy names the same budget
    with pytest.raises(ValidationError) as refused:
        publication.budget_year_save(budget_year=BudgetYear(budget=budget_ar, year=LAST_YEAR), by=communicator)
    assert "year" in refused.value.message_dict
    assert BudgetYear.objects.filter(budget=budget_ar).count() == 2
    with pytest.raises(ActionRefused):
        publication.budget_year_save(budget_year=BudgetYear(budget=budget_ar, year=1999), by=focal_point)
    assert not BudgetYear.objects.filter(year=1999).exists()
