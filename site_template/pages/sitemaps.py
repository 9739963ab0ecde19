"""``sitemap.xml``: an index at ``/sitemap.xml`` pointing at one sitemap per language
(``/ar/sitemap.xml``, ``/fr/sitemap.xml``), each listing the live public pages of the commune
serving the request in that language, with ``hreflang`` alternates to their translations.

Pages with a view restriction, drafts and other communes' pages are never listed. Both views are
cached for anonymous visitors like the pages they list (renewed by every publish)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page, Site

from participation.core.caching import anonymous_page_cache


def _commune_site(request: HttpRequest) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def _language_root(site: Site, language: str) -> Page | None:
    try:
        locale = Locale.objects.get_for_language(language)
    except Locale.DoesNotExist:
        return None
    root = site.root_page
    return root if root.locale_id == locale.pk else root.get_translation_or_none(locale)


def _public_pages(root: Page):
    return root.get_descendants(inclusive=True).live().public().order_by("path")


class CommuneSitemap(Sitemap):
    """The live public pages of the request's commune in ``language``."""

    def __init__(self, request: HttpRequest, language: str):
        super().__init__(request)
        self.language = language
        self.site = _commune_site(request)

    def get_wagtail_site(self) -> Site:
        return self.site

    def items(self):
        root = _language_root(self.site, self.language)
        if root is None:
            return Page.objects.none()
        return _public_pages(root).defer_streamfields().specific()

    def _alternates(self) -> dict[str, list[dict[str, str]]]:
        """Full URL of a page → its versions in every language (itself included), for pages
        that have at least one live public translation."""
        by_key: dict = {}
        for code, _name in settings.LANGUAGES:
            root = _language_root(self.site, code)
            if root is None:
                continue
            for page in _public_pages(root).only("url_path", "path", "depth", "translation_key", "locale_id"):
                url = page.get_full_url(self.request)
                if url:
                    by_key.setdefault(page.translation_key, []).append({"lang_code": code, "location": url})
        alternates = {}
        for versions in by_key.values():
            if len(versions) > 1:
                default = next((v for v in versions if v["lang_code"] == settings.LANGUAGE_CODE), versions[0])
                listed = [*versions, {"lang_code": "x-default", "location": default["location"]}]
                for version in versions:
                    alternates[version["location"]] = listed
        return alternates

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        alternates = self._alternates()
        for url in urls:
            url["alternates"] = alternates.get(url["location"], [])
        return urls


@require_GET
@anonymous_page_cache
def sitemap(request: HttpRequest) -> HttpResponse:
    """The sitemap of the commune's pages in the request's language (the URL's prefix)."""
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return django_sitemap(request, {"pages": CommuneSitemap(request, language)})


@require_GET
@anonymous_page_cache
def sitemap_index(request: HttpRequest) -> HttpResponse:
    _commune_site(request)
    items = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            items.append(SitemapIndexItem(request.build_absolute_uri(reverse("sitemap")), None))
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")
