"""Reads on contributions and comments, each in a fixed number of queries (no N+1)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .caching import content_cached
from .models import (
    Comment,
    Contribution,
    ContributionStatus,
    ModerationAction,
    Rating,
    Report,
    StatusChange,
    Support,
    Visibility,
    follow_model_or_none,
)
from .pages import logical_page_id
from .rules import comment_edit_window

COMMENTS_PER_PAGE = 50

SORTS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "supported": ("-support_count", "-created_at", "-pk"),
    "commented": ("-comment_count", "-created_at", "-pk"),
}


def contribution_list(
    *,
    page,
    kinds: tuple[str, ...] | list[str],
    viewer=None,
    category_id: int | None = None,
    neighbourhood_id: int | None = None,
    status: str | None = None,
    sort: str = "newest",
    search: str = "",
) -> QuerySet[Contribution]:
    """Visible contributions of the logical ``page``, filtered and sorted, with what a list
    shows (category, neighbourhood, author) and the viewer's support/follow state."""
    qs = (
        Contribution.objects.for_page(page)
        .of_kind(*kinds)
        .visible()
        .select_related("category", "neighbourhood", "author")
        .defer("text", "official_answer", "hidden_reason", "data")
        .with_viewer_state(viewer)
    )
    if category_id:
        qs = qs.filter(category_id=category_id)
    if neighbourhood_id:
        qs = qs.filter(neighbourhood_id=neighbourhood_id)
    if status:
        qs = qs.filter(status=status)
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(text__icontains=search))
    return qs.order_by(*SORTS.get(sort, SORTS["newest"]))


def contribution_get(*, page, pk: int, viewer=None, kinds: tuple[str, ...] | list[str] | None = None) -> Contribution | None:
    """One contribution of the logical ``page`` the viewer may see (their own hidden ones
    included, so they read the moderator's reason), or None."""
    qs = (
        Contribution.objects.filter(page_id=logical_page_id(page), pk=pk)
        .visible_to(viewer)
        .select_related("category", "neighbourhood", "author")
        .with_viewer_state(viewer)
    )
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.first()


def contribution_for_display(
    *, page, pk: int, viewer=None, kinds: tuple[str, ...] | list[str] | None = None
) -> Contribution | None:
    """``contribution_get`` for a page that only shows the contribution: the row (with its
    category, neighbourhood and author) comes from the content cache, the viewer's support and
    follow state from two small queries. Writes must use ``contribution_get``."""
    page_id = logical_page_id(page)

    def build():
        row = (
            Contribution.objects.filter(page_id=page_id, pk=pk)
            .exclude(status=ContributionStatus.WITHDRAWN)
            .select_related("category", "neighbourhood", "author")
            .first()
        )
        return row if row is not None else False

    contribution = content_cached(f"contribution:{page_id}:{pk}", build)
    if not contribution or (kinds and contribution.kind not in kinds):
        return None
    viewer_id = viewer.pk if getattr(viewer, "is_authenticated", False) else None
    if contribution.visibility != Visibility.VISIBLE and (viewer_id is None or contribution.author_id != viewer_id):
        return None
    contribution.viewer_supports = bool(viewer_id) and contribution.pk in supported_ids([contribution.pk], viewer)
    contribution.viewer_follows = bool(viewer_id) and contribution.pk in followed_ids([contribution.pk], viewer)
    return contribution


def page_number_key(value) -> str:
    """A page number from the query string, as a short digit string for cache keys ("1" when
    missing or junk; the paginator then picks the real page)."""
    raw = str(value or "1")
    return raw if raw.isdigit() and len(raw) < 9 else "1"


def cached_paginator_page(
    key: str,
    rows: Callable[[], QuerySet],
    *,
    per_page: int,
    page_number,
    prepare: Callable[[list], None] | None = None,
) -> PaginatorPage:
    """One page of ``rows()`` with a working paginator (count, pages, next/previous); the rows of
    the page and the total come from the content cache, so ``rows`` runs only on a miss.
    ``prepare(rows)`` may attach related data to the page's rows before they are cached."""
    number = page_number_key(page_number)

    def build():
        paginator = Paginator(rows(), per_page)
        found = paginator.get_page(number)
        items = list(found.object_list)
        if prepare is not None:
            prepare(items)
        return found.number, paginator.count, items

    found_number, count, items = content_cached(f"{key}:{per_page}:{number}", build)
    return PaginatorPage(items, found_number, Paginator(range(count), per_page))


def supported_ids(contribution_ids: list[int], viewer) -> set[int]:
    """Which of ``contribution_ids`` the viewer supports (one query; none when anonymous)."""
    if not getattr(viewer, "is_authenticated", False) or not contribution_ids:
        return set()
    return set(
        Support.objects.filter(user=viewer, contribution_id__in=contribution_ids).values_list("contribution_id", flat=True)
    )


def followed_ids(contribution_ids: list[int], viewer) -> set[int]:
    """Which of ``contribution_ids`` the viewer follows (one query; none when anonymous)."""
    follow_model = follow_model_or_none()
    if follow_model is None or not getattr(viewer, "is_authenticated", False) or not contribution_ids:
        return set()
    return set(
        follow_model.objects.filter(user=viewer, contribution_id__in=contribution_ids).values_list(
            "contribution_id", flat=True
        )
    )


def contribution_page(*, page, kinds, viewer=None, page_number: int | str | None = 1, per_page: int = 20, **filters):
    """One page of ``contribution_list`` (a paginator page) with the viewer's support state.
    The rows and the total come from the content cache; the viewer's state is one query."""
    page_id = logical_page_id(page)
    key = f"contributions:{page_id}:{','.join(kinds)}:{sorted(filters.items())!r}"
    found = cached_paginator_page(
        key, lambda: contribution_list(page=page, kinds=kinds, **filters), per_page=per_page, page_number=page_number
    )
    items = found.object_list
    supported = supported_ids([item.pk for item in items], viewer)
    for item in items:
        item.viewer_supports = item.pk in supported
        item.viewer_follows = False  # not shown in lists
    return found


def status_history(*, contribution: Contribution) -> list[StatusChange]:
    return content_cached(
        f"history:{contribution.pk}", lambda: list(contribution.status_changes.all())
    )


class CommentThread:
    """One page of a contribution's top-level comments, each with ``reply_list``.

    Cheap until the comments themselves are needed: ``page`` (number and count, for the
    pagination links) and ``author_ids`` come from a small cache entry, so a page whose whole
    comment list is cached (``fragments.comment_list_html``) never loads the comments."""

    def __init__(
        self,
        *,
        page: PaginatorPage,
        contribution_id: int,
        author_ids: frozenset[int],
        load: Callable[[], list[Comment]],
        viewer_id: int | None = None,
        reply_to_id: str = "",
    ):
        self.page = page  # its ``object_list`` is empty: the rows are ``comments``
        self.contribution_id = contribution_id
        self.author_ids = author_ids  # who wrote the comments and replies of this page
        self._load = load
        self._viewer_id = viewer_id
        self._reply_to_id = reply_to_id

    @cached_property
    def comments(self) -> list[Comment]:
        comments = self._load()
        now = timezone.now()
        window = comment_edit_window()
        for comment in comments:
            for c in (comment, *comment.reply_list):
                own = self._viewer_id is not None and c.author_id == self._viewer_id and not c.is_deleted
                c.viewer_is_author = own
                c.viewer_can_edit = own and not c.is_hidden and now - c.created_at <= window
                c.viewer_can_delete = own
                c.is_reply = c.parent_id is not None
        return comments

    @cached_property
    def reply_to(self) -> Comment | None:
        """The top-level comment the form answers (``?reply=<id>``), when it is on this page
        and can be answered."""
        if not self._reply_to_id:
            return None
        return next(
            (c for c in self.comments if str(c.pk) == self._reply_to_id and not c.is_deleted and not c.is_hidden),
            None,
        )

    @property
    def page_query(self) -> str:
        """The query string prefix that keeps this page of comments (``comments=2&``)."""
        return f"comments={self.page.number}&" if self.page.number > 1 else ""


def comment_thread(
    *, contribution: Contribution, viewer=None, page_number: int | str = 1, reply_to: int | str | None = None
) -> CommentThread:
    """A page of top-level comments with their replies: three queries whatever the size, none
    while the content is unchanged (content cache).
    ``reply_to`` (a top-level comment's id from the page's query) picks the comment the form
    answers, when it is on this page and can be answered."""
    number = page_number_key(page_number)

    def with_replies(rows: list[Comment]) -> None:
        replies_by_parent: dict[int, list[Comment]] = {c.pk: [] for c in rows}
        if rows:
            for reply in Comment.objects.filter(parent__in=[c.pk for c in rows]).select_related("author"):
                replies_by_parent[reply.parent_id].append(reply)
        for comment in rows:
            comment.reply_list = replies_by_parent[comment.pk]

    def load_page() -> PaginatorPage:
        return cached_paginator_page(
            f"thread:{contribution.pk}",
            lambda: Comment.objects.filter(contribution=contribution, parent__isnull=True).select_related("author"),
            per_page=COMMENTS_PER_PAGE,
            page_number=number,
            prepare=with_replies,
        )

    def summary() -> tuple[int, int, frozenset[int]]:
        page = load_page()
        rows = page.object_list
        authors = frozenset(c.author_id for comment in rows for c in (comment, *comment.reply_list) if c.author_id)
        return page.number, page.paginator.count, authors

    found_number, count, authors = content_cached(f"thread-summary:{contribution.pk}:{number}", summary)
    return CommentThread(
        page=PaginatorPage([], found_number, Paginator(range(count), COMMENTS_PER_PAGE)),
        contribution_id=contribution.pk,
        author_ids=authors,
        load=lambda: list(load_page().object_list),
        viewer_id=viewer.pk if getattr(viewer, "is_authenticated", False) else None,
        reply_to_id=str(reply_to or ""),
    )


def comment_get(*, pk: int) -> Comment | None:
    return Comment.objects.select_related("contribution", "author").filter(pk=pk).first()


# --- moderation -----------------------------------------------------------------------------


def moderation_queue(*, site_ids: list[int]) -> list[dict]:
    """Reported items with open reports, most reported first: one row per item with its
    reports (four queries)."""
    open_reports = Report.objects.filter(site_id__in=site_ids, resolved_at__isnull=True)
    contributions = (
        Contribution.objects.filter(reports__in=open_reports)
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .select_related("author", "page")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.filter(resolved_at__isnull=True).select_related("reporter"),
                to_attr="report_list",
            )
        )
        .distinct()
    )
    comments = (
        Comment.objects.filter(reports__in=open_reports)
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .select_related("author", "contribution", "contribution__page")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.filter(resolved_at__isnull=True).select_related("reporter"),
                to_attr="report_list",
            )
        )
        .distinct()
    )
    rows = [{"type": "contribution", "item": c, "contribution": c, "reports": c.report_list} for c in contributions]
    rows += [{"type": "comment", "item": c, "contribution": c.contribution, "reports": c.report_list} for c in comments]
    rows.sort(key=lambda r: (-len(r["reports"]), -max(rep.created_at.timestamp() for rep in r["reports"])))
    return rows


def hidden_items(*, site_ids: list[int], limit: int = 100) -> dict[str, list]:
    return {
        "contributions": list(
            Contribution.objects.filter(site_id__in=site_ids, visibility=Visibility.HIDDEN)
            .select_related("author")
            .order_by("-updated_at")[:limit]
        ),
        "comments": list(
            Comment.objects.filter(contribution__site_id__in=site_ids, visibility=Visibility.HIDDEN)
            .select_related("author", "contribution")
            .order_by("-created_at")[:limit]
        ),
    }


def moderation_log(*, site_ids: list[int]) -> QuerySet[ModerationAction]:
    return ModerationAction.objects.filter(site_id__in=site_ids).select_related(
        "actor", "contribution", "comment", "target_user"
    )


def participation_context(*, request, contribution: Contribution, page=None) -> dict:
    """Everything the core includes need for one contribution's detail page, in a fixed
    number of queries. ``page`` is the specific participation page (for its phase rule);
    ``contribution`` should come from ``contribution_get`` (viewer state annotated)."""
    from .rules import can_answer, can_comment, can_support

    user = request.user
    site_id = contribution.site_id
    answer = False
    if getattr(user, "is_authenticated", False):
        from wagtail.models import Site

        answer = can_answer(user, site=Site(pk=site_id))
    return {
        "contribution": contribution,
        "history": status_history(contribution=contribution),
        "thread": comment_thread(
            contribution=contribution,
            viewer=user,
            page_number=request.GET.get("comments", 1),
            reply_to=request.GET.get("reply"),
        ),
        "comment_permission": can_comment(user, contribution, page=page),
        "support_permission": can_support(user, contribution, page=page),
        "can_answer": answer,
        "next": _path_without(request, "reply"),
    }


def _path_without(request, *names: str) -> str:
    """The request's path and query without ``names`` (where a form sends the user back)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


# --- ratings and links ------------------------------------------------------------------------

#: Below this many ratings, the average is not shown (a handful of votes says little).
RATING_MIN_SHOWN = 5


@dataclass(frozen=True)
class RatingSummary:
    count: int
    average: float | None  # None until ``RATING_MIN_SHOWN`` ratings exist
    viewer_value: int | None  # the viewer's own rating

    @property
    def shown(self) -> bool:
        return self.average is not None


def rating_summary(*, contribution: Contribution, viewer=None, minimum: int = RATING_MIN_SHOWN) -> RatingSummary:
    """The count, the average (rounded to one decimal, shown from ``minimum`` ratings) and the
    viewer's own rating: at most one query (the viewer's)."""
    count, total = contribution.rating_count, contribution.rating_total
    average = round(total / count, 1) if count >= minimum and count else None
    own = None
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        own = Rating.objects.filter(contribution=contribution, user=viewer).values_list("value", flat=True).first()
    return RatingSummary(count=count, average=average, viewer_value=own)


def linked_contributions(
    *, contribution: Contribution, relation: str, direction: str = "in", viewer=None
) -> list[Contribution]:
    """The contributions linked to ``contribution`` by ``relation``: those pointing at it
    (``direction="in"``: the suggestions about a project) or those it points at (``"out"``: what an
    open project became). Only what ``viewer`` may see, newest first; one query."""
    if direction == "in":
        queryset = Contribution.objects.filter(links_out__target=contribution, links_out__relation=relation)
    else:
        queryset = Contribution.objects.filter(links_in__source=contribution, links_in__relation=relation)
    return list(queryset.visible_to(viewer).select_related("page").order_by("-created_at", "-pk")[:100])


def link_target(*, site_id: int, pk: int | None) -> Contribution | None:
    """The visible contribution ``pk`` of the commune ``site_id`` that a new contribution may say it
    is about (``?about=<id>`` on a form: a suggestion reporting a problem on a programme project),
    or None."""
    if pk is None:
        return None
    return Contribution.objects.visible().filter(pk=pk, site_id=site_id).select_related("page").first()


def rating_distributions(*, contributions) -> dict[int, dict[int, int]]:
    """How many accounts gave each value, per contribution: ``{contribution id: {value: count}}``
    for the ``contributions`` given (objects or ids; one with no rating maps to ``{}``), in one
    query whatever their number (none for an empty list)."""
    ids = [getattr(c, "pk", c) for c in contributions]
    distributions: dict[int, dict[int, int]] = {pk: {} for pk in ids if pk is not None}
    if not distributions:
        return distributions
    rows = (
        Rating.objects.filter(contribution_id__in=list(distributions)).order_by()
        .values_list("contribution_id", "value").annotate(n=Count("pk"))
    )
    for contribution_id, value, count in rows:
        distributions[contribution_id][value] = count
    return distributions
