"""Fixtures for the citizen budget: a budget page (Arabic + French) under the commune's home page,
and ``build_year`` for budget years of any size in the communes' nomenclature."""

from __future__ import annotations

from decimal import Decimal

import pytest

from participation.budget.models import (
    BudgetLine,
    BudgetPage,
    BudgetYear,
    Chapter,
    Direction,
    Section,
    Sector,
)
from participation.budget.provisioning import sectors_ensure
from site_template.pages.tree import add_translated_child


def make_budget(home_ar, *, slug="budget", **extra) -> tuple[BudgetPage, BudgetPage]:
    budget_ar, budget_fr = add_translated_child(
        home_ar, page_class=BudgetPage,
        ar={"title": "ميزانية المواطن", "slug": slug}, fr={"title": "Budget citoyen", "slug": slug}, **extra,
    )
    sectors_ensure(budget=budget_ar)
    return budget_ar, budget_fr


def build_year(budget: BudgetPage, *, year: int = 2025, lines: int = 300, executed: bool = True,
               published: bool = True, chapters_per_part: int = 5) -> BudgetYear:
    """A year of ``lines`` lines spread over the four (direction, part) pairs, ``chapters_per_part``
    chapters each, expenses spread over the commune's sectors. Line ``n`` votes ``(n + 1) * 1000``
    MAD, amends ``n * 10`` and executes 90 % of the final credit when ``executed``; in bulk."""
    from django.utils import timezone

    parts = [(d, s) for d in (Direction.REVENUE, Direction.EXPENSE) for s in (Section.OPERATING, Section.INVESTMENT)]
    chapters = {}
    for direction, section in parts:
        for c in range(1, chapters_per_part + 1):
            chapters[(direction, section, c)], _ = Chapter.objects.get_or_create(
                budget=budget, direction=direction, section=section, code=f"{c}0",
                defaults={"name_ar": f"الباب {c}0", "name_fr": f"Chapitre {c}0"},
            )
    sectors = list(Sector.objects.filter(budget=budget).order_by("code")) or None
    now = timezone.now()
    budget_year = BudgetYear.objects.create(
        budget=budget, year=year, budget_published_at=now if published else None,
        account_published_at=now if (published and executed) else None,
    )
    rows = []
    for n in range(lines):
        direction, section = parts[n % 4]
        chapter = chapters[(direction, section, (n // 4) % chapters_per_part + 1)]
        voted = Decimal((n + 1) * 1000)
        amendments = Decimal(n * 10)
        rows.append(BudgetLine(
            budget_year=budget_year, direction=direction, section=section, chapter=chapter,
            article=str(10 + n // (4 * chapters_per_part)), paragraph=str(n),
            label_ar=f"السطر {n}", label_fr=f"Ligne {n}",
            sector=sectors[n % len(sectors)] if (sectors and direction == Direction.EXPENSE) else None,
            voted=voted, amendments=amendments,
            executed=((voted + amendments) * Decimal("0.9")).quantize(Decimal("0.01")) if executed else None,
        ))
    BudgetLine.objects.bulk_create(rows)
    return budget_year


@pytest.fixture
def budget(demo_commune):
    """The demo commune's citizen budget pages ``(ar, fr)`` (the demo has 2025 and 2026)."""
    pages = BudgetPage.objects.filter(slug="citizen-budget")
    return pages.get(locale__language_code="ar"), pages.get(locale__language_code="fr")
