"""Every read the programme's public pages need, in a fixed number of queries whatever the number
of projects (lists are paginated; a project page reads its own rows only)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from wagtail.images import get_image_model

from participation.core.models import Contribution

from .figures import Money
from .models import (
    Axis,
    FundingLine,
    Indicator,
    ProgrammePage,
    Project,
    ProjectPhoto,
    ProjectStatus,
    ProjectUpdate,
    StatusChange,
)

PROJECTS_PER_PAGE = 40
UPDATES_SHOWN = 20
#: The photo size of a project page and of an update (one rendition each, prefetched).
PHOTO_RENDITION = "max-640x480"


@dataclass(frozen=True)
class ProjectFilters:
    """The list's filters, cleaned: unknown values are dropped, never an error."""

    axis: int | None = None
    neighbourhood: int | None = None
    status: str | None = None

    @classmethod
    def from_query(cls, query, *, axes: list[Axis], neighbourhood_ids: set[int]) -> ProjectFilters:
        from site_template.params import parse_id

        axis = parse_id(query.get("axis"))
        neighbourhood = parse_id(query.get("neighbourhood"))
        status = query.get("status")
        return cls(
            axis=axis if axis in {a.number for a in axes} else None,
            neighbourhood=neighbourhood if neighbourhood in neighbourhood_ids else None,
            status=status if status in ProjectStatus.values else None,
        )

    @property
    def active(self) -> bool:
        return any((self.axis, self.neighbourhood, self.status))

    def query_string(self) -> str:
        from urllib.parse import urlencode

        pairs = [("axis", self.axis), ("neighbourhood", self.neighbourhood), ("status", self.status)]
        return urlencode([(key, value) for key, value in pairs if value])


def programme_axes(*, programme: ProgrammePage) -> list[Axis]:
    return list(Axis.objects.filter(programme=programme).order_by("number"))


def _project_rows() -> QuerySet[Project]:
    return Project.objects.select_related("axis").only(
        "pk", "number", "title_ar", "title_fr", "status", "progress", "starts_on", "ends_on", "programme_id",
        "axis__number", "axis__title_ar", "axis__title_fr",
    )


def project_page(
    *, programme: ProgrammePage, filters: ProjectFilters, page_number=1, per_page: int = PROJECTS_PER_PAGE
) -> PaginatorPage:
    """One page of the programme's projects (by number) matching ``filters``: two queries."""
    queryset = _project_rows().filter(programme=programme).order_by("number")
    if filters.axis:
        queryset = queryset.filter(axis__number=filters.axis)
    if filters.neighbourhood:
        queryset = queryset.filter(neighbourhoods__id=filters.neighbourhood)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return Paginator(queryset, per_page).get_page(page_number)


def programme_neighbourhoods(*, programme: ProgrammePage) -> list:
    """The neighbourhoods some project of the programme is in (for the filter)."""
    from site_template.communes.models import Neighbourhood

    return list(Neighbourhood.objects.filter(programme_projects__programme=programme).distinct().order_by("sort_order", "name_ar"))


def axis_get(*, programme: ProgrammePage, number: int) -> Axis | None:
    return Axis.objects.filter(programme=programme, number=number).first()


def axis_projects(*, axis: Axis) -> list[Project]:
    return list(_project_rows().filter(axis=axis).order_by("number"))


@dataclass
class FundingYear:
    year: int
    lines: list[FundingLine]
    money: Money


@dataclass
class ProjectDetail:
    project: Project
    neighbourhoods: list
    activities: list
    funding_years: list[FundingYear]
    funding_total: Money
    indicators: list[Indicator]
    photos: list[ProjectPhoto]
    documents: list
    history: list[StatusChange]
    updates: list[ProjectUpdate]


def _images():
    return get_image_model().objects.prefetch_renditions(PHOTO_RENDITION)


def project_header(*, programme: ProgrammePage, number: int, viewer=None) -> Project | None:
    """A project with its axis and its thread (viewer state annotated): what a project page shows
    around its cached body, in two queries."""
    project = Project.objects.filter(programme=programme, number=number).select_related("axis").first()
    if project is None:
        return None
    project.contribution = (
        Contribution.objects.with_viewer_state(viewer).filter(pk=project.contribution_id).first()
        if project.contribution_id else None
    )
    return project


def project_detail(*, programme: ProgrammePage, number: int) -> ProjectDetail | None:
    """A project with everything its page's body shows (the same for every visitor), in a fixed
    number of queries whatever the number of activities, indicators, figures, photos or updates."""
    project = (
        Project.objects.filter(programme=programme, number=number)
        .select_related("axis")
        .prefetch_related(
            "neighbourhoods",
            "activities",
            "funding_lines",
            "documents__document",
            Prefetch("photos", queryset=ProjectPhoto.objects.prefetch_related(Prefetch("image", queryset=_images()))),
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("values").order_by("number")),
        )
        .first()
    )
    if project is None:
        return None
    years: dict[int, FundingYear] = {}
    total = Money()
    for line in project.funding_lines.all():
        entry = years.setdefault(line.year, FundingYear(year=line.year, lines=[], money=Money()))
        entry.lines.append(line)
        entry.money.add(line.planned, line.committed, line.spent)
        total.add(line.planned, line.committed, line.spent)
    updates = list(
        ProjectUpdate.objects.filter(project=project)
        .prefetch_related(Prefetch("photo", queryset=_images()))
        .order_by("-published_at", "-pk")[:UPDATES_SHOWN]
    )
    return ProjectDetail(
        project=project,
        neighbourhoods=list(project.neighbourhoods.all()),
        activities=sorted(project.activities.all(), key=lambda a: (a.starts_on, a.number)),
        funding_years=[years[year] for year in sorted(years)],
        funding_total=total,
        indicators=list(project.indicators.all()),
        photos=list(project.photos.all()),
        documents=list(project.documents.all()),
        history=list(StatusChange.objects.filter(project=project).order_by("-changed_on", "-created_at", "-pk")),
        updates=updates,
    )


def money_of(lines) -> Money:
    total = Money()
    for line in lines:
        total.add(line.planned, line.committed, line.spent)
    return total


def axis_money(*, programme: ProgrammePage) -> dict[int, Money]:
    """Axis pk → its projects' money (one query), for the programme page's axis cards."""
    money: dict[int, Money] = defaultdict(Money)
    rows = FundingLine.objects.filter(project__programme=programme).values_list(
        "project__axis_id", "planned", "committed", "spent"
    )
    for axis_id, planned, committed, spent in rows:
        money[axis_id].add(planned or Decimal(0), committed or Decimal(0), spent or Decimal(0))
    return dict(money)


def latest_updates(*, programme: ProgrammePage, limit: int = 5) -> list[ProjectUpdate]:
    return list(
        ProjectUpdate.objects.filter(project__programme=programme)
        .select_related("project")
        .order_by("-published_at", "-pk")[:limit]
    )


def live_programmes(*, site_root, language: str) -> QuerySet[ProgrammePage]:
    """The commune's live programme pages in ``language`` (the home page's section)."""
    return (
        ProgrammePage.objects.live().public().descendant_of(site_root).filter(locale__language_code=language)
        .order_by("-first_published_at")
    )
