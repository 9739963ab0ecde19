"""A programme's data as tables (the spreadsheet layout that ``imports`` reads back), as an XLSX
workbook, as the CSV of its projects and as a JSON document: the open data of every programme.

The layout (stable; described for readers in ``DATA_LAYOUT.md``)
-----------------------------------------------------------------

Six tables, one sheet each, named by their key; the first row holds the column keys::

    axes              number, title_ar, title_fr, description_ar, description_fr
    projects          number, axis, title_ar, title_fr, description_ar, description_fr,
                      neighbourhoods, responsible_service_ar, responsible_service_fr,
                      partners_ar, partners_fr, general_objective_ar, general_objective_fr,
                      specific_objectives_ar, specific_objectives_fr, expected_results_ar,
                      expected_results_fr, starts_on, ends_on, progress, status
    activities        project, number, title_ar, title_fr, starts_on, ends_on, progress
    indicators        project, number, name_ar, name_fr, unit_ar, unit_fr, baseline, target,
                      source_ar, source_fr, counts_people
    indicator_values  project, indicator, year, value, women, men
    funding           project, year, source_ar, source_fr, planned, committed, spent

- ``axis`` is the axis number, ``project`` the project number, ``indicator`` the indicator's
  number within its project; rows are sorted by these numbers.
- ``neighbourhoods``: the Arabic names of the neighbourhoods, separated by ``; ``.
- Dates are dates (``YYYY-MM-DD`` in CSV and JSON); amounts and figures are numbers in the
  spreadsheets and strings with two decimals in JSON (``"150000.00"``); ``progress`` is a
  percentage (0-100); ``counts_people`` is 1 or 0 (women and men are then given per year).
- ``status`` (planned, studies, tendering, works, done, suspended, cancelled) is for reading:
  the import ignores it (a status changes only with its public history).

JSON (``programme_json``): ``{"layout": "programme/1", "programme": {…}, "axes": [{…, "projects":
[{…, "activities": […], "indicators": [{…, "values": […]}], "funding": […]}]}]}`` with the same
field names as the tables. Every function reads with a fixed number of queries."""

from __future__ import annotations

from typing import Any

from participation.core.exports import csv_text, json_value, xlsx_workbook_bytes

from .models import Activity, Axis, FundingLine, Indicator, IndicatorValue, ProgrammePage, Project

LAYOUT_VERSION = "programme/1"
NEIGHBOURHOOD_SEPARATOR = "; "

SHEETS: dict[str, tuple[str, ...]] = {
    "axes": ("number", "title_ar", "title_fr", "description_ar", "description_fr"),
    "projects": (
        "number", "axis", "title_ar", "title_fr", "description_ar", "description_fr", "neighbourhoods",
        "responsible_service_ar", "responsible_service_fr", "partners_ar", "partners_fr",
        "general_objective_ar", "general_objective_fr", "specific_objectives_ar", "specific_objectives_fr",
        "expected_results_ar", "expected_results_fr", "starts_on", "ends_on", "progress", "status",
    ),
    "activities": ("project", "number", "title_ar", "title_fr", "starts_on", "ends_on", "progress"),
    "indicators": (
        "project", "number", "name_ar", "name_fr", "unit_ar", "unit_fr", "baseline", "target", "source_ar",
        "source_fr", "counts_people",
    ),
    "indicator_values": ("project", "indicator", "year", "value", "women", "men"),
    "funding": ("project", "year", "source_ar", "source_fr", "planned", "committed", "spent"),
}
#: Decimal columns (two decimals in JSON).
DECIMALS = frozenset({"baseline", "target", "value", "women", "men", "planned", "committed", "spent"})


class ProgrammeData:
    """Everything of one programme, read once (seven queries), sorted by numbers."""

    def __init__(self, programme: ProgrammePage) -> None:
        self.programme = programme
        self.axes = list(Axis.objects.filter(programme=programme).order_by("number"))
        self.projects = list(
            Project.objects.filter(programme=programme).select_related("axis").prefetch_related("neighbourhoods")
            .order_by("number")
        )
        self.activities = list(
            Activity.objects.filter(project__programme=programme).select_related("project")
            .order_by("project__number", "sort_order", "number")
        )
        self.indicators = list(
            Indicator.objects.filter(project__programme=programme).select_related("project")
            .order_by("project__number", "number")
        )
        self.values = list(
            IndicatorValue.objects.filter(indicator__project__programme=programme)
            .select_related("indicator__project")
            .order_by("indicator__project__number", "indicator__number", "year", "sort_order", "pk")
        )
        self.funding = list(
            FundingLine.objects.filter(project__programme=programme).select_related("project")
            .order_by("project__number", "year", "sort_order", "pk")
        )


def _neighbourhoods(project: Project) -> str:
    return NEIGHBOURHOOD_SEPARATOR.join(sorted(n.name_ar for n in project.neighbourhoods.all()))


def _row(obj: Any, columns: tuple[str, ...], **computed: Any) -> list[Any]:
    return [computed[c] if c in computed else getattr(obj, c) for c in columns]


def _tables(data: ProgrammeData) -> dict[str, tuple[tuple[str, ...], list[list[Any]]]]:
    cols = SHEETS
    return {
        "axes": (cols["axes"], [_row(a, cols["axes"]) for a in data.axes]),
        "projects": (
            cols["projects"],
            [_row(p, cols["projects"], axis=p.axis.number, neighbourhoods=_neighbourhoods(p)) for p in data.projects],
        ),
        "activities": (cols["activities"], [_row(a, cols["activities"], project=a.project.number)
                                            for a in data.activities]),
        "indicators": (
            cols["indicators"],
            [_row(i, cols["indicators"], project=i.project.number, counts_people=int(i.counts_people))
             for i in data.indicators],
        ),
        "indicator_values": (
            cols["indicator_values"],
            [_row(v, cols["indicator_values"], project=v.indicator.project.number, indicator=v.indicator.number)
             for v in data.values],
        ),
        "funding": (cols["funding"], [_row(f, cols["funding"], project=f.project.number) for f in data.funding]),
    }


def programme_tables(programme: ProgrammePage) -> dict[str, tuple[tuple[str, ...], list[list[Any]]]]:
    """``{sheet: (columns, rows)}`` in the layout above (rows are lists of Python values)."""
    return _tables(ProgrammeData(programme))


def programme_xlsx(programme: ProgrammePage, *, rtl: bool | None = None) -> bytes:
    """The workbook: one sheet per table, the column keys as header (what ``imports`` reads)."""
    tables = programme_tables(programme)
    return xlsx_workbook_bytes([(sheet, rows, list(columns)) for sheet, (columns, rows) in tables.items()], rtl=rtl)


def programme_projects_csv(programme: ProgrammePage) -> str:
    """The ``projects`` table as CSV (UTF-8 with BOM; the import recognises it by its header)."""
    columns, rows = programme_tables(programme)["projects"]
    return csv_text(rows, list(columns))


def _json_value(column: str, value: Any) -> Any:
    return json_value(value, amount=column in DECIMALS)


def _json_object(obj: Any, columns: tuple[str, ...], skip: tuple[str, ...] = (), **computed: Any) -> dict[str, Any]:
    return {c: _json_value(c, computed[c] if c in computed else getattr(obj, c)) for c in columns if c not in skip}


def programme_json(programme: ProgrammePage) -> dict[str, Any]:
    """The JSON document (see the module docstring): programme → axes → projects → activities,
    indicators with their values, funding."""
    data = ProgrammeData(programme)
    activities: dict[int, list] = {}
    for activity in data.activities:
        activities.setdefault(activity.project_id, []).append(
            _json_object(activity, SHEETS["activities"], skip=("project",))
        )
    values: dict[int, list] = {}
    for value in data.values:
        values.setdefault(value.indicator_id, []).append(
            _json_object(value, SHEETS["indicator_values"], skip=("project", "indicator"))
        )
    indicators: dict[int, list] = {}
    for indicator in data.indicators:
        item = _json_object(indicator, SHEETS["indicators"], skip=("project",))
        item["counts_people"] = indicator.counts_people
        item["values"] = values.get(indicator.pk, [])
        indicators.setdefault(indicator.project_id, []).append(item)
    funding: dict[int, list] = {}
    for line in data.funding:
        funding.setdefault(line.project_id, []).append(_json_object(line, SHEETS["funding"], skip=("project",)))
    projects: dict[int, list] = {}
    for project in data.projects:
        item = _json_object(project, SHEETS["projects"], skip=("axis",), neighbourhoods=None)
        item["neighbourhoods"] = sorted(n.name_ar for n in project.neighbourhoods.all())
        item["activities"] = activities.get(project.pk, [])
        item["indicators"] = indicators.get(project.pk, [])
        item["funding"] = funding.get(project.pk, [])
        projects.setdefault(project.axis_id, []).append(item)
    translations = {page.locale.language_code: page for page in
                    ProgrammePage.objects.filter(translation_key=programme.translation_key).select_related("locale")}
    return {
        "layout": LAYOUT_VERSION,
        "programme": {
            "title": {code: page.title for code, page in sorted(translations.items())},
            "url": {code: page.full_url for code, page in sorted(translations.items())},
            "kind": programme.kind,
            "period_start": programme.period_start,
            "period_end": programme.period_end,
            "adoption_date": _json_value("adoption_date", programme.adoption_date),
        },
        "axes": [
            {**_json_object(axis, SHEETS["axes"]), "projects": projects.get(axis.pk, [])} for axis in data.axes
        ],
    }
