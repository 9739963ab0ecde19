"""What logged-in pages take from the cache (page routes, commune settings, filter lists, card
and comment fragments) is never stale: every change shows on the next request, in any
language, and cached parts are really reused."""

import pytest
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from participation.core.services import comment_create, comment_edit, moderation_hide, support_toggle
from participation.suggestions.services import suggestion_create
from site_template.communes.models import CommuneSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_anonymous_page_cache(settings):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 0  # every request renders


def _suggestion(page, author, category):
    return suggestion_create(page=page, author=author, title="إصلاح الرصيف", text="الرصيف مكسور.", category=category)


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries), response.content.decode()


class _Renders:
    """Counts the renders of each template (Django's test instrumentation signal)."""

    def __init__(self):
        self.names: list[str] = []

    def __call__(self, sender, template, context, **kwargs):
        self.names.append(template.name)

    def count(self, name: str) -> int:
        return self.names.count(name)


def test_routes_and_settings_come_from_the_cache(client, spage_ar, citizen):
    client.force_login(citizen)
    first, _html = _queries(client, spage_ar.url)
    second, _html = _queries(client, spage_ar.url)
    # The route (site, pages, view restrictions), the commune settings and the filter lists.
    assert second <= first - 6, (first, second)


def test_publishing_changes_reach_the_next_request(client, spage_ar, spage_fr, citizen):
    client.force_login(citizen)
    assert client.get(spage_ar.url).status_code == 200
    spage_ar.unpublish()
    assert client.get(spage_ar.url).status_code == 404
    spage_ar.refresh_from_db()
    old_url = spage_ar.url
    spage_ar.slug = "ideas"
    spage_ar.save_revision().publish()
    spage_ar.refresh_from_db()
    assert spage_ar.url.endswith("/ideas/")
    assert client.get(old_url).status_code == 404
    assert client.get(spage_ar.url).status_code == 200
    spage_fr.title = "Boîte à idées"
    spage_fr.save_revision().publish()
    assert "Boîte à idées" in client.get(spage_fr.url).content.decode()


def test_view_restriction_applies_at_once(client, spage_ar):
    assert client.get(spage_ar.url).status_code == 200
    PageViewRestriction.objects.create(page=spage_ar, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(spage_ar.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_commune_settings_and_categories_are_never_stale(client, spage_ar, commune_site, citizen, category):
    _suggestion(spage_ar, citizen, category)
    client.force_login(citizen)
    client.get(spage_ar.url)
    settings_row = CommuneSettings.for_site(commune_site)
    settings_row.name_ar = "جماعة العرائش الجديدة"
    settings_row.save()
    category.name_ar = "صنف بعد التعديل"
    category.save()
    html = client.get(spage_ar.url).content.decode()
    assert "جماعة العرائش الجديدة" in html
    assert html.count("صنف بعد التعديل") >= 2  # the filter list and the card


def test_card_and_comment_fragments_follow_every_change(client, spage_ar, spage_fr, citizen, citizen2, category):
    suggestion = _suggestion(spage_ar, citizen, category)
    comment = comment_create(contribution=suggestion, author=citizen2, text="تعليق أول")
    client.force_login(citizen2)
    detail = f"{spage_ar.url}{suggestion.pk}/"
    assert "تعليق أول" in client.get(detail).content.decode()

    comment_edit(comment=comment, by=citizen2, text="تعليق بعد التعديل")
    support_toggle(contribution=suggestion, user=citizen2, want=True)
    citizen2.display_name = "Karim B."
    citizen2.save()
    html = client.get(detail).content.decode()
    assert "تعليق بعد التعديل" in html and "تعليق أول" not in html
    assert "Karim B." in html
    card = client.get(spage_fr.url).content.decode()
    assert "1 soutien" in card  # the French card, with the new count
    assert "Vous la soutenez" in card  # the viewer's own state, outside the cached part


def test_fragments_are_rendered_once_then_reused(client, spage_ar, citizen, citizen2, category):
    suggestion = _suggestion(spage_ar, citizen, category)
    for i in range(5):
        comment_create(contribution=suggestion, author=citizen2, text=f"تعليق {i}")
    client.force_login(citizen)
    renders = _Renders()
    template_rendered.connect(renders)
    try:
        client.get(f"{spage_ar.url}{suggestion.pk}/")
        client.get(spage_ar.url)
        assert renders.count("participation_core/includes/comment_content.html") == 5
        assert renders.count("suggestions/includes/suggestion_card_body.html") == 1
        renders.names.clear()
        html = client.get(f"{spage_ar.url}{suggestion.pk}/").content.decode()
        client.get(spage_ar.url)
        assert renders.count("participation_core/includes/comment_content.html") == 0
        assert renders.count("suggestions/includes/suggestion_card_body.html") == 0
        assert all(f"تعليق {i}" in html for i in range(5))
    finally:
        template_rendered.disconnect(renders)


def test_a_cached_comment_list_never_shows_one_viewers_links_to_another(
    client, spage_ar, citizen, citizen2, category, focal_point
):
    """The whole comment list is shared by the viewers who wrote none of its comments; the
    author of one sees their own edit/delete links and moderators' reason, nobody else does."""
    suggestion = _suggestion(spage_ar, citizen, category)
    comment_create(contribution=suggestion, author=UserFactory(display_name="Nadia"), text="تعليق نادية")
    own = comment_create(contribution=suggestion, author=citizen2, text="تعليق كريم")
    moderation_hide(by=focal_point, reason="سبب الإخفاء للكاتب", comment=own)
    visible = comment_create(contribution=suggestion, author=citizen2, text="تعليق كريم الثاني")
    third = UserFactory(display_name="Salma")
    detail = f"{spage_ar.url}{suggestion.pk}/"
    edit_link = reverse("participation_core:comment_edit", args=[visible.pk])

    renders = _Renders()
    template_rendered.connect(renders)
    try:
        client.force_login(third)
        first = client.get(detail).content.decode()
        client.force_login(citizen)
        as_other = client.get(detail).content.decode()  # same situation: the cached list
        assert renders.count("participation_core/includes/comment_list.html") == 1
        client.force_login(citizen2)
        as_author = client.get(detail).content.decode()  # wrote one of them: assembled for them
        assert renders.count("participation_core/includes/comment_list.html") == 2
    finally:
        template_rendered.disconnect(renders)
    for html in (first, as_other):
        assert edit_link not in html and "سبب الإخفاء للكاتب" not in html
        assert "تعليق كريم\n" not in html and "تعليق كريم الثاني" in html and "تعليق نادية" in html
    assert "سبب الإخفاء للكاتب" in as_author and edit_link in as_author
    client.force_login(third)
    assert "سبب الإخفاء للكاتب" not in client.get(detail).content.decode()
