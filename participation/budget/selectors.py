"""Every read the citizen budget's public pages need, each one query whatever the number of lines
(the sums are made by the database: ``values().annotate(Sum)``). Rows hang on the source-language
budget page (``BudgetPage.logical_budget()``); pass that page."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Count, DecimalField, F, Q, Sum, Window
from django.db.models.functions import RowNumber

from participation.core.models import Visibility
from participation.core.pages import contribution_urls, localized_page, page_site, source_language
from site_template.communes.models import CommuneSettings

from .models import BudgetLine, BudgetPage, BudgetSettings, BudgetYear, Chapter, Direction, Section, Sector

SUMS = {"voted": Sum("voted"), "amendments": Sum("amendments"), "executed": Sum("executed"), "lines": Count("id")}


def published_years(*, budget: BudgetPage) -> list[BudgetYear]:
    """The years citizens see (budget published), newest first, with their documents."""
    return list(
        BudgetYear.objects.filter(budget=budget, budget_published_at__isnull=False)
        .select_related("budget_document", "account_document")
        .order_by("-year")
    )


def population(*, budget: BudgetPage) -> int | None:
    """The commune's population (``CommuneSettings.population``), None when it is not set."""
    site = page_site(budget)
    if site is None:
        return None
    return CommuneSettings.for_site(site).population or None


def account_due_on(*, budget: BudgetPage, budget_year: BudgetYear) -> dt.date | None:
    """When the commune's own rule (``BudgetSettings``) has the year's administrative account published."""
    site = page_site(budget)
    if site is None:
        return None
    return budget_year.account_due_on(BudgetSettings.for_site(site))


def chapters(*, budget: BudgetPage) -> list[Chapter]:
    return list(Chapter.objects.filter(budget=budget))


def sectors(*, budget: BudgetPage) -> list[Sector]:
    return list(Sector.objects.filter(budget=budget).order_by("code"))


def chapter_sums(*, year_ids: Sequence[int]) -> list[dict]:
    """The sums of the lines of ``year_ids`` by year, direction, part and chapter."""
    return list(
        BudgetLine.objects.filter(budget_year_id__in=year_ids)
        .order_by()
        .values("budget_year_id", "direction", "section", "chapter_id")
        .annotate(**SUMS)
    )


def sector_sums(*, year_ids: Sequence[int]) -> list[dict]:
    """The sums of the expense lines of ``year_ids`` by year and functional sector (None: none)."""
    return list(
        BudgetLine.objects.filter(budget_year_id__in=year_ids, direction=Direction.EXPENSE)
        .order_by()
        .values("budget_year_id", "sector_id")
        .annotate(**SUMS)
    )


def _with_final(queryset):
    return queryset.annotate(final_amount=F("voted") + F("amendments"))


def big_projects(*, budget_year: BudgetYear, count: int) -> list[BudgetLine]:
    """The ``count`` largest investment expense lines of the year (by final credit), with their
    chapter, sector and programme project."""
    lines = _with_final(BudgetLine.objects.filter(
        budget_year=budget_year, direction=Direction.EXPENSE, section=Section.INVESTMENT,
    ))
    return list(
        lines.select_related("chapter", "sector", "tracked_project", "tracked_project__page")
        .order_by("-final_amount", "chapter__code", "article", "paragraph")[:count]
    )


def largest_line_by_chapter(*, budget_year: BudgetYear, per_chapter: int = 1) -> list[BudgetLine]:
    """The ``per_chapter`` largest lines (by final credit) of each chapter of the year, in the
    order of the budget (revenue first, operating first, chapter codes): where a citizen may
    start asking about a line."""
    ranked = _with_final(BudgetLine.objects.filter(budget_year=budget_year)).annotate(
        rank=Window(RowNumber(), partition_by=[F("chapter_id")],
                    order_by=[(F("voted") + F("amendments")).desc(), F("article").asc(), F("paragraph").asc()]),
    )
    lines = list(ranked.filter(rank__lte=per_chapter).select_related("chapter"))
    order = {direction: index for index, direction in enumerate((Direction.REVENUE, Direction.EXPENSE))}
    parts = {section: index for index, section in enumerate((Section.OPERATING, Section.INVESTMENT))}
    lines.sort(key=lambda line: (order[line.direction], parts[line.section], line.chapter.code, line.rank))
    return lines


def project_links(lines: Iterable[BudgetLine]) -> dict[int, tuple[str, str]]:
    """{line id: (title, URL)} of the visible programme projects the lines pay for, in the active
    language: through the core (``contribution_urls`` of the programme's page), a few queries per
    programme whatever the number of lines."""
    by_page: dict[int, list] = defaultdict(list)
    pages = {}
    lines_of: dict[int, list[int]] = defaultdict(list)
    for line in lines:
        contribution = line.tracked_project
        if contribution is None or contribution.visibility != Visibility.VISIBLE:
            continue
        if contribution.pk not in lines_of:
            by_page[contribution.page_id].append(contribution)
            pages[contribution.page_id] = contribution.page
        lines_of[contribution.pk].append(line.pk)
    links: dict[int, tuple[str, str]] = {}
    for page_id, contributions in by_page.items():
        page = localized_page(pages[page_id]).specific
        urls = contribution_urls(contributions, page=page)
        for contribution in contributions:
            for line_pk in lines_of[contribution.pk]:
                links[line_pk] = (contribution.title, urls.get(contribution.pk, ""))
    return links


def home_year(*, home, request=None) -> dict | None:
    """The latest published year of the citizen budget under ``home`` (a localised home page):
    its revenue and expense totals (final credits), the link to its page and to the budget's.
    Two queries."""
    page = BudgetPage.objects.live().public().descendant_of(home).filter(locale_id=home.locale_id).first()
    if page is None:
        return None
    amount = DecimalField(max_digits=18, decimal_places=2)
    final = F("lines__voted") + F("lines__amendments")
    budget_year = (
        BudgetYear.objects.filter(
            budget__translation_key=page.translation_key, budget__locale__language_code=source_language(),
            budget_published_at__isnull=False,
        )
        .order_by("-year")
        .annotate(
            revenue=Sum(final, filter=Q(lines__direction=Direction.REVENUE), output_field=amount),
            expense=Sum(final, filter=Q(lines__direction=Direction.EXPENSE), output_field=amount),
        )
        .values("year", "revenue", "expense")
        .first()
    )
    if budget_year is None:
        return None
    page_url = page.get_url(request=request)
    return {**budget_year, "url": page_url + page.reverse_subpage("year_route", args=[budget_year["year"]]),
            "page_url": page_url}
