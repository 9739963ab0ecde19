"""Every publishing page of the demo: valid HTML, no inline style or script, lists without N+1."""

import html5lib
import pytest

from site_template.news.models import NewsIndexPage, NewsPage

from .factories import make_image, make_news

PAGES = [
    "/ar/news/", "/fr/news/", "/ar/news/news-1/", "/fr/news/news-2/", "/fr/news/?tag=Tadafor",
    "/ar/council/council-sessions/", "/fr/council/council-sessions/", "/ar/documents/", "/fr/documents/?q=budget",
    "/ar/contact/", "/fr/contact/",
]


@pytest.fixture
def demo(publishing_demo, home_ar):
    from site_template.council.models import CouncilSessionPage
    from site_template.pages.models import SectionPage
    from site_template.pages.tree import add_translated_child

    # the generator puts the sessions under the "council" section; the fixture commune has none
    section_ar, _ = add_translated_child(home_ar, page_class=SectionPage, ar={"title": "المجلس", "slug": "council"},
                                         fr={"title": "Le conseil", "slug": "council"})
    for index in CouncilSessionPage.objects.first().get_parent().get_translations(inclusive=True):
        target = section_ar if index.locale.language_code == "ar" else section_ar.get_translations().get()
        index.move(target, pos="last-child")
    return publishing_demo


@pytest.mark.django_db
def test_publishing_pages_are_valid_html(client, demo):
    for url in PAGES + [p.url for p in NewsPage.objects.live()[:1]]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(html)
        assert not parser.errors, (url, parser.errors[:3])
        assert "style=" not in html and "<script>" not in html, url


@pytest.mark.django_db
def test_news_listing_queries_do_not_grow_with_items(client, publishing, home_ar):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    index = NewsIndexPage.objects.descendant_of(home_ar).get()
    image = make_image()
    make_news(index, 1, image=image, tags_fr=["A"], tags_ar=["أ"])
    client.get("/fr/news/")  # warm caches (menus, renditions)
    with CaptureQueriesContext(connection) as small:
        client.get("/fr/news/")
    for n in range(2, 10):
        make_news(index, n, image=image, tags_fr=["A", f"T{n}"], tags_ar=["أ"])
    client.get("/fr/news/")
    with CaptureQueriesContext(connection) as big:
        client.get("/fr/news/")
    assert len(big.captured_queries) <= len(small.captured_queries) < 40
