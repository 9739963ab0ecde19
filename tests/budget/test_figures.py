"""The citizen budget's figures against a hand computation: per inhabitant, execution rate, the
100 dirhams (whole dirhams adding up to exactly 100), totals by part, chapter and sector, and the
years compared. ``build_year``: line ``n`` votes (n + 1) × 1000, amends n × 10, executes 90 % of
its final credit; parts in turn (revenue operating, revenue investment, expense operating,
expense investment); expenses on the sectors in turn (``n % 8``)."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from participation.budget import selectors
from participation.budget.figures import (
    Amounts,
    execution_rate,
    final_amount,
    hundred_dirhams,
    per_inhabitant,
    year_figures,
)
from participation.budget.models import BudgetLine, BudgetYear, Direction, Section, Sector
from tests.budget.conftest import build_year, make_budget

D = Decimal


# -- the rules ---------------------------------------------------------------------------------


def test_per_inhabitant_is_the_amount_over_the_population_with_two_decimals():
    assert per_inhabitant(D("1000000"), 125008) == D("8.00")  # 7.99948…
    assert per_inhabitant(D("1234567.89"), 125008) == D("9.88")  # 9.87591…
    assert per_inhabitant(D("393700"), 125008) == D("3.15")  # 3.14939…
    assert per_inhabitant(D("5"), 1000) == D("0.01")  # 0.005, half up
    assert per_inhabitant(D("1000"), None) is None
    assert per_inhabitant(D("1000"), 0) is None
    assert per_inhabitant(None, 1000) is None


def test_execution_rate_is_executed_over_final_in_percent_with_one_decimal():
    assert execution_rate(D("90"), D("100")) == D("90.0")
    assert execution_rate(D("1"), D("3")) == D("33.3")
    assert execution_rate(D("2"), D("3")) == D("66.7")
    assert execution_rate(D("150"), D("100")) == D("150.0")  # over-execution is shown as it is
    assert execution_rate(None, D("100")) is None
    assert execution_rate(D("10"), D("0")) is None
    assert final_amount(D("1000"), D("-250")) == D("750")
    amounts = Amounts(voted=D("1000"), amendments=D("200"), executed=D("960"))
    assert amounts.final == D("1200") and amounts.execution_rate == D("80.0")
    assert Amounts(voted=D("1000")).execution_rate is None


def test_execution_rate_agrees_with_the_lines_own_rate():
    for voted, amendments, executed in [("1000", "0", "333"), ("7", "0", "1"), ("1234567.89", "-0.89", "1000000")]:
        line = BudgetLine(voted=D(voted), amendments=D(amendments), executed=D(executed))
        assert execution_rate(line.executed, line.final) == line.execution_rate


def test_hundred_dirhams_by_largest_remainder():
    # 33.3 / 33.3 / 33.4: the missing dirham goes to the largest remainder
    assert hundred_dirhams([("x", 333), ("y", 333), ("z", 334)]) == [("x", 33), ("y", 33), ("z", 34)]
    # 15.05 / 24.95 / 60: 99 once rounded down, the .95 gets the last dirham (not the .05)
    assert hundred_dirhams([("a", 1505), ("b", 2495), ("c", 6000)]) == [("a", 15), ("b", 25), ("c", 60)]
    # three equal thirds: the first given gets the extra dirham
    assert hundred_dirhams([("a", 1), ("b", 1), ("c", 1)]) == [("a", 34), ("b", 33), ("c", 33)]
    # a sector too small for a whole dirham gets none; the order given is kept
    assert hundred_dirhams([("big", D("999000")), ("tiny", D("1000"))]) == [("big", 100), ("tiny", 0)]
    assert hundred_dirhams([("a", 0), ("b", 0)]) == [("a", 0), ("b", 0)]
    assert hundred_dirhams([("a", D("-5")), ("b", D("10")), ("c", None)]) == [("a", 0), ("b", 100), ("c", 0)]
    assert hundred_dirhams([]) == []


def test_hundred_dirhams_always_add_up_to_exactly_100():
    rng = random.Random(13)
    for _ in range(500):
        amounts = [(i, D(rng.randint(0, 10**9)) / 100) for i in range(rng.randint(1, 12))]
        shares = hundred_dirhams(amounts)
        if sum(a for _k, a in amounts) == 0:
            continue
        assert sum(d for _k, d in shares) == 100
        total = sum(a for _k, a in amounts)
        for (_k, amount), (_k2, dirhams) in zip(amounts, shares, strict=True):
            assert abs(dirhams - amount * 100 / total) < 1  # never more than one dirham off its exact share


# -- the figures of a year ---------------------------------------------------------------------


def _figures(budget, budget_year, population=125008):
    years = selectors.published_years(budget=budget)
    return year_figures(budget=budget, budget_year=budget_year, years=years, population=population)


@pytest.mark.django_db
def test_totals_by_part_chapter_and_sector_by_hand(home_ar):
    budget, _fr = make_budget(home_ar)
    budget_year = build_year(budget, year=2024, lines=40)
    figures = _figures(budget, budget_year)
    # revenue operating: lines 0, 4, …, 36 -> voted 1000 × (1 + 5 + … + 37) = 190 000, amended 10 × (0 + 4 + … + 36)
    part = figures.part(Direction.REVENUE, Section.OPERATING)
    assert (part.amounts.voted, part.amounts.amendments, part.amounts.final) == (D("190000"), D("1800"), D("191800"))
    assert part.amounts.executed == D("172620.00") and part.amounts.execution_rate == D("90.0")
    assert part.amounts.lines == 10
    # its chapter 10: lines 0 and 20 (n // 4 % 5 == 0) -> voted 1000 × (1 + 21), amended 10 × 20
    chapter = next(c for c in part.chapters if c.code == "10")
    assert (chapter.amounts.voted, chapter.amounts.amendments, chapter.amounts.lines) == (D("22000"), D("200"), 2)
    assert [c.code for c in part.chapters] == ["10", "20", "30", "40", "50"]
    # revenue 190 000 + 200 000 voted, 1 800 + 1 900 amended; expenses 210 000 + 220 000, 2 000 + 2 100
    assert figures.revenue.final == D("393700") and figures.expense.final == D("434100")
    assert figures.revenue_per_inhabitant == D("3.15")  # 393 700 / 125 008 = 3.1494
    assert figures.expense_per_inhabitant == D("3.47")  # 434 100 / 125 008 = 3.4726
    assert figures.expense.executed == D("390690.00")
    # sector 30 (the third sector): expense lines with n % 8 == 2 -> n = 2, 10, 18, 26, 34
    sectors = {g.code: g for g in figures.sectors}
    assert sorted(sectors) == ["30", "40", "70", "80"]
    assert sectors["30"].amounts.voted == D(1000 * (3 + 11 + 19 + 27 + 35))
    assert sectors["30"].amounts.final == D("95900")
    assert sectors["30"].final_per_inhabitant == D("0.77")  # 95 900 / 125 008 = 0.7671
    assert sum(g.amounts.final for g in figures.sectors) == figures.expense.final
    # the 100 dirhams share the executed amounts: 86 310, 90 855, 104 490, 109 035 of 390 690
    # -> 22.09, 23.25, 26.74, 27.90 -> 22, 23, 26, 27 (98), the .90 and .74 get the two missing dirhams
    assert figures.hundred_basis == "executed"
    assert [(g.code, g.dirhams) for g in figures.sectors] == [("30", 22), ("40", 23), ("70", 27), ("80", 28)]


@pytest.mark.django_db
def test_expenses_without_a_sector_are_counted_apart(home_ar):
    budget, _fr = make_budget(home_ar)
    budget_year = build_year(budget, year=2024, lines=8)
    BudgetLine.objects.filter(budget_year=budget_year, paragraph="2").update(sector=None)  # 3000 voted, 20 amended
    figures = _figures(budget, budget_year)
    assert figures.sectors[-1].key == "none" and figures.sectors[-1].amounts.final == D("3020")
    assert sum(g.dirhams for g in figures.sectors) == 100


@pytest.mark.django_db
def test_no_executed_amount_before_the_account_is_published(home_ar):
    budget, _fr = make_budget(home_ar)
    budget_year = build_year(budget, year=2025, lines=40)  # the lines have executed amounts…
    BudgetYear.objects.filter(pk=budget_year.pk).update(account_published_at=None)  # …the account is not public
    budget_year.refresh_from_db()
    figures = _figures(budget, budget_year)
    assert not figures.has_account
    assert figures.expense.executed is None and figures.revenue.executed is None
    assert all(p.amounts.executed is None for p in figures.parts)
    assert all(c.amounts.executed is None for p in figures.parts for c in p.chapters)
    assert all(g.amounts.executed is None for g in figures.sectors)
    assert figures.history[-1].expense.executed is None
    # the 100 dirhams then share the final budget: 95 900, 100 950, 116 100, 121 150 of 434 100
    # -> 22.09, 23.25, 26.74, 27.91 -> 22, 23, 27, 28
    assert figures.hundred_basis == "final"
    assert [g.dirhams for g in figures.sectors] == [22, 23, 27, 28]


@pytest.mark.django_db
def test_previous_years_are_compared_over_every_published_year(home_ar):
    budget, _fr = make_budget(home_ar)
    build_year(budget, year=2023, lines=40)
    y2024 = build_year(budget, year=2024, lines=80)
    build_year(budget, year=2025, lines=40, executed=False)
    build_year(budget, year=2026, lines=40, published=False)  # not published: not compared
    figures = _figures(budget, y2024)
    assert [h.year for h in figures.history] == [2023, 2024, 2025]
    assert [h.current for h in figures.history] == [False, True, False]
    h2023, h2024, h2025 = figures.history
    assert h2023.revenue.final == D("393700")
    # 80 lines: revenue operating n = 0, 4, …, 76 -> 1000 × (1 + 5 + … + 77) = 780 000 voted, 10 × 760 amended
    assert figures.part(Direction.REVENUE, Section.OPERATING).amounts.final == D("787600")
    assert h2024.revenue.final == figures.revenue.final
    assert h2024.expense_per_inhabitant == per_inhabitant(h2024.expense.final, 125008)
    assert h2023.has_account and h2023.expense.executed == D("390690.00")
    assert not h2025.has_account and h2025.expense.executed is None
    sector_30 = Sector.objects.get(budget=budget, code="30").pk
    assert h2023.by_sector[sector_30] == D("95900") == h2025.by_sector[sector_30]


@pytest.mark.django_db
def test_no_population_no_amount_per_inhabitant(home_ar):
    budget, _fr = make_budget(home_ar)
    budget_year = build_year(budget, year=2024, lines=8)
    figures = _figures(budget, budget_year, population=None)
    assert figures.revenue_per_inhabitant is None and figures.expense_per_inhabitant is None
    assert all(g.final_per_inhabitant is None for g in figures.sectors)
