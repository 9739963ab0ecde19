"""The language switch goes to the page's own translation when it has one, and otherwise to the
section it belongs to, which then says the page is not translated yet (issue 18, item 1).
The ``hreflang`` alternates name real translations only."""

from __future__ import annotations

import re

import pytest
from wagtail.models import Locale

from site_template.news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

NOTICE = {
    "fr": "Cette page n'est pas encore disponible dans cette langue",
    "ar": "هذه الصفحة غير متوفرة بعد بهذه اللغة",
}


@pytest.fixture(autouse=True)
def _no_anonymous_page_cache(settings):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def news(commune_site, home_ar, home_fr):
    from site_template.news.wagtail_hooks import setup_news

    setup_news(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    index_ar = NewsIndexPage.objects.child_of(home_ar).get()
    page = index_ar.add_child(instance=NewsPage(title="افتتاح المكتبة", slug="library-opening",
                                                intro="تفتتح الجماعة مكتبة جديدة.", locale=home_ar.locale))
    page.save_revision().publish()
    return page


def _switch(html: str, lang: str) -> str:
    nav = html.split('class="language-switch"', 1)[1].split("</nav>", 1)[0]
    return re.search(rf'<a href="([^"]*)" lang="{lang}"', nav).group(1)


def _alternates(html: str) -> dict[str, str]:
    return {lang: href for href, lang in re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="(\w+)">', html)}


def _translate(page, language: str, **fields):
    translation = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def test_the_switch_links_a_news_item_and_its_translation_both_ways(client, news):
    news_fr = _translate(news, "fr", title="Ouverture de la bibliothèque", intro="La commune ouvre une bibliothèque.")
    html_ar = client.get(news.url).content.decode()
    assert _switch(html_ar, "fr") == news_fr.url == "/fr/news/library-opening/"
    html_fr = client.get(news_fr.url).content.decode()
    assert _switch(html_fr, "ar") == news.url
    assert _alternates(html_ar) == {"ar": f"http://testserver{news.url}", "fr": f"http://testserver{news_fr.url}"}
    assert NOTICE["fr"] not in client.get(_switch(html_ar, "fr")).content.decode()


def test_the_switch_reaches_a_translation_published_later(client, news):
    """The link is cached; publishing the translation must reach the next request."""
    html_ar = client.get(news.url).content.decode()
    assert _switch(html_ar, "fr") == "/fr/news/?untranslated=1"
    news_fr = _translate(news, "fr", title="Ouverture de la bibliothèque")
    assert _switch(client.get(news.url).content.decode(), "fr") == news_fr.url


@pytest.mark.parametrize("draft", [False, True])
def test_without_a_translation_the_switch_goes_to_the_section_with_a_notice(client, news, draft):
    if draft:  # a translation not published yet counts as none
        news.copy_for_translation(Locale.objects.get(language_code="fr")).save_revision()
    html_ar = client.get(news.url).content.decode()
    link = _switch(html_ar, "fr")
    assert link == "/fr/news/?untranslated=1"
    assert _alternates(html_ar) == {"ar": f"http://testserver{news.url}"}  # the section is no alternate

    landing = client.get(link)
    assert landing.status_code == 200
    html = landing.content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert NOTICE["fr"] in html
    assert NOTICE["fr"] not in client.get("/fr/news/").content.decode()


def test_the_notice_in_arabic(client, news, home_ar):
    """A French page with no Arabic version leads to the Arabic section, with the notice in Arabic."""
    index_fr = NewsIndexPage.objects.get(locale__language_code="fr")
    only_fr = index_fr.add_child(instance=NewsPage(title="Avis", slug="avis", intro="Un avis.", locale=index_fr.locale))
    only_fr.save_revision().publish()
    link = _switch(client.get(only_fr.url).content.decode(), "ar")
    assert link == "/ar/news/?untranslated=1"
    html = client.get(link).content.decode()
    assert NOTICE["ar"] in html and '<html lang="ar" dir="rtl">' in html


def test_pages_that_are_not_wagtail_pages_keep_their_path(client, commune_site):
    html = client.get("/ar/accounts/login/").content.decode()
    assert _switch(html, "fr") == "/fr/accounts/login/"
