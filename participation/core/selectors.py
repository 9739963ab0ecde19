"""Reads on contributions and comments, each in a fixed number of queries (no N+1)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .fragments import attach_fragments
from .models import (
    Comment,
    Contribution,
    ModerationAction,
    Report,
    StatusChange,
    Visibility,
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
        .select_related("category", "neighbourhood", "author", "answered_by")
        .with_viewer_state(viewer)
    )
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.first()


def status_history(*, contribution: Contribution) -> list[StatusChange]:
    return list(contribution.status_changes.all())


@dataclass
class CommentThread:
    """Top-level comments of one page of the thread, each with ``reply_list``."""

    page: PaginatorPage
    comments: list[Comment] = field(default_factory=list)


COMMENT_BODY_TEMPLATE = "participation_core/includes/comment_body.html"


def comment_values(comment: Comment) -> tuple:
    """Everything a comment's cached body shows (its cache key, see ``fragments``)."""
    return (comment.pk, comment.is_official, comment.author_display, comment.created_at, comment.edited_at, comment.text)


def comment_thread(*, contribution: Contribution, viewer=None, page_number: int | str = 1) -> CommentThread:
    """A page of top-level comments with their replies: three queries whatever the size. Each
    shown comment gets ``body_html``, its viewer-independent part, from the fragment cache."""
    top = Comment.objects.filter(contribution=contribution, parent__isnull=True).select_related("author")
    paginator = Paginator(top, COMMENTS_PER_PAGE)
    page = paginator.get_page(page_number)
    comments = list(page.object_list)
    replies_by_parent: dict[int, list[Comment]] = {c.pk: [] for c in comments}
    if comments:
        for reply in Comment.objects.filter(parent__in=[c.pk for c in comments]).select_related("author"):
            replies_by_parent[reply.parent_id].append(reply)
    now = timezone.now()
    window = comment_edit_window()
    viewer_id = viewer.pk if getattr(viewer, "is_authenticated", False) else None
    for comment in comments:
        comment.reply_list = replies_by_parent[comment.pk]
        for c in (comment, *comment.reply_list):
            own = viewer_id is not None and c.author_id == viewer_id and not c.is_deleted
            c.viewer_is_author = own
            c.viewer_can_edit = own and not c.is_hidden and now - c.created_at <= window
            c.viewer_can_delete = own
    shown = [c for comment in comments for c in (comment, *comment.reply_list) if not c.is_deleted]
    attach_fragments(
        shown, template_name=COMMENT_BODY_TEMPLATE, name="comment", values=comment_values, attribute="body_html"
    )
    return CommentThread(page=page, comments=comments)


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
        "thread": comment_thread(contribution=contribution, viewer=user, page_number=request.GET.get("comments", 1)),
        "comment_permission": can_comment(user, contribution, page=page),
        "support_permission": can_support(user, contribution, page=page),
        "can_answer": answer,
        "next": request.get_full_path(),
    }
