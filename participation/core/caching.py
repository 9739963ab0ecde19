"""Whole-page cache for anonymous visitors, opt-in per view.

Most visitors read without logging in; their pages are the same for everyone. A view opts in
with ``@anonymous_page_cache`` (alias ``cache_anonymous``). Two levels:

- with ``AnonymousPageCacheMiddleware`` installed (right after the security headers middleware,
  before sessions), the middleware stores the final response and serves later anonymous
  requests for the same URL straight from the cache, without sessions, URL routing, the
  Wagtail page tree, the database or templates;
- without it, the decorator caches at the view level (hits still run the middleware and the
  page routing, but no view code, query or template).

Responses carry ``X-Page-Cache: hit|miss`` when they are (or could have been) cached.

Safe by construction:

- only GET/HEAD requests that carry no session cookie and no messages cookie are looked up (a
  logged-in user, or anyone with a pending message, always gets a fresh page);
- only responses a view marked, with status 200, not streamed, setting no cookie, are stored —
  a page that used the CSRF token sets the CSRF cookie, so it is never cached (forms with a
  token are never served to another visitor);
- the key holds the host (the commune's site), the full path with its query string (the
  language is the path's prefix), the content version and the site-structure version.

The content version changes on every write that can change a public page: the core services
call ``content_changed(site_id=…)``; model signals on contributions, comments, supports and
status changes and Wagtail's publish/unpublish signals do it too (belt and braces: cache
invalidation is what signals are for). The version is ``site_template.cache_versions.CONTENT``,
the same in every worker process.

Setting: ``PARTICIPATION_PAGE_CACHE_SECONDS`` (300; 0 switches the cache off).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from site_template.cache_versions import CONTENT, SITE_STRUCTURE

HEADER = "X-Page-Cache"
_SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")


def _timeout() -> int:
    return int(getattr(settings, "PARTICIPATION_PAGE_CACHE_SECONDS", 300) or 0)


def _enabled() -> bool:
    return _timeout() > 0


def content_version() -> str:
    """The current content version (cheap: one cache get, plus one small file read)."""
    return CONTENT.current()


def content_cached(
    key: str, build: Callable[[], Any], timeout: int = 300, *, fresh: Callable[[Any], bool] | None = None
) -> Any:
    """``build()``'s result (rows read from public content), kept until the content changes:
    the key holds the content version, which every write that can change a public page bumps,
    and the site-structure version (categories, neighbourhoods the rows carry). ``build`` must
    not return None; ``key`` is hashed. ``fresh(value)``, if given, may refuse a cached value
    that time alone made stale (it is then rebuilt)."""
    digest = hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
    full_key = f"content:{content_version()}:{SITE_STRUCTURE.current()}:{digest}"
    value = cache.get(full_key)
    if value is None or (fresh is not None and not fresh(value)):
        value = build()
        cache.set(full_key, value, timeout)
    return value


def content_changed(**_ignored) -> None:
    """Every cached anonymous page becomes stale (call after any public change; accepts and
    ignores ``site_id=`` — the version is global, which is simple and always correct)."""
    CONTENT.bump()


def _on_commit_changed(**_ignored) -> None:
    CONTENT.bump_now_and_on_commit()


def connect_invalidation() -> None:
    """Connects the model signals that bump the content version (idempotent)."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    from .models import Comment, Contribution, StatusChange, Support

    for model in (Contribution, Comment, Support, StatusChange):
        post_save.connect(_on_commit_changed, sender=model, dispatch_uid=f"anonpage-save-{model.__name__}")
        post_delete.connect(
            _on_commit_changed, sender=model, dispatch_uid=f"anonpage-delete-{model.__name__}"
        )
    page_published.connect(_on_commit_changed, dispatch_uid="anonpage-page-published")
    page_unpublished.connect(_on_commit_changed, dispatch_uid="anonpage-page-unpublished")
    post_save.connect(_on_public_profile_saved, sender=get_user_model(), dispatch_uid="anonpage-user-saved")


# What a page shows of an account (its author name, "former participant"); saving only
# last_login, as every log-in does, changes nothing public.
PUBLIC_PROFILE_FIELDS = frozenset({"display_name", "association_name", "association_verified", "deleted_at", "is_active"})


def _on_public_profile_saved(update_fields=None, **kwargs) -> None:
    if update_fields is None or PUBLIC_PROFILE_FIELDS.intersection(update_fields):
        _on_commit_changed()


def mark_anonymous_cacheable(response: HttpResponse) -> HttpResponse:
    response.anonymous_cacheable = True  # type: ignore[attr-defined]
    return response


def mark_anonymous_cacheable_until(
    request: HttpRequest, response: HttpResponse, expires_at: datetime | None
) -> HttpResponse:
    """Marks an anonymous visitor's page cacheable (stored by the middleware) unless what it
    shows changes by itself (``expires_at``: a consultation opening, a meeting starting)
    before a cached copy would expire."""
    if getattr(getattr(request, "user", None), "is_authenticated", False) or not _enabled():
        return response
    if expires_at is None or (expires_at - timezone.now()).total_seconds() > _timeout():
        mark_anonymous_cacheable(response)
    return response


def _eligible(request: HttpRequest) -> bool:
    """An anonymous GET/HEAD without session or messages cookie, cache switched on."""
    if request.method not in ("GET", "HEAD") or not _enabled():
        return False
    if request.path.startswith(_SKIP_PREFIXES):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request: HttpRequest) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    # The site-structure version too: commune settings (name, footer, theme), categories,
    # neighbourhoods and view restrictions show on (or hide) cached pages.
    return f"anonpage:{content_version()}:{SITE_STRUCTURE.current()}:{host}:{digest}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        getattr(response, "anonymous_cacheable", False)
        and request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
    )


def _store(key: str, response: HttpResponse) -> None:
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.add_post_render_callback(lambda r: cache.set(key, r, _timeout()))
    else:
        cache.set(key, response, _timeout())


def anonymous_page_cache(view: Callable) -> Callable:
    """View decorator: the page may be cached for anonymous visitors (see module docstring)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        eligible = _eligible(request)
        handled_by_middleware = getattr(request, "_anonymous_page_cache_middleware", False)
        key = _key(request) if eligible and not handled_by_middleware else None
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                cached[HEADER] = "hit"
                return cached
        response = view(request, *args, **kwargs)
        if not eligible:
            return response
        mark_anonymous_cacheable(response)
        if key is not None:
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()  # the CSRF flag is only known once the template ran
            if _storable(request, response):
                response[HEADER] = "miss"
                _store(key, response)
        return response

    return wrapped


cache_anonymous = anonymous_page_cache


class AnonymousPageCacheMiddleware:
    """Serves cached anonymous pages before sessions and routing; stores the final responses of
    views decorated with ``anonymous_page_cache``."""

    def __init__(self, get_response):
        self.get_response = get_response
        connect_invalidation()

    def __call__(self, request: HttpRequest):
        request._anonymous_page_cache_middleware = True
        if not _eligible(request):
            return self.get_response(request)
        key = _key(request)
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _storable(request, response):
            response[HEADER] = "miss"
            _store(key, response)
        return response
