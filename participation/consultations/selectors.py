"""Reads for consultations: a fixed number of queries whatever the number of remarks."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value

from participation.core.caching import content_cached, content_version
from participation.core.models import Support
from participation.core.pages import localized_page
from participation.core.selectors import cached_paginator_page
from participation.core.statistics import min_group_size as shared_min_group_size
from site_template.accounts.models import YOUNG_AGE_BRACKETS, DemographicProfile

from . import clock
from .models import ConsultationPage, OpenProject, Phase, Remark, RemarkKind, RemarkStatus

REMARKS_PER_PAGE = 20

#: ``emails.py`` (being replaced with the notifications) still asks for a consultation in a
#: language by this name: it is the core's ``localized_page``.
consultation_in_language = localized_page


def projects_for(*, consultation: ConsultationPage, user=None) -> QuerySet[OpenProject]:
    """The consultation's projects with their remark count, support count (denormalised on the
    project's thread) and whether the viewer supports each — one query."""
    qs = (
        OpenProject.objects.filter(consultation=consultation)
        .select_related("contribution")
        .annotate(
            remark_count=Count(
                "remarks", filter=Q(remarks__status=RemarkStatus.PUBLISHED) & _visible_remark_q("remarks__")
            )
        )
        .order_by("number")
    )
    if getattr(user, "is_authenticated", False):
        qs = qs.annotate(
            viewer_supports=Exists(
                Support.objects.filter(contribution_id=OuterRef("contribution_id"), user=user)
            )
        )
    else:
        qs = qs.annotate(viewer_supports=Value(False))
    return qs


def projects_for_display(*, consultation: ConsultationPage) -> list[OpenProject]:
    """``projects_for`` for pages that only show the projects: the rows and their counts come
    from the content cache (counting 20,000 remarks on every request is the page's main cost)."""
    return content_cached(f"consultation-projects:{consultation.pk}", lambda: list(projects_for(consultation=consultation)))


def _visible_remark_q(prefix: str = "") -> Q:
    """Remarks whose thread was not hidden by moderation."""
    return Q(**{f"{prefix}contribution__isnull": True}) | Q(**{f"{prefix}contribution__visibility": "visible"})


def published_remarks(*, consultation: ConsultationPage) -> QuerySet[Remark]:
    return (
        Remark.objects.filter(consultation=consultation, status=RemarkStatus.PUBLISHED)
        .filter(_visible_remark_q())
        .select_related("author", "contribution", "project")
    )


def project_remarks(*, project: OpenProject, page_number: int | str | None = 1) -> PaginatorPage:
    qs = published_remarks(consultation=project.consultation).filter(project=project).order_by("-created_at", "-id")
    return Paginator(qs, REMARKS_PER_PAGE).get_page(page_number)


def proposals(*, consultation: ConsultationPage, page_number: int | str | None = 1) -> PaginatorPage:
    """A page of published new-project proposals; the rows and the total come from the content
    cache (the consultation page shows them to everyone)."""
    return cached_paginator_page(
        f"consultation-proposals:{consultation.pk}",
        lambda: published_remarks(consultation=consultation).filter(kind=RemarkKind.PROPOSAL).order_by("-created_at", "-id"),
        per_page=REMARKS_PER_PAGE,
        page_number=page_number,
    )


def own_remarks(*, consultation: ConsultationPage, user) -> QuerySet[Remark]:
    if not getattr(user, "is_authenticated", False):
        return Remark.objects.none()
    return (
        Remark.objects.filter(consultation=consultation, author=user, status=RemarkStatus.PUBLISHED)
        .select_related("project")
        .order_by("-created_at")
    )


def has_asked_opening_notice(*, consultation: ConsultationPage, user) -> bool:
    """Whether ``user`` follows the consultation (which is how "tell me when it opens" is kept)."""
    from participation.notifications.selectors import user_follows_page

    return user_follows_page(user=user, page=consultation)


# --- Figures ---------------------------------------------------------------------------------


def min_group_size() -> int:
    """Groups smaller than this are not shown (small-count rule, setting ``STATS_MIN_GROUP_SIZE``,
    shared with ``participation.core.statistics``)."""
    return shared_min_group_size()


@dataclass
class Share:
    """A share of participants, hidden when the group or its complement is too small to stay anonymous."""

    count: int
    total: int
    threshold: int

    @property
    def shown(self) -> bool:
        return self.count >= self.threshold and (self.total - self.count) >= self.threshold

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total) if self.total else 0


@dataclass
class Figures:
    participants: int
    online_participants: int
    paper_participants: int
    remarks: int
    proposals: int
    supports: int
    associations: int
    women: Share
    young: Share
    threshold: int
    projects: list = field(default_factory=list)  # OpenProject rows with remark_count, contribution


def figures(*, consultation: ConsultationPage, projects: list[OpenProject] | None = None) -> Figures:
    """Participation figures of a consultation (live). ``projects`` may be passed when the caller
    already loaded them with ``projects_for`` (saves a query)."""
    if projects is None:
        projects = list(projects_for(consultation=consultation))
    key = f"consultations:figures:{consultation.pk}:{content_version()}"
    cached = cache.get(key)
    if cached is None:
        cached = _figure_counts(consultation)
        cache.set(key, cached, FIGURES_CACHE_SECONDS)
    totals, online, people = cached
    threshold = min_group_size()
    return Figures(
        participants=online + totals["paper"],
        online_participants=online,
        paper_participants=totals["paper"],
        remarks=totals["remarks"],
        proposals=totals["proposals"],
        supports=sum(p.contribution.support_count if p.contribution_id else 0 for p in projects),
        associations=totals["associations"],
        women=Share(people["women"], people["with_gender"], threshold),
        young=Share(people["young"], people["with_age"], threshold),
        threshold=threshold,
        projects=projects,
    )


#: The aggregates behind the figures are cached briefly, keyed by the content version that every
#: write (remark, support, comment, decision) changes, so they stay exact after a change.
FIGURES_CACHE_SECONDS = 60


def _figure_counts(consultation: ConsultationPage) -> tuple[dict, int, dict]:
    remarks = published_remarks(consultation=consultation)
    totals = remarks.aggregate(
        remarks=Count("id", filter=Q(kind=RemarkKind.REMARK)),
        proposals=Count("id", filter=Q(kind=RemarkKind.PROPOSAL)),
        paper=Count("on_behalf_of_name", filter=Q(entered_by_staff=True), distinct=True),
        associations=Count("association_name", filter=~Q(association_name=""), distinct=True),
    )
    author_ids = remarks.filter(author__isnull=False).order_by().values("author_id")
    supporter_ids = Support.objects.filter(
        contribution__open_project__consultation=consultation
    ).order_by().values("user_id")
    online = author_ids.union(supporter_ids).count()
    people = DemographicProfile.objects.filter(
        Q(user_id__in=author_ids) | Q(user_id__in=supporter_ids), user__deleted_at__isnull=True
    ).aggregate(
        with_gender=Count("user_id", filter=~Q(gender="")),
        women=Count("user_id", filter=Q(gender="female")),
        with_age=Count("user_id", filter=~Q(age_bracket="")),
        young=Count("user_id", filter=Q(age_bracket__in=list(YOUNG_AGE_BRACKETS))),
    )
    return totals, online, people


def open_consultations(*, site_root, language: str) -> QuerySet[ConsultationPage]:
    """Consultations of the site, in ``language``, currently open or announced (home page section).
    Phase comes from each page's own dates; pages are copies of their Arabic source."""
    instant = clock.now()
    return (
        ConsultationPage.objects.live()
        .public()
        .descendant_of(site_root, inclusive=True)
        .filter(locale__language_code=language, closes_at__gt=instant)
        .order_by("opens_at")
    )


def phase_label(phase: Phase) -> str:
    return str(Phase(phase).label)


@dataclass(frozen=True)
class FollowedIn:
    """Where an adopted open project is now followed: the title and URL of what it became."""

    title: str
    url: str


def project_followed_in(*, project: OpenProject, viewer=None) -> FollowedIn | None:
    """The programme project this open project became (``LinkRelation.BECAME``), in the active
    language, or None; two queries (the link, the page in that language)."""
    from participation.core.models import LinkRelation
    from participation.core.pages import contribution_url
    from participation.core.selectors import linked_contributions

    if not project.contribution_id:
        return None
    became = linked_contributions(
        contribution=project.contribution, relation=LinkRelation.BECAME, direction="out", viewer=viewer
    )
    if not became:
        return None
    target = became[0]
    page = localized_page(target.page).specific
    return FollowedIn(title=page.title, url=contribution_url(target, page=page))
