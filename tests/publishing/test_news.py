import xml.etree.ElementTree as ET

import pytest

from site_template.news.models import NewsIndexPage

from .factories import make_image, make_news

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news_index(publishing, home_ar):
    return NewsIndexPage.objects.descendant_of(home_ar).get()


@pytest.mark.django_db
def test_listing_is_paginated_newest_first(client, news_index):
    for n in range(12):
        make_news(news_index, n)
    html = client.get("/fr/news/").content.decode()
    assert html.count('class="card news-card"') == 10
    assert "Actualité 11" in html and "Actualité 2" in html and "Actualité 1<" not in html
    assert html.index("Actualité 11") < html.index("Actualité 10")
    assert 'rel="next"' in html
    page2 = client.get("/fr/news/?page=2").content.decode()
    assert page2.count('class="card news-card"') == 2
    assert "Actualité 0" in page2
    assert client.get("/fr/news/?page=99").status_code == 200
    assert client.get("/fr/news/?page=abc").status_code == 200


@pytest.mark.django_db
def test_tag_filter(client, news_index):
    make_news(news_index, 1, tags_ar=["الميزانية"], tags_fr=["Budget"])
    make_news(news_index, 2, tags_ar=["البيئة"], tags_fr=["Environnement"])
    html = client.get("/fr/news/?tag=Budget").content.decode()
    assert "Actualité 1" in html and "Actualité 2" not in html
    html_ar = client.get("/ar/news/", {"tag": "البيئة"}).content.decode()
    assert "خبر رقم 2" in html_ar and "خبر رقم 1" not in html_ar
    assert 'aria-current="page">البيئة' in html_ar


@pytest.mark.django_db
def test_rss_feed(client, news_index):
    make_news(news_index, 1, tags_fr=["Budget"], tags_ar=["الميزانية"])
    make_news(news_index, 2)
    response = client.get("/fr/news/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own output)
    assert channel.findtext("language") == "fr"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Actualité 2", "Actualité 1"]
    assert items[1].findtext("link") == "http://testserver/fr/news/item-1/"
    assert items[1].findtext("category") == "Budget"
    assert items[0].findtext("pubDate")


@pytest.mark.django_db
def test_atom_feed(client, news_index):
    make_news(news_index, 1)
    response = client.get("/ar/news/atom/")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].findtext(f"{ATOM}title") == "خبر رقم 1"
    assert entries[0].find(f"{ATOM}link").get("href") == "http://testserver/ar/news/item-1/"


@pytest.mark.django_db
def test_feeds_are_linked_from_the_listing(client, news_index):
    html = client.get("/ar/news/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/ar/news/atom/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "lang", "title", "label"), [
    ("/ar/news/item-1/", "ar", "خبر رقم 1", "إعلان"),
    ("/fr/news/item-1/", "fr", "Actualité 1", "Annonce"),
])
def test_news_page_renders_in_both_languages(client, news_index, path, lang, title, label):
    make_news(news_index, 1, image=make_image(), kind="announcement", tags_ar=["وسم"], tags_fr=["Étiquette"])
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in html
    assert f"<h1>{title}</h1>" in html
    assert label in html
    assert ".webp" in html and 'loading="lazy"' in html and 'width="' in html and 'height="' in html


@pytest.mark.django_db
def test_home_page_shows_latest_news(client, news_index):
    make_news(news_index, 1, image=make_image())
    html = client.get("/fr/").content.decode()
    assert 'id="home-news"' in html
    assert "Actualité 1" in html
    assert ".webp" in html


@pytest.mark.django_db
def test_home_page_hides_news_section_when_empty(client, publishing):
    assert 'id="home-news"' not in client.get("/ar/").content.decode()


@pytest.mark.django_db
def test_news_page_image_alt_is_per_language(client, news_index):
    page_ar, page_fr = make_news(news_index, 1, image=make_image(description="وصف المكتبة"))
    page_fr.image_alt = "Une place publique"
    page_fr.save_revision().publish()
    assert 'alt="Une place publique"' in client.get("/fr/news/item-1/").content.decode()
    assert 'alt="وصف المكتبة"' in client.get("/ar/news/item-1/").content.decode()
