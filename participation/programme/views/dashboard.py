"""The programme's dashboard (لوحة القيادة): completion by axis, money by axis, year and
neighbourhood, indicators on or off track, late projects, with filters (axis, neighbourhood,
status, year) read from the query string; and its figures as CSV, XLSX or JSON. Public, the
same for every visitor (anonymous page cache). A filter value that is not understood is ignored
(and said so), never an error."""

from __future__ import annotations

import json

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _

from participation.core.caching import anonymous_page_cache
from participation.core.charts import bar_chart, grouped_bar_chart, percent_bars, percent_text
from participation.core.exports import export_rows
from participation.core.fragments import cached_html
from participation.core.money import format_mad, format_mad_short
from participation.core.pages import site_id_of
from site_template.communes.models import Neighbourhood

from ..figures import GroupFigures, ProgrammeFigures, programme_figures
from ..models import FundingLine, ProgrammePage, Project, ProjectStatus

DATA_FORMATS = ("csv", "xlsx", "json")


class DashboardFilters(forms.Form):
    """The GET filters; the choices come from the programme (``choices`` given by the view)."""

    axis = forms.TypedChoiceField(label=gettext_lazy("Strategic axis"), required=False, coerce=int, empty_value=None)
    neighbourhood = forms.TypedChoiceField(label=gettext_lazy("Neighbourhood"), required=False, coerce=int,
                                           empty_value=None)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, axes, neighbourhoods, years):
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["axis"].choices = everything + [(a["number"], f"{a['number']}. {_label(a)}") for a in axes]
        self.fields["neighbourhood"].choices = everything + [(n["pk"], _label(n, "name")) for n in neighbourhoods]
        self.fields["status"].choices = everything + list(ProjectStatus.choices)
        self.fields["year"].choices = everything + [(y, str(y)) for y in years]

    def valid_values(self) -> dict:
        """The values that were understood (``is_valid`` ran): a bad one is simply left out."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


def _label(row: dict, stem: str = "title") -> str:
    french = get_language() == "fr"
    return (row.get(f"{stem}_fr") if french else "") or row.get(f"{stem}_ar") or ""


def group_label(group: GroupFigures) -> str:
    return (group.label_fr if get_language() == "fr" else "") or group.label_ar


def _filters(request: HttpRequest, page: ProgrammePage) -> dict:
    """The filter form and the values understood (three small queries: axes, neighbourhoods, years)."""
    programme = page.logical_programme()
    axes = list(programme.axes.values("pk", "number", "title_ar", "title_fr"))
    neighbourhoods = list(
        Neighbourhood.objects.filter(site_id=site_id_of(programme)).values("pk", "name_ar", "name_fr")
    )
    funding_years = FundingLine.objects.filter(project__programme=programme).order_by().values_list("year", flat=True)
    years = sorted(set(programme.years) | set(funding_years.distinct()))
    form = DashboardFilters(request.GET or None, axes=axes, neighbourhoods=neighbourhoods, years=years)
    chosen = form.valid_values() if request.GET else {}
    return {"programme": programme, "form": form, "chosen": chosen, "ignored": bool(request.GET) and bool(form.errors),
            "axis_pk": {a["number"]: a["pk"] for a in axes}, "today": timezone.localdate()}


def _figures(filters: dict) -> dict:
    """The figures for the filters understood, and the late projects (seven queries)."""
    chosen = filters["chosen"]
    figures = programme_figures(
        programme=filters["programme"], year=chosen.get("year"), axis_id=filters["axis_pk"].get(chosen.get("axis")),
        neighbourhood_id=chosen.get("neighbourhood"), status=chosen.get("status") or None, today=filters["today"],
    )
    late = list(
        Project.objects.filter(pk__in=figures.late_project_ids)
        .order_by("ends_on", "number")
        .only("pk", "number", "title_ar", "title_fr", "ends_on", "progress", "status")
    )
    return {"figures": figures, "late_projects": late}


def _dashboard_data(request: HttpRequest, page: ProgrammePage) -> dict:
    filters = _filters(request, page)
    return {**filters, **_figures(filters)}


def _charts(figures: ProgrammeFigures, *, rtl: bool) -> dict:
    money_series = [_("Planned"), _("Committed"), _("Spent")]

    def money_rows(groups):
        return [(label, [m.planned, m.committed, m.spent]) for label, m in groups]

    by_axis = [(f"{g.key}. {group_label(g)}", g) for g in figures.by_axis]
    return {
        "completion_chart": percent_bars(
            id="chart-completion", title=_("Completion by axis"),
            description=_("Share of the projects of each axis that are done (cancelled projects left out)."),
            rows=[(label, g.completion_rate) for label, g in by_axis], rtl=rtl, value_label=_("Projects done"),
            label_heading=_("Strategic axis"),
        ),
        "progress_chart": percent_bars(
            id="chart-progress", title=_("Mean progress by axis"),
            description=_("Mean progress of the projects of each axis (cancelled projects left out)."),
            rows=[(label, g.mean_progress) for label, g in by_axis], rtl=rtl, value_label=_("Mean progress"),
            label_heading=_("Strategic axis"),
        ),
        "money_axis_chart": grouped_bar_chart(
            id="chart-money-axis", title=_("Budget by axis"),
            description=_("Amounts planned, committed and spent on the projects of each axis."),
            series=money_series, rows=money_rows((label, g.money) for label, g in by_axis), rtl=rtl,
            value_format=format_mad_short, table_format=format_mad, label_heading=_("Strategic axis"),
        ),
        "money_year_chart": grouped_bar_chart(
            id="chart-money-year", title=_("Budget by year"),
            description=_("Amounts planned, committed and spent in each year."),
            series=money_series, rows=money_rows((str(year), money) for year, money in figures.by_year), rtl=rtl,
            value_format=format_mad_short, table_format=format_mad, label_heading=_("Year"),
        ),
        "money_place_chart": grouped_bar_chart(
            id="chart-money-neighbourhood", title=_("Budget by neighbourhood"),
            description=_("Amounts planned, committed and spent on the projects of each neighbourhood (a project "
                          "serving several neighbourhoods counts in each)."),
            series=money_series, rows=money_rows((group_label(g), g.money) for g in figures.by_neighbourhood),
            rtl=rtl, value_format=format_mad_short, table_format=format_mad, label_heading=_("Neighbourhood"),
        ),
        "status_chart": bar_chart(
            id="chart-status", title=_("Projects by status"),
            description=_("Number of projects in each status."),
            rows=[(str(ProjectStatus(status).label), count) for status, count in figures.by_status], rtl=rtl,
            value_label=_("Projects"), label_heading=_("Status"), width=480, label_width=170,
        ),
        "indicator_chart": bar_chart(
            id="chart-indicators", title=_("Indicators"),
            description=_("Number of indicators on track, off track and without data to judge."),
            rows=[(_("On track"), figures.indicators.on_track), (_("Off track"), figures.indicators.off_track),
                  (_("No data"), figures.indicators.no_data)],
            rtl=rtl, value_label=_("Count"), label_heading=_("Indicators"), width=480, label_width=170,
        ),
    }


@anonymous_page_cache
def dashboard(request: HttpRequest, page: ProgrammePage) -> HttpResponse:
    """The filters, then the figures and charts: the same for every visitor, so their HTML is
    kept in the content cache (renewed by every public change) per programme, language, filters
    and day; a logged-in visitor does not compute 500 projects' figures again."""
    filters = _filters(request, page)
    rtl = get_language_bidi()
    query = request.GET.urlencode()
    links = {
        "downloads": [
            (fmt.upper(), page.url + page.reverse_subpage("dashboard_data_route", args=[fmt]) + (f"?{query}" if query else ""))
            for fmt in DATA_FORMATS
        ],
        "project_base": page.url + page.reverse_subpage("project_route", args=[0]).removesuffix("0/"),
        "feed_url": page.url + page.reverse_subpage("feed_route"),
        "dashboard_url": page.url + page.reverse_subpage("dashboard_route"),
    }

    def body_context() -> dict:
        data = _figures(filters)
        figures = data["figures"]
        return {
            **data, **links, **_charts(figures, rtl=rtl), "rtl": rtl,
            "total_money": figures.total.money,
            "total_completion": percent_text(figures.total.completion_rate),
            "total_progress": percent_text(figures.total.mean_progress),
            "execution": percent_text(figures.total.money.execution_rate),
        }

    chosen = sorted(filters["chosen"].items())
    key = f"programme-dashboard:{page.pk}:{filters['today'].isoformat()}:{chosen!r}:{links['downloads'][0][1]}"
    body = cached_html(key, "programme/includes/dashboard_body.html", body_context)
    return render(request, "programme/dashboard.html", {"page": page, **filters, **links, "body": body})


# -- the figures as files ----------------------------------------------------------------------


def figure_rows(figures: ProgrammeFigures) -> list[dict]:
    """One row per group shown on the dashboard (total, axes, years, neighbourhoods, statuses,
    indicators), with the same numbers."""
    rows = []

    def group_row(kind: str, key, label: str, group: GroupFigures | None, money) -> dict:
        return {
            "group": kind, "key": key, "label": label,
            "projects": group.projects if group else None, "done": group.done if group else None,
            "cancelled": group.cancelled if group else None,
            "completion_rate": group.completion_rate if group else None,
            "mean_progress": group.mean_progress if group else None,
            "planned": money.planned if money else None, "committed": money.committed if money else None,
            "spent": money.spent if money else None, "execution_rate": money.execution_rate if money else None,
            "count": None,
        }

    rows.append(group_row("total", "all", _("Whole programme"), figures.total, figures.total.money))
    rows += [group_row("axis", g.key, group_label(g), g, g.money) for g in figures.by_axis]
    rows += [group_row("year", year, str(year), None, money) for year, money in figures.by_year]
    rows += [group_row("neighbourhood", g.key, group_label(g), g, g.money) for g in figures.by_neighbourhood]
    for status, count in figures.by_status:
        rows.append({**group_row("status", status, str(ProjectStatus(status).label), None, None), "count": count})
    for key, label, count in (("on_track", _("On track"), figures.indicators.on_track),
                              ("off_track", _("Off track"), figures.indicators.off_track),
                              ("no_data", _("No data"), figures.indicators.no_data)):
        rows.append({**group_row("indicators", key, label, None, None), "count": count})
    return rows


def _columns():
    return [
        ("group", _("Group")), ("key", _("Key")), ("label", _("Label")), ("projects", _("Projects")),
        ("done", _("Projects done")), ("cancelled", _("Projects cancelled")), ("completion_rate", _("Completion (%)")),
        ("mean_progress", _("Mean progress (%)")), ("planned", _("Planned (MAD)")),
        ("committed", _("Committed (MAD)")), ("spent", _("Spent (MAD)")),
        ("execution_rate", _("Execution (%)")), ("count", _("Count")),
    ]


@anonymous_page_cache
def dashboard_data(request: HttpRequest, page: ProgrammePage, fmt: str) -> HttpResponse:
    """The dashboard's figures (with the same filters) as CSV, XLSX or JSON."""
    if fmt not in DATA_FORMATS:
        raise Http404
    data = _dashboard_data(request, page)
    figures = data["figures"]
    filename = f"{page.slug}-dashboard"
    if fmt == "json":
        base = page.url + page.reverse_subpage("project_route", args=[0]).removesuffix("0/")
        body = {
            "programme": page.title,
            "language": get_language(),
            "date": data["today"].isoformat(),
            "filters": data["chosen"],
            "figures": figures.as_json(),
            "late_projects": [
                {"number": p.number, "title": p.title, "ends_on": p.ends_on.isoformat() if p.ends_on else None,
                 "progress": p.progress, "url": request.build_absolute_uri(f"{base}{p.number}/")}
                for p in data["late_projects"]
            ],
        }
        response = HttpResponse(json.dumps(body, ensure_ascii=False, indent=1),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{filename}-{data['today'].isoformat()}.json"
        )
        return response
    return export_rows(figure_rows(figures), _columns(), format=fmt, filename=filename,
                       sheet_title=_("Dashboard"))
