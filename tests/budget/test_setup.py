"""What a commune gets: a citizen budget page with its explained sectors; in the demo two budget
years that balance; the communicator's permissions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db.models import Sum

from participation.budget.models import BudgetLine, BudgetPage, Direction, Sector

pytestmark = pytest.mark.django_db


def test_demo_commune_has_a_citizen_budget_in_both_languages(budget):
    budget_ar, budget_fr = budget
    assert budget_fr.get_parent().specific.locale.language_code == "fr"
    assert Sector.objects.filter(budget=budget_ar).count() == 8
    assert all(s.explanation_ar and s.explanation_fr for s in Sector.objects.filter(budget=budget_ar))
    assert sorted(budget_ar.years.values_list("year", flat=True)) == [2025, 2026]


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_demo_years_balance_part_by_part(budget, year):
    lines = BudgetLine.objects.filter(budget_year__budget=budget[0], budget_year__year=year)
    for section in ("operating", "investment"):
        totals = dict(lines.filter(section=section).values_list("direction").annotate(total=Sum("voted")))
        if section == "operating":
            assert totals[Direction.REVENUE] > totals[Direction.EXPENSE]
        else:
            assert totals[Direction.REVENUE] == totals[Direction.EXPENSE] > Decimal("0")


def test_only_2025_has_its_administrative_account(budget):
    years = {y.year: y for y in budget[0].years.all()}
    assert years[2025].has_account and not years[2026].has_account
    assert not BudgetLine.objects.filter(budget_year=years[2026], executed__isnull=False).exists()
    assert not BudgetLine.objects.filter(budget_year=years[2025], executed__isnull=True).exists()


def test_running_the_setup_twice_creates_nothing_twice(budget):
    from django.core.management import call_command

    with open("/dev/null", "w") as quiet:
        call_command(
            "create_commune", "--demo", "--slug", "larache", "--name-ar", "جماعة العرائش",
            "--name-fr", "Commune de Larache", "--hostname", "testserver", "--default-site",
            "--population", "125008", stdout=quiet,
        )
    assert BudgetPage.objects.filter(slug="citizen-budget").count() == 2
    assert budget[0].years.count() == 2 and Sector.objects.count() == 8


def test_communicator_group_may_keep_the_budget(demo_commune):
    from site_template.communes.models import CommuneRole

    role = CommuneRole.objects.get(role="communicator")
    codenames = set(Permission.objects.filter(group=role.group).values_list("codename", flat=True))
    assert {"change_budgetyear", "add_budgetline", "change_chapter", "change_sector"} <= codenames


def test_the_demo_investments_pay_for_projects_of_the_demo_action_programme(budget):
    from participation.programme.models import Project

    linked = BudgetLine.objects.filter(budget_year__budget=budget[0], tracked_project__isnull=False)
    assert linked.count() == 6  # three lines, two years
    numbers = set(Project.objects.filter(contribution__in=linked.values("tracked_project")).values_list("number", flat=True))
    assert numbers == {3, 5, 6}
