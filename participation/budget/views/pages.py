"""The citizen budget's public pages (routes declared on ``BudgetPage``): the budget page (the
latest published year in short, and every published year) and a year's page (where the money
comes from and where it goes, per inhabitant, your 100 dirhams, voted against executed, the big
investment projects, the chapters and sectors explained, the years compared, the documents and
the open data). Thin: reads through ``selectors`` and ``figures``; the same for every visitor,
so kept whole for anonymous visitors and, as HTML, in the content cache for everyone else."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import SimpleNamespace

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from participation.core.caching import anonymous_page_cache
from participation.core.charts import ChartTable, TableRow, grouped_bar_chart, percent_text
from participation.core.fragments import cached_html
from participation.core.money import format_mad, format_mad_short

from .. import selectors
from ..figures import PART_LABELS, Group, YearFigures, year_figures
from ..models import BudgetPage, BudgetYear

DATA_FORMATS = (("csv", "CSV"), ("xlsx", "XLSX"), ("json", "JSON"))
#: How many years the comparison of sectors shows side by side, and the chart of the years draws
#: (the table under it lists every published year): the page stays light whatever the years.
SECTOR_YEARS = 4
YEARS_DRAWN = 6


def _rate(value) -> str:
    return percent_text(None if value is None else float(value))


def _mad(value) -> str:
    return "—" if value is None else format_mad(value)


def _table(chart, headings: Sequence[str], rows: Sequence[tuple[str, Sequence[str], bool]]) -> None:
    """Gives ``chart`` a fuller table than its own (the same rows, more columns)."""
    chart.table = ChartTable(caption=chart.table.caption, label_heading=chart.table.label_heading,
                             headings=list(headings),
                             rows=[TableRow(label=label, cells=list(cells), flagged=flagged)
                                   for label, cells, flagged in rows])


def _money_chart(*, id: str, title: str, description: str, groups: Sequence[Group], figures: YearFigures,  # noqa: A002
                 label_heading: str, rtl: bool, part_labels: bool = False):
    """Final credits (and executed, once the account is published) of ``groups``; the table adds
    the execution rate and the amount per inhabitant."""
    account = figures.has_account
    labels = [_labelled(g) if part_labels else g.label for g in groups]
    series = [_("Final budget")] + ([_("Executed")] if account else [])
    chart = grouped_bar_chart(
        id=id, title=title, description=description, series=series, rtl=rtl,
        rows=[(label, [g.amounts.final] + ([g.amounts.executed] if account else []))
              for label, g in zip(labels, groups, strict=True)],
        value_format=format_mad_short, table_format=format_mad, label_heading=label_heading,
    )
    headings = [_("Final budget")]
    if account:
        headings += [_("Executed"), _("Execution rate")]
    if figures.population:
        headings.append(_("Final budget per inhabitant"))
    rows = []
    for label, g in zip(labels, groups, strict=True):
        cells = [format_mad(g.amounts.final)]
        if account:
            cells += [_mad(g.amounts.executed), _rate(g.amounts.execution_rate)]
        if figures.population:
            cells.append(_mad(g.final_per_inhabitant))
        rows.append((label, cells, False))
    _table(chart, headings, rows)
    return chart


def _around_current(history: Sequence, size: int) -> list:
    """At most ``size`` years of ``history`` (oldest first) around the current one, the years
    before it first."""
    position = next(i for i, h in enumerate(history) if h.current)
    start = max(0, min(position - size + 1, len(history) - size))
    return list(history[start:start + size])


def _labelled(group: Group) -> str:
    """A chapter's name with its part (chapters of both parts share codes and sometimes names)."""
    return _("%(chapter)s (%(part)s)") % {"chapter": group.label, "part": group.part}


def _dirhams(value) -> str:
    return format_mad(value, 0)


def year_charts(figures: YearFigures, *, rtl: bool) -> dict:
    """The charts of a year's page, each with its table."""
    charts = {
        "revenue_chart": _money_chart(
            id="chart-revenue", title=_("Revenue by chapter"),
            description=_("The commune's revenue by chapter."), groups=figures.revenue_chapters, part_labels=True, figures=figures,
            label_heading=_("Chapter"), rtl=rtl,
        ),
        "expense_chart": _money_chart(
            id="chart-expense", title=_("Expenses by sector"),
            description=_("The commune's expenses by sector."), groups=figures.sectors, figures=figures,
            label_heading=_("Sector"), rtl=rtl,
        ),
    }
    hundred = figures.hundred
    charts["hundred_chart"] = grouped_bar_chart(
        id="chart-hundred", title=_("Of each 100 dirhams, by sector"),
        description=(_("Of every 100 dirhams the commune spent, how many went to each sector.")
                     if figures.hundred_basis == "executed"
                     else _("Of every 100 dirhams the commune plans to spend, how many go to each sector.")),
        series=[_("Out of 100 dirhams")], rows=[(g.label, [g.dirhams]) for g in hundred], rtl=rtl,
        value_format=_dirhams, label_heading=_("Sector"),
    )
    if figures.has_account:
        chart = grouped_bar_chart(
            id="chart-execution", title=_("Voted, final and executed by part"),
            description=_("For each part of the budget: the amount voted by the council, the final budget "
                          "(with the year's amendments) and the amount executed."),
            series=[_("Voted"), _("Final budget"), _("Executed")], rtl=rtl,
            rows=[(p.label, [p.amounts.voted, p.amounts.final, p.amounts.executed]) for p in figures.parts],
            value_format=format_mad_short, table_format=format_mad, label_heading=_("Part of the budget"),
        )
        _table(chart, [_("Voted"), _("Amendments"), _("Final budget"), _("Executed"), _("Execution rate")], [
            (p.label, [format_mad(p.amounts.voted), format_mad(p.amounts.amendments), format_mad(p.amounts.final),
                       _mad(p.amounts.executed), _rate(p.amounts.execution_rate)], False)
            for p in figures.parts
        ])
        charts["execution_chart"] = chart
    history = figures.history
    if len(history) > 1:
        drawn = _around_current(history, YEARS_DRAWN)
        chart = grouped_bar_chart(
            id="chart-years", title=_("Revenue and expenses by year"),
            description=_("The final budget's revenue and expenses of every published year."),
            series=[_("Revenue"), _("Expenses")], rtl=rtl,
            rows=[(str(h.year), [h.revenue.final, h.expense.final]) for h in drawn],
            value_format=format_mad_short, table_format=format_mad, label_heading=_("Year"),
        )
        headings = [_("Revenue"), _("Expenses")]
        if figures.population:
            headings += [_("Revenue per inhabitant"), _("Expenses per inhabitant")]
        headings.append(_("Executed expenses"))
        rows = []
        for h in history:
            cells = [format_mad(h.revenue.final), format_mad(h.expense.final)]
            if figures.population:
                cells += [_mad(h.revenue_per_inhabitant), _mad(h.expense_per_inhabitant)]
            cells.append(_mad(h.expense.executed) if h.has_account else _("Account not published yet"))
            rows.append((str(h.year), cells, h.current))
        _table(chart, headings, rows)
        charts["years_chart"] = chart
        shown = _around_current(history, SECTOR_YEARS)
        # a table alone: eight sectors by four years would weigh more than a phone should load
        charts["sector_years_table"] = SimpleNamespace(table=ChartTable(
            caption=_("Expenses by sector over the years (final budget)"), label_heading=_("Sector"),
            headings=[str(h.year) for h in shown],
            rows=[TableRow(label=g.label, cells=[_mad(h.by_sector.get(g.key)) for h in shown]) for g in figures.sectors],
        ))
    return charts


def _year_url(page: BudgetPage, year: int) -> str:
    return page.url + page.reverse_subpage("year_route", args=[year])


def _links(page: BudgetPage, budget_year: BudgetYear) -> dict:
    return {
        "data_links": [
            (label, page.url + page.reverse_subpage("data_route", args=[budget_year.year, fmt]))
            for fmt, label in DATA_FORMATS
        ],
    }


def _page(request: HttpRequest, page: BudgetPage, *, template: str, body_template: str, key: str,
          body_context: Callable[[], dict], **context) -> HttpResponse:
    body = cached_html(key, body_template, body_context)
    return page.render(request, template=template, context_overrides={"body": body, **context})


@anonymous_page_cache
def index(request: HttpRequest, page: BudgetPage) -> HttpResponse:
    """The budget page: the latest published year in short (totals, per inhabitant, your 100
    dirhams) and every published year."""
    budget = page.logical_budget()
    rtl = get_language_bidi()

    def body_context() -> dict:
        years = selectors.published_years(budget=budget)
        context = {"request": request, "page": page, "years": years}
        if years:
            latest = years[0]
            figures = year_figures(budget=budget, budget_year=latest, years=years,
                                   population=selectors.population(budget=budget))
            charts = year_charts(figures, rtl=rtl)
            context.update({
                "latest": latest, "figures": figures, "hundred_chart": charts["hundred_chart"],
                "latest_url": _year_url(page, latest.year),
                "year_rows": [(h, _year_url(page, h.year)) for h in reversed(figures.history)],
            })
        return context

    return _page(request, page, template="budget/budget_page.html", body_template="budget/includes/index_body.html",
                 key=f"budget-index:{page.pk}", body_context=body_context)


@anonymous_page_cache
def year(request: HttpRequest, page: BudgetPage, year: int) -> HttpResponse:
    """A published year's whole story (404 for a year that is not published)."""
    budget = page.logical_budget()
    years = selectors.published_years(budget=budget)
    budget_year = next((y for y in years if y.year == year), None)
    if budget_year is None:
        raise Http404
    rtl = get_language_bidi()

    def body_context() -> dict:
        figures = year_figures(budget=budget, budget_year=budget_year, years=years,
                               population=selectors.population(budget=budget))
        projects = selectors.big_projects(budget_year=budget_year, count=budget.big_projects_count)
        links = selectors.project_links(projects)
        for line in projects:
            line.project_title, line.project_url = links.get(line.pk, ("", ""))
        ask_lines = selectors.largest_line_by_chapter(budget_year=budget_year)
        for line in ask_lines:
            line.part_label = PART_LABELS[(line.direction, line.section)]
        return {
            "request": request, "page": page, "budget_year": budget_year, "figures": figures,
            **year_charts(figures, rtl=rtl), **_links(page, budget_year),
            "projects": projects, "ask_lines": ask_lines,
            "revenue_explained": [g for g in figures.revenue_chapters if g.explanation],
            "sector_explained": [g for g in figures.sectors if g.explanation],
            "expense_explained": [g for g in figures.expense_chapters if g.explanation],
            "account_due_on": None if budget_year.has_account else selectors.account_due_on(
                budget=budget, budget_year=budget_year),
            "other_years": [(y.year, _year_url(page, y.year)) for y in years if y.pk != budget_year.pk],
            "index_url": page.url,
            "lines_url": page.url + page.reverse_subpage("lines_route", args=[budget_year.year]),
        }

    return _page(request, page, template="budget/year_page.html", body_template="budget/includes/year_body.html",
                 key=f"budget-year:{page.pk}:{year}", body_context=body_context, budget_year=budget_year)
