"""What a public body's site is expected to have: a page title that names the commune once,
robots.txt, a sitemap per commune and language, and an accessibility statement in both
languages (made by the generator, added to existing communes, linked from the footer, editable
by the communicator)."""

from __future__ import annotations

import importlib
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils.html import escape
from wagtail.models import Locale, Page, PageViewRestriction, Site

from site_template.communes.content import ACCESSIBILITY_SLUG
from site_template.communes.models import CommuneSettings
from site_template.communes.roles import Role
from site_template.communes.services import (
    CommuneSpec,
    accessibility_statement_ensure,
    commune_create,
    commune_generate,
    commune_roles_sync,
)
from site_template.pages.models import ContentPage
from site_template.pages.tree import add_translated_child
from tests.conftest import restore_migration_data

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def _content_page(parent_ar, slug, title_ar="عن الجماعة", title_fr="La commune"):
    return add_translated_child(parent_ar, page_class=ContentPage, ar={"title": title_ar, "slug": slug},
                                fr={"title": title_fr, "slug": slug})


# --- Title ------------------------------------------------------------------------------------------


def test_home_page_title_names_the_commune_once(client, home_ar):
    assert _title(client.get("/ar/")) == "جماعة العرائش"
    assert _title(client.get("/fr/")) == "Commune de Larache"


def test_other_pages_keep_the_commune_name_after_their_own_title(client, home_ar):
    _content_page(home_ar, "about-us")
    assert _title(client.get("/ar/about-us/")) == "عن الجماعة — جماعة العرائش"
    assert _title(client.get("/fr/about-us/")) == "La commune — Commune de Larache"


# --- robots.txt ---------------------------------------------------------------------------------------


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_private_routes(client, home_ar):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for route in ("/admin/", "/ar/accounts/", "/fr/accounts/", "/ar/participation/", "/fr/participation/"):
        assert f"Disallow: {route}" in lines
    assert "Disallow: /" not in lines  # the public pages stay open


# --- sitemap.xml --------------------------------------------------------------------------------------


def _xml(response):
    return ET.fromstring(response.content)  # noqa: S314 — the site's own response


def _locations(response) -> list[str]:
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    return [loc.text for loc in _xml(response).iterfind(".//s:loc", NS)]


def _alternates(response, location) -> dict[str, str]:
    for url in _xml(response).iterfind("s:url", NS):
        if url.find("s:loc", NS).text == location:
            return {link.get("hreflang"): link.get("href") for link in url.iterfind("x:link", NS)}
    raise AssertionError(f"{location} not listed")


def test_sitemap_index_points_at_one_sitemap_per_language(client, home_ar):
    assert _locations(client.get("/sitemap.xml")) == ["http://testserver/ar/sitemap.xml", "http://testserver/fr/sitemap.xml"]


@pytest.fixture
def pages(home_ar):
    public = _content_page(home_ar, "services", "الخدمات", "Services")
    arabic_only = home_ar.add_child(instance=ContentPage(title="إعلان", slug="notice", locale=home_ar.locale))
    arabic_only.save_revision().publish()
    draft = _content_page(home_ar, "draft", "مسودة", "Brouillon")
    for page in draft:
        Page.objects.get(pk=page.pk).unpublish()
    private = _content_page(home_ar, "staff-only", "خاص", "Privé")
    PageViewRestriction.objects.create(page=private[0], restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=private[1], restriction_type=PageViewRestriction.LOGIN)
    other_site = commune_create(spec=CommuneSpec(slug="tetouan", name_ar="جماعة تطوان", name_fr="Commune de Tétouan",
                                                 hostname="tetouan.example"))
    _content_page(other_site.root_page.specific, "tetouan-page", "صفحة تطوان", "Page de Tétouan")
    return public


def test_language_sitemap_lists_this_communes_live_public_pages_in_that_language(client, pages):
    ar = _locations(client.get("/ar/sitemap.xml"))
    assert ar == ["http://testserver/ar/", "http://testserver/ar/services/", "http://testserver/ar/notice/"]
    fr = _locations(client.get("/fr/sitemap.xml"))
    assert fr == ["http://testserver/fr/", "http://testserver/fr/services/"]
    other = _locations(client.get("/fr/sitemap.xml", HTTP_HOST="tetouan.example"))
    assert other == ["http://tetouan.example/fr/", "http://tetouan.example/fr/tetouan-page/"]


def test_language_sitemap_gives_each_page_its_translations_as_hreflang_alternates(client, pages):
    response = client.get("/fr/sitemap.xml")
    assert _alternates(response, "http://testserver/fr/services/") == {
        "ar": "http://testserver/ar/services/", "fr": "http://testserver/fr/services/",
        "x-default": "http://testserver/ar/services/",
    }
    assert _alternates(client.get("/ar/sitemap.xml"), "http://testserver/ar/notice/") == {}  # no translation


def test_sitemap_refuses_other_methods(client, home_ar):
    assert client.post("/ar/sitemap.xml").status_code == 405
    assert client.post("/sitemap.xml").status_code == 405


# --- Accessibility statement --------------------------------------------------------------------------


@pytest.fixture
def generated(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    restore_migration_data()
    return commune_generate(
        spec=CommuneSpec(slug="larache", name_ar="جماعة العرائش", name_fr="Commune de Larache", hostname="testserver",
                         is_default_site=True, email="contact@larache.ma"),
    ).site


def _statement_pages(site):
    home = site.root_page
    ar = ContentPage.objects.child_of(home).get(slug=ACCESSIBILITY_SLUG)
    return ar, ar.get_translation(Locale.objects.get(language_code="fr"))


def test_generator_creates_the_accessibility_statement_in_both_languages(client, generated):
    page_ar, page_fr = _statement_pages(generated)
    assert page_ar.live and page_fr.live
    html_ar = client.get(page_ar.url).content.decode()
    html_fr = client.get(page_fr.url).content.decode()
    assert "WCAG" in html_ar and "2.2" in html_ar and "AA" in html_ar
    assert "WCAG" in html_fr and "2.2" in html_fr and "partiellement conforme" in html_fr
    for html in (html_ar, html_fr):
        assert "mailto:contact@larache.ma" in html  # how to report a barrier
        assert re.search(r"20\d\d", html)  # the statement's date
    assert "الحدود المعروفة" in html_ar and "Limites connues" in html_fr


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_page_links_the_accessibility_statement_from_the_footer(client, generated, language):
    page = _statement_pages(generated)[0 if language == "ar" else 1]
    html = client.get(f"/{language}/").content.decode()
    footer = html[html.index('<footer class="site-footer">'):]
    assert f'<a href="{page.url}">{escape(page.title)}</a>' in footer


def test_the_communicator_can_edit_the_accessibility_statement(client, generated, django_user_model):
    groups = commune_roles_sync(site=generated)
    user = django_user_model.objects.create_user(email="com@larache.ma", password="x-very-secret-1")
    user.groups.add(groups[Role.COMMUNICATOR])
    client.force_login(user)
    for page in _statement_pages(generated):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def _footer_ids(site) -> list[int]:
    return [block.value.pk for block in CommuneSettings.objects.get(site=site).footer_pages]


def test_existing_communes_get_the_statement_from_the_data_migration_once(commune_site):
    from django.apps import apps

    migration = importlib.import_module("site_template.communes.migrations.0005_accessibility_statement")
    other_home = Page.get_first_root_node().add_child(instance=Page(title="Wagtail", slug="not-a-commune"))
    plain_site = Site.objects.create(hostname="plain.example", root_page=other_home)
    assert accessibility_statement_ensure(site=plain_site) is None  # not a commune: nothing
    assert not ContentPage.objects.filter(slug=ACCESSIBILITY_SLUG).exists()

    migration.add_statements(apps, None)
    page_ar, page_fr = _statement_pages(commune_site)
    assert page_ar.live and page_fr.live and page_fr.title == "Déclaration d'accessibilité"
    assert _footer_ids(commune_site) == [page_ar.pk]

    page_ar.title = "تصريح الولوجية (محين)"
    page_ar.save_revision().publish()
    migration.add_statements(apps, None)  # again: nothing twice, the edited page kept
    assert ContentPage.objects.filter(slug=ACCESSIBILITY_SLUG).count() == 2
    assert ContentPage.objects.get(pk=page_ar.pk).title == "تصريح الولوجية (محين)"
    assert _footer_ids(commune_site) == [page_ar.pk]
