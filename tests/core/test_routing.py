"""``page_route``: one line per sub-page, the view imported when first served."""

from __future__ import annotations

import sys
import types

from wagtail.contrib.routable_page.models import RoutablePageMixin

from participation.core.routing import page_route


def test_page_route_serves_the_view_with_the_page_and_the_url_arguments(monkeypatch):
    calls = []
    views = types.ModuleType("tests_core_routing_views")
    views.detail = lambda request, page, pk: calls.append((request, page, pk)) or f"detail {pk}"
    views.feed = lambda request, page: "feed"
    monkeypatch.setitem(sys.modules, "tests_core_routing_views", views)

    class Routed(RoutablePageMixin):
        detail_route = page_route("<int:pk>/", "tests_core_routing_views.detail")
        feed_route = page_route(r"^feed\.xml$", "tests_core_routing_views.feed", name="feed")

    page = Routed()
    assert page.reverse_subpage("detail_route", kwargs={"pk": 7}) == "7/"
    assert page.reverse_subpage("feed") == "feed.xml"
    match = page.resolve_subpage("/12/")
    assert match.func("the request", *match.args, **match.kwargs) == "detail 12"
    assert calls == [("the request", page, 12)]
    match = page.resolve_subpage("/feed.xml")
    assert match.func("r", *match.args, **match.kwargs) == "feed"


def test_a_route_carries_the_staff_marker_of_its_view(monkeypatch):
    from site_template.accounts.staff import staff_view

    views = types.ModuleType("tests_core_routing_staff_views")
    views.export = staff_view(lambda request, page: "export")
    views.public = lambda request, page: "public"
    monkeypatch.setitem(sys.modules, "tests_core_routing_staff_views", views)

    class Routed(RoutablePageMixin):
        export_route = page_route("export/", "tests_core_routing_staff_views.export")
        public_route = page_route("public/", "tests_core_routing_staff_views.public")

    callbacks = {pattern.name: pattern.callback for pattern in Routed.get_subpage_urls()}
    assert getattr(callbacks["export_route"], "staff_only", False) is True
    assert getattr(callbacks["public_route"], "staff_only", False) is False
