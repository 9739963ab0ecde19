"""The figures of the citizen budget, and the rules behind them, in one place:

- **final credit** = voted + the year's amendments;
- **execution rate** = executed / final credit, in per cent with one decimal (``models.execution_rate``,
  re-exported here); unknown without an executed amount or a final credit;
- **per inhabitant** = amount / the commune's population (``CommuneSettings.population``), in MAD
  with two decimals (half up); unknown without a population;
- **your 100 dirhams**: of each 100 MAD spent, the whole dirhams going to each sector, adding up
  to exactly 100 (largest-remainder rounding); the executed amounts once the administrative
  account is published, the final credits before;
- executed amounts exist for citizens only once the year's administrative account is published
  (``BudgetYear.account_published_at``): before that the figures carry none, whatever was imported.

``year_figures`` builds everything a year's page shows from the database aggregates of
``selectors`` (a fixed number of queries whatever the number of lines); the rest are pure
functions."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import BudgetPage, BudgetYear, Chapter, Direction, Section, Sector, execution_rate

ZERO = Decimal("0")
CENT = Decimal("0.01")
K = TypeVar("K", bound=Hashable)

#: The four parts of a year's budget, in the order citizens read them.
PARTS = [
    (Direction.REVENUE, Section.OPERATING),
    (Direction.REVENUE, Section.INVESTMENT),
    (Direction.EXPENSE, Section.OPERATING),
    (Direction.EXPENSE, Section.INVESTMENT),
]
PART_LABELS = {
    (Direction.REVENUE, Section.OPERATING): _("Operating revenue"),
    (Direction.REVENUE, Section.INVESTMENT): _("Investment revenue"),
    (Direction.EXPENSE, Section.OPERATING): _("Operating expenses"),
    (Direction.EXPENSE, Section.INVESTMENT): _("Investment expenses"),
}


# -- the rules ---------------------------------------------------------------------------------


def final_amount(voted, amendments) -> Decimal:
    """The final credit: voted plus the year's amendments."""
    return Decimal(voted or 0) + Decimal(amendments or 0)


def per_inhabitant(amount, population: int | None) -> Decimal | None:
    """``amount`` divided by the population, in MAD with two decimals (half up); None without a
    population or an amount."""
    if amount is None or not population:
        return None
    return (Decimal(amount) / Decimal(population)).quantize(CENT, rounding=ROUND_HALF_UP)


def hundred_dirhams(amounts: Sequence[tuple[K, Decimal | int | None]]) -> list[tuple[K, int]]:
    """Of each 100 dirhams, the whole dirhams going to each key, in the order given: the exact
    shares rounded down, then the dirhams still missing to make 100 given one each to the largest
    remainders (ties: the larger amount, then the first given). Negative or missing amounts count
    as nothing; all zeros when nothing is spent."""
    clean = [(key, max(Decimal(amount or 0), ZERO)) for key, amount in amounts]
    total = sum((amount for _key, amount in clean), ZERO)
    if total <= 0:
        return [(key, 0) for key, _amount in clean]
    quotas = [amount * 100 / total for _key, amount in clean]
    whole = [int(quota) for quota in quotas]  # rounded down: every quota is >= 0
    missing = 100 - sum(whole)
    order = sorted(range(len(clean)), key=lambda i: (-(quotas[i] - whole[i]), -clean[i][1], i))
    for index in order[:missing]:
        whole[index] += 1
    return [(key, dirhams) for (key, _amount), dirhams in zip(clean, whole, strict=True)]


# -- the figures -------------------------------------------------------------------------------


@dataclass
class Amounts:
    """Sums of lines: voted, amendments and executed (None when unknown: the account is not
    published, or no line of the group has an executed amount)."""

    voted: Decimal = ZERO
    amendments: Decimal = ZERO
    executed: Decimal | None = None
    lines: int = 0

    def add(self, *, voted, amendments, executed, lines: int = 0) -> None:
        self.voted += Decimal(voted or 0)
        self.amendments += Decimal(amendments or 0)
        if executed is not None:
            self.executed = (self.executed or ZERO) + Decimal(executed)
        self.lines += lines

    def merge(self, other: Amounts) -> None:
        self.add(voted=other.voted, amendments=other.amendments, executed=other.executed, lines=other.lines)

    @property
    def final(self) -> Decimal:
        return final_amount(self.voted, self.amendments)

    @property
    def execution_rate(self) -> Decimal | None:
        return execution_rate(self.executed, self.final)


@dataclass
class Group:
    """A chapter, a functional sector or a part of the budget, with its sums."""

    key: Hashable
    label: str
    explanation: str = ""
    code: str = ""
    part: str = ""  # a chapter's part: "Operating" or "Investment"
    amounts: Amounts = field(default_factory=Amounts)
    final_per_inhabitant: Decimal | None = None
    executed_per_inhabitant: Decimal | None = None
    dirhams: int | None = None  # of each 100 dirhams (sectors)


@dataclass
class Part:
    direction: str
    section: str
    label: str
    amounts: Amounts
    chapters: list[Group]


@dataclass
class YearSummary:
    """One published year's totals, for the comparison over the years."""

    year: int
    has_account: bool
    revenue: Amounts
    expense: Amounts
    revenue_per_inhabitant: Decimal | None
    expense_per_inhabitant: Decimal | None
    by_sector: dict[Hashable, Decimal]  # final credits of expenses by sector key
    current: bool = False


@dataclass
class YearFigures:
    budget_year: BudgetYear
    population: int | None
    has_account: bool
    revenue: Amounts
    expense: Amounts
    revenue_per_inhabitant: Decimal | None
    expense_per_inhabitant: Decimal | None
    executed_expense_per_inhabitant: Decimal | None
    parts: list[Part]
    sectors: list[Group]  # expenses by functional sector (sector code order, "no sector" last)
    hundred_basis: str  # "executed" or "final": what the 100 dirhams share out
    history: list[YearSummary]  # every published year, oldest first

    @property
    def revenue_chapters(self) -> list[Group]:
        return [c for p in self.parts if p.direction == Direction.REVENUE for c in p.chapters]

    @property
    def expense_chapters(self) -> list[Group]:
        return [c for p in self.parts if p.direction == Direction.EXPENSE for c in p.chapters]

    def part(self, direction: str, section: str) -> Part:
        return next(p for p in self.parts if (p.direction, p.section) == (direction, section))

    @property
    def hundred(self) -> list[Group]:
        """The sectors that get at least one of the 100 dirhams."""
        return [s for s in self.sectors if s.dirhams]


NO_SECTOR = "none"


def _with_account(amounts: Amounts, has_account: bool) -> Amounts:
    if not has_account:
        amounts.executed = None
    return amounts


def year_figures(*, budget: BudgetPage, budget_year: BudgetYear, years: Sequence[BudgetYear],
                 population: int | None) -> YearFigures:
    """Everything a year's page shows: totals by part and chapter, expenses by sector (per
    inhabitant, and the 100 dirhams), and every published year's totals (``years``, which holds
    ``budget_year``). Four queries: the sums by (year, part, chapter) and by (year, sector) of
    every year at once, the chapters and the sectors."""
    years = list(years)
    if budget_year.pk not in {y.pk for y in years}:
        years.append(budget_year)
    accounts = {y.pk: y.has_account for y in years}
    chapters: dict[int, Chapter] = {c.pk: c for c in selectors.chapters(budget=budget)}
    sectors: list[Sector] = selectors.sectors(budget=budget)

    # (year, direction, section, chapter) -> Amounts
    by_chapter: dict[int, dict[tuple, Amounts]] = {y.pk: {} for y in years}
    for row in selectors.chapter_sums(year_ids=list(accounts)):
        amounts = Amounts()
        amounts.add(voted=row["voted"], amendments=row["amendments"], executed=row["executed"], lines=row["lines"])
        key = (row["direction"], row["section"], row["chapter_id"])
        by_chapter[row["budget_year_id"]][key] = _with_account(amounts, accounts[row["budget_year_id"]])
    by_sector: dict[int, dict[Hashable, Amounts]] = {y.pk: {} for y in years}
    for row in selectors.sector_sums(year_ids=list(accounts)):
        amounts = Amounts()
        amounts.add(voted=row["voted"], amendments=row["amendments"], executed=row["executed"], lines=row["lines"])
        key = row["sector_id"] or NO_SECTOR
        by_sector[row["budget_year_id"]][key] = _with_account(amounts, accounts[row["budget_year_id"]])

    def totals(year_pk: int, direction: str) -> Amounts:
        total = Amounts()
        for (d, _section, _chapter), amounts in by_chapter[year_pk].items():
            if d == direction:
                total.merge(amounts)
        return _with_account(total, accounts[year_pk])

    has_account = budget_year.has_account
    rows = by_chapter[budget_year.pk]
    parts = []
    for direction, section in PARTS:
        part_chapters = []
        part_total = Amounts()
        keyed = [(chapters[k[2]], a) for k, a in rows.items() if k[:2] == (direction, section) and k[2] in chapters]
        for chapter, amounts in sorted(keyed, key=lambda item: item[0].code):
            part_total.merge(amounts)
            part_chapters.append(Group(
                key=chapter.pk, code=chapter.code, label=str(chapter.name), explanation=str(chapter.explanation),
                part=str(Section(section).label),
                amounts=amounts, final_per_inhabitant=per_inhabitant(amounts.final, population),
                executed_per_inhabitant=per_inhabitant(amounts.executed, population),
            ))
        parts.append(Part(direction=direction, section=section, label=str(PART_LABELS[(direction, section)]),
                          amounts=_with_account(part_total, has_account), chapters=part_chapters))

    sector_groups = []
    spent = by_sector[budget_year.pk]
    for sector in sectors:
        if sector.pk in spent:
            sector_groups.append(Group(key=sector.pk, code=sector.code, label=str(sector.name),
                                       explanation=str(sector.explanation), amounts=spent[sector.pk]))
    if NO_SECTOR in spent:
        sector_groups.append(Group(key=NO_SECTOR, label=str(_("Not assigned to a sector")), amounts=spent[NO_SECTOR]))
    hundred_basis = "executed" if has_account else "final"
    for group in sector_groups:
        group.final_per_inhabitant = per_inhabitant(group.amounts.final, population)
        group.executed_per_inhabitant = per_inhabitant(group.amounts.executed, population)
    shares = hundred_dirhams([
        (group.key, group.amounts.executed if hundred_basis == "executed" else group.amounts.final)
        for group in sector_groups
    ])
    for group, (_key, dirhams) in zip(sector_groups, shares, strict=True):
        group.dirhams = dirhams

    history = []
    for year in sorted(years, key=lambda y: y.year):
        revenue, expense = totals(year.pk, Direction.REVENUE), totals(year.pk, Direction.EXPENSE)
        history.append(YearSummary(
            year=year.year, has_account=year.has_account, revenue=revenue, expense=expense,
            revenue_per_inhabitant=per_inhabitant(revenue.final, population),
            expense_per_inhabitant=per_inhabitant(expense.final, population),
            by_sector={key: amounts.final for key, amounts in by_sector[year.pk].items()},
            current=year.pk == budget_year.pk,
        ))

    revenue, expense = totals(budget_year.pk, Direction.REVENUE), totals(budget_year.pk, Direction.EXPENSE)
    return YearFigures(
        budget_year=budget_year, population=population, has_account=has_account, revenue=revenue, expense=expense,
        revenue_per_inhabitant=per_inhabitant(revenue.final, population),
        expense_per_inhabitant=per_inhabitant(expense.final, population),
        executed_expense_per_inhabitant=per_inhabitant(expense.executed, population),
        parts=parts, sectors=sector_groups, hundred_basis=hundred_basis, history=history,
    )
