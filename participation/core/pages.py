"""Pages, languages and communes: the one place that answers

- **the logical page**: contributions, registrations and requests hang on the source-language
  (Arabic) copy of a participation page, so its Arabic and French copies show the same data
  (``logical_page``, ``logical_page_id``, ``is_source``, ``in_source_language``);
- **the page in a language** (``localized_page``), the other way, and the copies a newly
  published page gets in the other languages (``publish_missing_translations``);
- **the commune** (Wagtail ``Site``) of a page (``page_site``, ``site_id_of``: cached until the
  site structure changes) and of a request (``request_site``: cached on the request).

The source language comes from ``settings.LANGUAGE_CODE`` (``source_language``); no module
spells it out.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from wagtail.models import Locale, Page, Site

from site_template.cache_versions import SITE_STRUCTURE
from site_template.i18n import current_language, source_language

P = TypeVar("P", bound=Page)

__all__ = [
    "contribution_url",
    "contribution_urls",
    "current_language",
    "in_source_language",
    "is_source",
    "localized_page",
    "logical_page",
    "logical_page_id",
    "page_site",
    "publish_missing_translations",
    "request_site",
    "site_id_of",
    "source_language",
]


def is_source(page: Page) -> bool:
    """Whether ``page`` is in the source language (it is then its own logical page)."""
    return page.locale.language_code == source_language()


def in_source_language(pages: QuerySet) -> QuerySet:
    """``pages`` (any page queryset) narrowed to their source-language copies."""
    return pages.filter(locale__language_code=source_language())


def logical_page(page: Page) -> Page:
    """The source-language page sharing ``page``'s translation key (``page`` itself when it is in
    the source language or has no copy in it)."""
    if is_source(page):
        return page
    source = in_source_language(Page.objects.filter(translation_key=page.translation_key)).first()
    return source or page


def logical_specific(page: P) -> P:
    """The source-language copy of ``page`` read as the same specific class (one query, kept on
    ``page`` for the rest of the request): a capability's page model holds its data there
    (``ConsultationPage.logical_consultation``, ``ProgrammePage.logical_programme``)."""
    if is_source(page):
        return page
    if "_logical_specific" not in page.__dict__:
        copies = type(page).objects.filter(translation_key=page.translation_key)
        page.__dict__["_logical_specific"] = in_source_language(copies).first() or page
    return page.__dict__["_logical_specific"]


def logical_page_id(page: Page | int) -> int:
    if isinstance(page, int):
        return page
    return logical_page(page).pk


def localized_page(page: Page, language: str | None = None) -> Page:
    """The live copy of ``page`` in ``language`` (default: the active language), falling back to
    ``page``."""
    language = (language or current_language())[:2]
    if page.locale.language_code == language:
        return page
    other = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .first()
    )
    return other or page


@transaction.atomic
def publish_missing_translations(page: Page) -> list[Page]:
    """Publishes a copy of a newly published ``page`` in every other language whose parent page
    exists, so it is listed on the other language's site at once (a meeting open for
    registration, a consultation open for remarks); the communicator then translates its texts in
    the admin. Existing copies are left alone. Returns the copies made."""
    created: list[Page] = []
    parent = page.get_parent()
    for locale in Locale.objects.exclude(pk=page.locale_id):
        if page.has_translation(locale) or not parent.has_translation(locale):
            continue
        copy = page.copy_for_translation(locale, copy_parents=False)
        copy.save_revision().publish()
        created.append(copy)
    return created


def site_id_of(page: Page | None) -> int | None:
    """The id of the Wagtail site ``page`` belongs to (``page.get_site()``, which matches the page
    against every site's root path): kept in the cache until the site structure changes."""
    if page is None:
        return None
    key = f"page-site:{SITE_STRUCTURE.current()}:{page.path}"
    site_id = cache.get(key)
    if site_id is None:
        site = page.get_site()
        site_id = site.pk if site is not None else 0
        cache.set(key, site_id, 24 * 3600)
    return site_id or None


def page_site(page: Page | None) -> Site | None:
    """The commune (Wagtail ``Site``) ``page`` belongs to, or None for a page outside every site.
    The lookup is cached (``site_id_of``) and the ``Site`` kept on the page object."""
    if page is None:
        return None
    cached = getattr(page, "_participation_site", False)
    if cached is not False:
        return cached
    site_id = site_id_of(page)
    site = Site.objects.select_related("root_page").filter(pk=site_id).first() if site_id else None
    page._participation_site = site
    return site


def request_site(request, page: Page | None = None) -> Site | None:
    """The commune a request is for: the site of ``page`` when one is given (a page's own commune
    wins over the host name, e.g. on a preview), else the site matching the request's host
    (``Site.find_for_request``, cached on the request by Wagtail), else the default site."""
    if page is not None:
        site = page_site(page)
        if site is not None:
            return site
    if request is not None:
        site = Site.find_for_request(request)
        if site is not None:
            return site
    return Site.objects.filter(is_default_site=True).first()


def contribution_url(contribution, language: str | None = None, *, page: Page | None = None) -> str:
    """Where a contribution is shown, in ``language`` (default: the active one). A participation
    page may define ``contribution_url(self, contribution) -> str`` (e.g. a detail sub-route);
    otherwise the page's URL with an anchor is used. A caller listing many contributions passes
    ``page`` (their page in that language, ``.specific``) to look it up once."""
    page = page or localized_page(contribution.page, language).specific
    method = getattr(page, "contribution_url", None)
    if callable(method):
        return method(contribution)
    return f"{page.url or '/'}#contribution-{contribution.pk}"


def contribution_urls(contributions, *, page: Page) -> dict[int, str]:
    """The URLs of several contributions of one page (``page``: that page in the wanted language,
    ``.specific``), by contribution id. A participation page whose ``contribution_url`` costs a
    query may define ``contribution_urls(self, contributions) -> dict[int, str]`` to find them
    all at once; otherwise each goes through ``contribution_url``."""
    contributions = list(contributions)
    method = getattr(page, "contribution_urls", None)
    if callable(method) and contributions:
        return method(contributions)
    return {contribution.pk: contribution_url(contribution, page=page) for contribution in contributions}
