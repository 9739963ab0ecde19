"""Anonymous page cache: unit behaviour of the decorator and the middleware (the suggestions
pages test it end to end in tests/suggestions)."""

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings

from participation.core import caching

rf = RequestFactory()


class _Anon:
    is_authenticated = False


class _User:
    is_authenticated = True


def _request(path="/ar/iqtirahat/", user=None, **extra):
    request = rf.get(path, **extra)
    request.user = user or _Anon()
    return request


def _view_factory(calls):
    @caching.anonymous_page_cache
    def view(request):
        calls.append(1)
        return HttpResponse(f"page {len(calls)}")

    return view


def test_decorator_caches_for_anonymous_and_version_bump_invalidates():
    calls = []
    view = _view_factory(calls)
    first = view(_request())
    assert first[caching.HEADER] == "miss"
    second = view(_request())
    assert second[caching.HEADER] == "hit" and second.content == b"page 1" and len(calls) == 1
    assert view(_request("/ar/iqtirahat/?page=2")).content == b"page 2"  # query string is part of the key
    assert view(_request(HTTP_HOST="other.test")).content == b"page 3"  # so is the host (commune)
    caching.content_changed(site_id=1)
    assert view(_request()).content == b"page 4"


def test_logged_in_sessions_and_messages_are_never_served_or_stored():
    calls = []
    view = _view_factory(calls)
    view(_request())
    response = view(_request(user=_User(), HTTP_COOKIE="sessionid=abc"))
    assert caching.HEADER not in response and response.content == b"page 2"
    response = view(_request(HTTP_COOKIE="messages=xyz"))
    assert caching.HEADER not in response and response.content == b"page 3"


def test_pages_using_the_csrf_token_are_not_cached():
    calls = []

    @caching.anonymous_page_cache
    def view(request):
        calls.append(1)
        return HttpResponse(f"<form>{get_token(request)}</form>")

    view(_request())
    view(_request())
    assert len(calls) == 2


def test_errors_and_posts_are_not_cached():
    calls = []

    @caching.anonymous_page_cache
    def view(request):
        calls.append(1)
        return HttpResponse("nope", status=404)

    view(_request())
    view(_request())
    assert len(calls) == 2
    ok = _view_factory([])
    post = rf.post("/ar/iqtirahat/")
    post.user = _Anon()
    assert caching.HEADER not in ok(post)


@override_settings(PARTICIPATION_PAGE_CACHE_SECONDS=0)
def test_switched_off():
    calls = []
    view = _view_factory(calls)
    view(_request())
    view(_request())
    assert len(calls) == 2


def test_middleware_serves_before_the_view_and_only_marked_pages():
    calls = []

    def inner(request):
        calls.append(1)
        response = HttpResponse(f"page {len(calls)}")
        if request.path.startswith("/ar/iqtirahat/"):
            caching.mark_anonymous_cacheable(response)
        return response

    middleware = caching.AnonymousPageCacheMiddleware(inner)
    assert middleware(_request())[caching.HEADER] == "miss"
    hit = middleware(_request())
    assert hit[caching.HEADER] == "hit" and len(calls) == 1
    middleware(_request("/ar/news/"))
    middleware(_request("/ar/news/"))
    assert len(calls) == 3  # not marked: never cached
    middleware(_request("/admin/"))
    assert len(calls) == 4


@pytest.mark.django_db
def test_signals_bump_the_version(commune_site, page_ar, citizen):
    from tests.factories import ContributionFactory

    caching.connect_invalidation()
    before = caching.content_version()
    ContributionFactory(page=page_ar, author=citizen)
    assert caching.content_version() != before


def test_shared_version_file(tmp_path, settings):
    settings.CACHE_VERSION_DIR = str(tmp_path)
    before = caching.content_version()
    caching.content_changed()
    after = caching.content_version()
    assert before != after and (tmp_path / "content").read_text() == after
    # Another process (here: a cleared local cache) sees the same version.
    from django.core.cache import cache

    cache.clear()
    assert caching.content_version() == after


@pytest.mark.django_db
def test_public_profile_changes_bump_the_version_logins_do_not(citizen):
    from django.contrib.auth.models import update_last_login

    before = caching.content_version()
    update_last_login(None, citizen)  # what every log-in saves
    assert caching.content_version() == before
    citizen.display_name = "أمينة ب."
    citizen.save(update_fields=["display_name"])
    assert caching.content_version() != before


def test_the_site_of_a_page_is_cached_until_the_sites_change(page_ar, commune_site):
    """``site_id_of`` answers as Wagtail's ``page.get_site()`` does, from the cache, and follows a
    change of the sites at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page, Site

    from participation.core.pages import site_id_of

    def fresh():
        return Page.objects.get(pk=page_ar.pk)

    assert site_id_of(fresh()) == commune_site.pk
    page = fresh()
    with CaptureQueriesContext(connection) as queries:
        assert site_id_of(page) == commune_site.pk
    assert len(queries.captured_queries) == 0
    Site.objects.filter(pk=commune_site.pk).delete()  # the page now belongs to no site
    assert fresh().get_site() is None
    assert site_id_of(fresh()) is None
