"""The Gantt charts of the programme's pages (selectors, one query each): a project's activities
(``project_timeline``) and an axis's projects (``axis_timeline``), drawn by
``programme/includes/gantt.html`` with the same rows as a table. In Arabic time runs from right
to left; rows past their end date and not finished are flagged "late"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from participation.core.charts import ChartTable, GanttChart, GanttInput, TableRow, gantt

from .models import Axis, Project


@dataclass
class Timeline:
    chart: GanttChart | None  # None when no row has dates
    rows: list[TableRow]  # the table's rows (``chart.table.rows``)
    undated: list[str] = field(default_factory=list)  # rows without dates, listed under the chart

    @property
    def table(self) -> ChartTable | None:
        return self.chart.table if self.chart else None


def _period(inputs: list[GanttInput], *extra: dt.date | None) -> tuple[dt.date, dt.date]:
    """Whole years around every row (and the given dates): clean year ticks."""
    dates = [d for row in inputs for d in (row.start, row.end)] + [d for d in extra if d]
    return dt.date(min(dates).year, 1, 1), dt.date(max(dates).year, 12, 31)


def _timeline(*, id: str, title: str, description: str, label_heading: str,  # noqa: A002
              inputs: list[GanttInput], undated: list[str], today: dt.date, rtl: bool,
              bounds: tuple[dt.date | None, dt.date | None] = (None, None)) -> Timeline:
    if not inputs:
        return Timeline(chart=None, rows=[], undated=undated)
    start, end = _period(inputs, *bounds)
    chart = gantt(id=id, title=title, description=description, rows=inputs, start=start, end=end, today=today,
                  rtl=rtl, label_heading=label_heading)
    return Timeline(chart=chart, rows=chart.table.rows, undated=undated)


def project_timeline(project: Project, *, today: dt.date, rtl: bool) -> Timeline:
    """The project's activities (one query, none if they were prefetched)."""
    activities = list(project.activities.all())
    inputs = [
        GanttInput(label=f"{a.number}. {a.title}", start=a.starts_on, end=a.ends_on, progress=a.progress,
                   late=a.is_late(today))
        for a in sorted(activities, key=lambda a: (a.starts_on, a.sort_order or 0, a.number))
    ]
    return _timeline(
        id=f"gantt-project-{project.number}",
        title=_("Timeline of the activities of project %(number)s") % {"number": project.number},
        description=_("Each bar runs from the start to the end of an activity; its filled part is the share done."),
        label_heading=_("Activity"), inputs=inputs, undated=[], today=today, rtl=rtl,
        bounds=(project.starts_on, project.ends_on),
    )


def axis_timeline(axis: Axis, *, today: dt.date, rtl: bool) -> Timeline:
    """The axis's projects (one query, none if they were prefetched); projects without dates
    are named under the chart."""
    projects = sorted(axis.projects.all(), key=lambda p: (p.starts_on or dt.date.max, p.number))
    inputs = [
        GanttInput(label=f"{p.number}. {p.title}", start=p.starts_on, end=p.ends_on or p.starts_on,
                   progress=p.progress, late=p.is_late(today))
        for p in projects
        if p.starts_on
    ]
    undated = [f"{p.number}. {p.title}" for p in projects if not p.starts_on]
    return _timeline(
        id=f"gantt-axis-{axis.number}",
        title=_("Timeline of the projects of axis %(number)s") % {"number": axis.number},
        description=_("Each bar runs from the start to the end of a project; its filled part is its progress."),
        label_heading=_("Project"), inputs=inputs, undated=undated, today=today, rtl=rtl,
    )
