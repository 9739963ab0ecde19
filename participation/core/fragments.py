"""Cached HTML fragments for the parts of a list that look the same to every visitor.

A page with 20 suggestion cards or 50 comments spends most of its rendering time in those
repeated includes. The part of each item that does not depend on the viewer (a card's title,
badges, date and figures; a comment's header and sanitised text) is rendered once and kept in
the cache; the viewer's own bits (edit links, reply form, "you support it") stay in the page
template around it.

Keys are content-addressed: they hash the template's source, the active language and every
value the fragment shows (``values(item)``), so an edit, a new support, a renamed category or a
changed display name simply reads another key — there is nothing to invalidate, and a deploy
that changes the template never serves the old HTML. All fragments of a page are fetched with
one ``get_many`` and the missing ones stored with one ``set_many``.

A whole list of comments is cached too, for the viewers who wrote none of them
(``comment_list_html``): that entry lives in the content cache, which every write renews.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import quote

from django.core.cache import cache
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from .caching import content_cached

TIMEOUT = 24 * 3600


@functools.lru_cache(maxsize=64)
def _template_digest(template_name: str) -> str:
    template = get_template(template_name)
    source = getattr(getattr(template, "template", None), "source", template_name)
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


def _key(template_name: str, values: Sequence[Any]) -> str:
    digest = hashlib.blake2b(repr(tuple(values)).encode(), digest_size=16).hexdigest()
    return f"fragment:{_template_digest(template_name)}:{translation.get_language()}:{digest}"


def attach_fragments(
    items: Iterable[Any],
    *,
    template_name: str,
    name: str,
    values: Callable[[Any], Sequence[Any]],
    attribute: str,
    context: dict[str, Any] | None = None,
) -> None:
    """Sets ``item.<attribute>`` to the HTML of ``template_name`` rendered with
    ``{name: item, **context}``, from the cache when the same values (and context) were
    rendered before. ``values(item)`` must list everything the fragment shows of the item."""
    items = list(items)
    if not items:
        return
    context = context or {}
    shared = tuple(sorted(context.items()))
    keys = [_key(template_name, (*values(item), shared)) for item in items]
    found = cache.get_many(keys)
    missing: dict[str, str] = {}
    template = get_template(template_name)
    for item, key in zip(items, keys, strict=True):
        html = found.get(key)
        if html is None:
            html = missing.get(key) or template.render({**context, name: item})
            missing[key] = html
        setattr(item, attribute, mark_safe(html))  # noqa: S308 — rendered by our autoescaped template
    if missing:
        cache.set_many(missing, TIMEOUT)


def cached_html(key: str, template_name: str, context: Callable[[], dict[str, Any]]) -> SafeString:
    """``template_name`` rendered with ``context()``, kept in the content cache (renewed by every
    public change) per ``key``, the template's source and the active language. For a part of a
    page that is the same for every visitor; ``context`` is only called on a miss."""
    full_key = f"html:{_template_digest(template_name)}:{translation.get_language()}:{key}"
    html = content_cached(full_key, lambda: get_template(template_name).render(context()))
    return mark_safe(html)  # noqa: S308 — rendered by our autoescaped template


COMMENT_TEMPLATE = "participation_core/includes/comment_content.html"


def _comment_values(comment) -> tuple:
    """Everything ``comment_content.html`` shows of a comment (from ``selectors.comment_thread``)."""
    return (
        comment.pk, comment.is_reply, comment.is_official, comment.author_display, comment.created_at,
        comment.edited_at, comment.text, comment.is_deleted, comment.is_hidden,
        comment.hidden_reason if comment.viewer_is_author else "",
        comment.viewer_is_author, comment.viewer_can_edit, comment.viewer_can_delete,
    )


COMMENT_LIST_TEMPLATE = "participation_core/includes/comment_list.html"


def comment_list_html(
    thread, *, viewer_id: int | None, can_reply: bool, signed_in: bool, next_url: str, report_prefix: str
) -> SafeString:
    """The HTML of ``thread``'s comments and their replies (``comment_list.html``).

    Only a comment's own author sees it differently (edit and delete links, the moderators'
    reason): a viewer who wrote none of the comments on this page sees exactly what every other
    such viewer in the same situation (``can_reply``, ``signed_in``, the same page) sees, so that
    whole list is one entry of the content cache. The author of one of them gets the list
    assembled from the per-comment fragments."""
    context = {
        "can_reply": bool(can_reply),
        "signed_in": bool(signed_in),
        "next": next_url,
        "next_q": quote(next_url, safe="/"),
        "reply_prefix": f"?{thread.page_query}reply=",
        "report_prefix": report_prefix,
    }

    def render() -> str:
        comments = [c for comment in thread.comments for c in (comment, *comment.reply_list)]
        attach_fragments(
            comments, template_name=COMMENT_TEMPLATE, name="comment", values=_comment_values,
            attribute="content_html", context=context,
        )
        return get_template(COMMENT_LIST_TEMPLATE).render({"thread": thread})

    if viewer_id is not None and viewer_id in thread.author_ids:
        return mark_safe(render())  # noqa: S308 — rendered by our autoescaped templates
    key = (
        f"comment-list:{_template_digest(COMMENT_LIST_TEMPLATE)}:{_template_digest(COMMENT_TEMPLATE)}:"
        f"{translation.get_language()}:{thread.contribution_id}:{thread.page.number}:{sorted(context.items())!r}"
    )
    return mark_safe(content_cached(key, render))  # noqa: S308 — rendered by our autoescaped templates
