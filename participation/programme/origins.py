"""Where a programme project comes from, for its public page: the open project of a consultation
it was adopted from (``LinkRelation.BECAME``) with its supports, the remarks citizens made on that
open project, and the suggestions about the project itself (both ``LinkRelation.CONCERNS``).

Everything goes through the core's contributions and links: this module knows no other
capability. The lists show the ``ORIGINS_LIMIT`` most supported items (with their totals), so the
number of queries does not grow with the number of remarks or suggestions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import Truncator

from participation.core.models import Contribution, ContributionStatus, LinkRelation
from participation.core.pages import contribution_url, localized_page

from .models import Project

#: The most items each list shows (the totals are given too).
ORIGINS_LIMIT = 10
EXCERPT_CHARS = 240


@dataclass(frozen=True)
class OriginItem:
    title: str
    excerpt: str
    url: str
    author: str = ""
    support_count: int = 0


@dataclass(frozen=True)
class ProjectOrigins:
    """``open_project``: what the project was adopted from (or None); ``remarks`` and
    ``suggestions``: the first ``ORIGINS_LIMIT`` of ``remark_count`` / ``suggestion_count``."""

    open_project: OriginItem | None = None
    remarks: list[OriginItem] = field(default_factory=list)
    remark_count: int = 0
    suggestions: list[OriginItem] = field(default_factory=list)
    suggestion_count: int = 0

    @property
    def is_empty(self) -> bool:
        return self.open_project is None and not self.suggestions


def _linked_to(target_id: int, relation: str, viewer):
    return (
        Contribution.objects.filter(links_out__target_id=target_id, links_out__relation=relation)
        .visible_to(viewer)
        .exclude(status=ContributionStatus.WITHDRAWN)
    )


def _items(contributions: list[Contribution], pages: dict[int, object]) -> list[OriginItem]:
    items = []
    for contribution in contributions:
        page = pages.get(contribution.page_id)
        if page is None:
            page = pages[contribution.page_id] = localized_page(contribution.page).specific
        items.append(
            OriginItem(
                title=contribution.title,
                excerpt=Truncator(contribution.text).chars(EXCERPT_CHARS),
                url=contribution_url(contribution, page=page),
                author=contribution.author_display,
                support_count=contribution.support_count,
            )
        )
    return items


def _first(queryset) -> tuple[list[Contribution], int]:
    """The ``ORIGINS_LIMIT`` most supported of ``queryset`` and their total (one query, two when
    there are more)."""
    rows = list(queryset.select_related("page", "author").order_by("-support_count", "-created_at", "-pk")
                [: ORIGINS_LIMIT + 1])
    total = len(rows) if len(rows) <= ORIGINS_LIMIT else queryset.count()
    return rows[:ORIGINS_LIMIT], total


def project_origins(*, project: Project, viewer) -> ProjectOrigins:
    """What shaped ``project``, as ``viewer`` may see it, in the active language: at most five
    queries for the links and the totals, plus the look-ups of the shown items' pages and URLs
    (bounded by ``ORIGINS_LIMIT``, whatever the number of remarks and suggestions)."""
    if not project.contribution_id:
        return ProjectOrigins()
    pages: dict[int, object] = {}
    source = _linked_to_source(project.contribution_id, viewer)
    open_project, remarks, remark_count = None, [], 0
    if source is not None:
        open_project = _items([source], pages)[0]
        remarks, remark_count = _first(_linked_to(source.pk, LinkRelation.CONCERNS, viewer))
    suggestions, suggestion_count = _first(_linked_to(project.contribution_id, LinkRelation.CONCERNS, viewer))
    return ProjectOrigins(
        open_project=open_project,
        remarks=_items(remarks, pages),
        remark_count=remark_count,
        suggestions=_items(suggestions, pages),
        suggestion_count=suggestion_count,
    )


def _linked_to_source(thread_id: int, viewer) -> Contribution | None:
    """The contribution the project's thread came from (``source BECAME thread``)."""
    return (
        Contribution.objects.filter(links_out__target_id=thread_id, links_out__relation=LinkRelation.BECAME)
        .visible_to(viewer)
        .select_related("page", "author")
        .order_by("-pk")
        .first()
    )
