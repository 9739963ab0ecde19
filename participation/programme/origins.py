"""Where a programme project comes from, for its public page: the open project of a consultation
it was adopted from (``LinkRelation.BECAME``) with its supports, the remarks citizens made on that
open project, and the suggestions about the project itself (both ``LinkRelation.CONCERNS``).

Everything goes through the core's contributions and links: this module knows no other
capability. The lists show the ``ORIGINS_LIMIT`` most supported items (with their totals); their URLs come
from ``participation.core.pages.contribution_urls``, a few queries per page whatever the number
of items."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import Truncator

from participation.core.models import Contribution, ContributionStatus, LinkRelation
from participation.core.pages import contribution_urls, localized_page

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


def _items(contributions: list[Contribution]) -> list[OriginItem]:
    """The items, with their URLs found page by page (``contribution_urls``: a fixed number of
    queries per page, whatever the number of items)."""
    urls: dict[int, str] = {}
    by_page: dict[int, list[Contribution]] = {}
    for contribution in contributions:
        by_page.setdefault(contribution.page_id, []).append(contribution)
    for group in by_page.values():
        urls.update(contribution_urls(group, page=localized_page(group[0].page).specific))
    return [
        OriginItem(
            title=contribution.title,
            excerpt=Truncator(contribution.text).chars(EXCERPT_CHARS),
            url=urls[contribution.pk],
            author=contribution.author_display,
            support_count=contribution.support_count,
        )
        for contribution in contributions
    ]


def _first(queryset) -> tuple[list[Contribution], int]:
    """The ``ORIGINS_LIMIT`` most supported of ``queryset`` and their total (two queries)."""
    rows = list(queryset.select_related("page", "author").order_by("-support_count", "-created_at", "-pk")
                [:ORIGINS_LIMIT])
    return rows, queryset.count()


def project_origins(*, project: Project, viewer) -> ProjectOrigins:
    """What shaped ``project``, as ``viewer`` may see it, in the active language, in a fixed
    number of queries whatever the number of remarks and suggestions: five for the links and
    totals, and for each page they sit on, its copy in that language and its URLs."""
    if not project.contribution_id:
        return ProjectOrigins()
    source = _linked_to_source(project.contribution_id, viewer)
    remarks, remark_count = [], 0
    if source is not None:
        remarks, remark_count = _first(_linked_to(source.pk, LinkRelation.CONCERNS, viewer))
    suggestions, suggestion_count = _first(_linked_to(project.contribution_id, LinkRelation.CONCERNS, viewer))
    sources = [source] if source is not None else []
    items = _items([*sources, *remarks, *suggestions])
    return ProjectOrigins(
        open_project=items[0] if sources else None,
        remarks=items[len(sources):len(sources) + len(remarks)],
        remark_count=remark_count,
        suggestions=items[len(sources) + len(remarks):],
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
