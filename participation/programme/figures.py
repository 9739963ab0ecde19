"""The figures of a programme, computed from the live data in a fixed number of queries whatever
the number of projects: completion by axis, money (planned, committed, spent) by axis, year and
neighbourhood, indicators on or off track, late projects. The dashboard, the annual report and the
open data read them; nothing here writes.

An indicator is **on track** when its latest value has covered at least the share of the way from
baseline to target that the project's elapsed time would suggest (on 31 December of that value's
year, between the project's start and end dates; the whole way when the project has no dates).
Decreasing indicators (target below baseline) are measured the same way, downwards."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.utils import timezone

from .models import (
    CLOSED_STATUSES,
    Axis,
    FundingLine,
    Indicator,
    IndicatorValue,
    ProgrammePage,
    Project,
    ProjectStatus,
)

ZERO = Decimal("0")


@dataclass
class Money:
    planned: Decimal = ZERO
    committed: Decimal = ZERO
    spent: Decimal = ZERO

    def add(self, planned, committed, spent) -> None:
        self.planned += planned or ZERO
        self.committed += committed or ZERO
        self.spent += spent or ZERO

    @property
    def execution_rate(self) -> float | None:
        """Spent over planned, in per cent (None when nothing is planned)."""
        return round(float(self.spent / self.planned * 100), 1) if self.planned else None


@dataclass
class GroupFigures:
    key: int | str
    label_ar: str
    label_fr: str
    projects: int = 0
    done: int = 0
    cancelled: int = 0
    progress_sum: int = 0
    money: Money = field(default_factory=Money)

    @property
    def completion_rate(self) -> float | None:
        """Done projects over projects that were not cancelled, in per cent."""
        live = self.projects - self.cancelled
        return round(self.done / live * 100, 1) if live else None

    @property
    def mean_progress(self) -> float | None:
        live = self.projects - self.cancelled
        return round(self.progress_sum / live, 1) if live else None


@dataclass
class IndicatorFigures:
    on_track: int = 0
    off_track: int = 0
    no_data: int = 0


@dataclass
class ProgrammeFigures:
    total: GroupFigures
    by_axis: list[GroupFigures]
    by_year: list[tuple[int, Money]]
    by_neighbourhood: list[GroupFigures]
    by_status: list[tuple[str, int]]
    indicators: IndicatorFigures
    late_project_ids: list[int]

    def as_json(self) -> dict:
        """JSON-ready (amounts as strings, exact), for a report frozen at publication."""

        def clean(value):
            if isinstance(value, Decimal):
                return str(value)
            if isinstance(value, dict):
                return {key: clean(item) for key, item in value.items()}
            if isinstance(value, list | tuple):
                return [clean(item) for item in value]
            return value

        data = asdict(self)
        for group in [data["total"], *data["by_axis"], *data["by_neighbourhood"]]:
            live = group["projects"] - group["cancelled"]
            group["completion_rate"] = round(group["done"] / live * 100, 1) if live else None
        return clean(data)


def _expected_share(project: dict, year: int) -> float:
    starts, ends = project["starts_on"], project["ends_on"]
    if not starts or not ends or ends <= starts:
        return 1.0
    instant = dt.date(year, 12, 31)
    return min(max((instant - starts).days / (ends - starts).days, 0.0), 1.0)


def indicator_on_track(*, baseline, target, value, expected_share: float) -> bool | None:
    """True / False, or None when the indicator has no target or no value to judge."""
    if target is None or value is None:
        return None
    start = baseline or ZERO
    way = target - start
    if way == 0:
        return value == target if target else True
    covered = (value - start) / way
    return float(covered) >= expected_share - 1e-9


def programme_figures(
    *,
    programme: ProgrammePage,
    year: int | None = None,
    axis_id: int | None = None,
    neighbourhood_id: int | None = None,
    status: str | None = None,
    today: dt.date | None = None,
) -> ProgrammeFigures:
    """The figures of the (logical) ``programme``, optionally for one axis, neighbourhood or
    status; ``year`` limits the money to that year. Six queries."""
    today = today or timezone.localdate()
    projects_qs = Project.objects.filter(programme=programme)
    if axis_id:
        projects_qs = projects_qs.filter(axis_id=axis_id)
    if neighbourhood_id:
        projects_qs = projects_qs.filter(neighbourhoods__id=neighbourhood_id)
    if status:
        projects_qs = projects_qs.filter(status=status)
    projects = {
        row["pk"]: row
        for row in projects_qs.values("pk", "axis_id", "status", "progress", "starts_on", "ends_on").order_by("number")
    }
    axes = list(Axis.objects.filter(programme=programme).values("pk", "number", "title_ar", "title_fr"))
    funding = FundingLine.objects.filter(project__programme=programme)
    if year:
        funding = funding.filter(year=year)
    funding_rows = list(funding.values_list("project_id", "year", "planned", "committed", "spent"))
    through = Project.neighbourhoods.through
    places = list(
        through.objects.filter(project__programme=programme).values_list(
            "project_id", "neighbourhood_id", "neighbourhood__name_ar", "neighbourhood__name_fr"
        )
    )
    indicators = list(
        Indicator.objects.filter(project__programme=programme).values("pk", "project_id", "baseline", "target")
    )
    values = list(
        IndicatorValue.objects.filter(indicator__project__programme=programme)
        .order_by("indicator_id", "year")
        .values_list("indicator_id", "year", "value")
    )

    total = GroupFigures(key="all", label_ar="", label_fr="")
    by_axis = {a["pk"]: GroupFigures(key=a["number"], label_ar=a["title_ar"], label_fr=a["title_fr"]) for a in axes}
    neighbourhoods: dict[int, GroupFigures] = {}
    project_places = defaultdict(list)
    for project_id, place_id, name_ar, name_fr in places:
        if project_id in projects:
            project_places[project_id].append(place_id)
            neighbourhoods.setdefault(place_id, GroupFigures(key=place_id, label_ar=name_ar, label_fr=name_fr or ""))
    status_counts: dict[str, int] = defaultdict(int)
    late: list[int] = []

    def count(group: GroupFigures, row: dict) -> None:
        group.projects += 1
        group.done += row["status"] == ProjectStatus.DONE
        group.cancelled += row["status"] == ProjectStatus.CANCELLED
        if row["status"] != ProjectStatus.CANCELLED:
            group.progress_sum += row["progress"]

    for pk, row in projects.items():
        count(total, row)
        if row["axis_id"] in by_axis:
            count(by_axis[row["axis_id"]], row)
        for place_id in project_places[pk]:
            count(neighbourhoods[place_id], row)
        status_counts[row["status"]] += 1
        if row["ends_on"] and row["ends_on"] < today and row["status"] not in CLOSED_STATUSES:
            late.append(pk)

    years: dict[int, Money] = defaultdict(Money)
    for project_id, line_year, planned, committed, spent in funding_rows:
        row = projects.get(project_id)
        if row is None:
            continue
        total.money.add(planned, committed, spent)
        years[line_year].add(planned, committed, spent)
        if row["axis_id"] in by_axis:
            by_axis[row["axis_id"]].money.add(planned, committed, spent)
        for place_id in project_places[project_id]:
            neighbourhoods[place_id].money.add(planned, committed, spent)

    latest: dict[int, tuple[int, Decimal]] = {}
    for indicator_id, value_year, value in values:
        if year is None or value_year <= year:
            latest[indicator_id] = (value_year, value)
    judged = IndicatorFigures()
    for indicator in indicators:
        project = projects.get(indicator["project_id"])
        if project is None:
            continue
        measured = latest.get(indicator["pk"])
        verdict = None
        if measured is not None:
            verdict = indicator_on_track(
                baseline=indicator["baseline"], target=indicator["target"], value=measured[1],
                expected_share=_expected_share(project, measured[0]),
            )
        if verdict is None:
            judged.no_data += 1
        elif verdict:
            judged.on_track += 1
        else:
            judged.off_track += 1

    return ProgrammeFigures(
        total=total,
        by_axis=[by_axis[a["pk"]] for a in axes],
        by_year=sorted(years.items()),
        by_neighbourhood=sorted(neighbourhoods.values(), key=lambda group: group.label_ar),
        by_status=[(value, status_counts.get(value, 0)) for value in ProjectStatus.values],
        indicators=judged,
        late_project_ids=late,
    )
