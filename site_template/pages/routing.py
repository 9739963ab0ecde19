"""Page routing served from the cache.

Wagtail finds the page for a URL by looking up the site, then walking the page tree from the
site's root: a query for the localised root, then a query per level and another for each
specific page. For a participation page three levels down that is about eight queries and a
good share of an uncached request's time, repeated on every request a logged-in citizen makes.

``serve`` resolves a path once per site-structure version (``SITE_STRUCTURE``, bumped on every
publish, unpublish, move, deletion, site or locale change) and keeps in the cache the site and
the page that owns the path (its fields only, with its locale) and how many path components it
took. Wagtail's own ``serve`` view then runs unchanged: it reads the site and the route from the
per-request attributes it documents (``request._wagtail_site``,
``request._wagtail_route_for_request``), runs every ``before_serve_page``/``on_serve_page`` hook
(view restrictions included), and a routable page resolves its own sub-path (``1/``, ``new/``)
without a query. Paths that do not resolve are not cached.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from site_template.cache_versions import SITE_STRUCTURE

TIMEOUT = 3600


def _detached(page: Page) -> Page:
    """A copy of ``page`` holding its fields and locale only: nothing else it cached on itself
    (parent, ancestors, revisions…) goes into the cache."""
    fields = page._meta.concrete_fields
    copy = type(page).from_db(page._state.db, [f.attname for f in fields], [getattr(page, f.attname) for f in fields])
    copy.locale = page.locale
    return copy


def _site_key(request: HttpRequest, version: str) -> str:
    return f"route:{version}:site:{request._get_raw_host()}:{request.get_port()}"


def cached_site(request: HttpRequest, version: str) -> Site | None:
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = _site_key(request, version)
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is None:
            return None
        cache.set(key, site, TIMEOUT)
    request._wagtail_site = site
    return site


def _with_restrictions(page: Page, restrictions: list) -> Page:
    """Wagtail's view-restriction hook asks ``page.get_view_restrictions()`` (two queries); the
    cached page answers with the restrictions cached beside it (any change to a restriction
    bumps ``SITE_STRUCTURE``)."""
    page.get_view_restrictions = lambda: restrictions
    return page


def cached_route(request: HttpRequest, site: Site, path: str, version: str) -> RouteResult | None:
    components = [component for component in path.split("/") if component]
    digest = hashlib.sha256(path.encode()).hexdigest()[:32]
    key = f"route:{version}:{site.pk}:{translation.get_language()}:{digest}"
    cached = cache.get(key)
    try:
        if cached is not None:
            page, consumed, restrictions = cached
            return _with_restrictions(page, restrictions).route(request, components[consumed:])
        root = site.root_page.localized.specific
        result = root.route(request, components)
    except Http404:
        return None
    page = result[0]
    restrictions = list(page.get_view_restrictions())
    cache.set(key, (_detached(page), page.depth - root.depth, restrictions), TIMEOUT)
    return result


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, with the site and the route taken from the cache."""
    version = SITE_STRUCTURE.current()
    site = cached_site(request, version)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = cached_route(request, site, path, version)
    return wagtail_views.serve(request, path)
