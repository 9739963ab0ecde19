"""Site search: the database backend end to end; the Elasticsearch documents and query bodies
built from real pages; and a live Elasticsearch round trip when ELASTICSEARCH_URL is set."""

import os

import pytest
from django.test import override_settings

from site_template.pages.models import ContentPage
from site_template.pages.tree import add_translated_child
from site_template.search.documents import build_search, document_class, index_name, page_to_document


@pytest.fixture
def water_pages(home_ar):
    return add_translated_child(
        home_ar,
        page_class=ContentPage,
        ar={"title": "توزيع الماء الصالح للشرب", "slug": "water",
            "summary": "مواعيد انقطاع الماء في الأحياء", "body": [("paragraph", "<p>برنامج صيانة شبكة الماء</p>")]},
        fr={"title": "Distribution de l'eau potable", "slug": "eau",
            "summary": "Coupures d'eau dans les quartiers", "body": [("paragraph", "<p>Entretien du réseau d'eau</p>")]},
    )


@pytest.mark.django_db
def test_database_search_finds_page_in_the_current_language(client, water_pages):
    html = client.get("/ar/search/", {"q": "الماء"}).content.decode()
    assert "توزيع الماء الصالح للشرب" in html
    assert "Distribution de l'eau potable" not in html
    html = client.get("/fr/search/", {"q": "eau"}).content.decode()
    assert "Distribution de l&#x27;eau potable" in html
    assert "توزيع الماء" not in html


@pytest.mark.django_db
def test_search_page_without_query_and_with_bad_page_number(client, commune_site):
    assert client.get("/ar/search/").status_code == 200
    assert client.get("/ar/search/", {"q": "x", "page": "abc"}).status_code == 200
    assert client.get("/ar/search/", {"q": "<script>alert(1)</script>"}).content.decode().count("<script>") == 0


@pytest.mark.django_db
def test_page_document_carries_the_readable_text(water_pages, commune_site):
    page_ar, page_fr = water_pages
    doc = page_to_document(page_ar, site_id=commune_site.pk).to_dict(include_meta=True)
    assert doc["_index"] == "commune-pages-ar"
    assert doc["_id"] == page_ar.pk
    source = doc["_source"]
    assert source["title"] == "توزيع الماء الصالح للشرب"
    assert source["summary"] == "مواعيد انقطاع الماء في الأحياء"
    assert "برنامج صيانة شبكة الماء" in source["body"] and "<p>" not in source["body"]
    assert source["language"] == "ar" and source["site_id"] == commune_site.pk
    assert source["url"] == "/ar/water/"
    fr = page_to_document(page_fr, site_id=commune_site.pk).to_dict(include_meta=True)
    assert fr["_index"] == "commune-pages-fr" and fr["_source"]["url"] == "/fr/eau/"


def test_index_mappings_use_the_commune_analyzer():
    mapping_ar = document_class("ar")._doc_type.mapping.to_dict()
    mapping_fr = document_class("fr")._doc_type.mapping.to_dict()
    assert mapping_ar["properties"]["title"]["analyzer"] == "commune_text"
    assert mapping_fr["properties"]["body"]["analyzer"] == "commune_text"
    assert mapping_ar["properties"]["site_id"] == {"type": "integer"}
    assert index_name("fr") == "commune-pages-fr"


def test_index_body_carries_the_normalisation_rules():
    """The body sent to ``indices.create``: the same rules as normalise.py, with Elasticsearch's
    filters (issue 16)."""
    body = document_class("ar")._index.to_dict()
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["commune_text"] == {
        "type": "custom", "tokenizer": "standard", "char_filter": ["commune_letters"],
        "filter": ["commune_elision", "lowercase", "decimal_digit", "arabic_normalization", "asciifolding",
                   "commune_arabic_stemmer", "commune_french_stemmer"],
    }
    mappings = analysis["char_filter"]["commune_letters"]["mappings"]
    assert {"ک => ك", "ی => ي", "ڭ => ك", "٣ => 3", "۴ => 4", "أ => ا"} <= set(mappings)
    assert analysis["filter"]["commune_elision"]["type"] == "elision"
    assert {"l", "d", "qu"} <= set(analysis["filter"]["commune_elision"]["articles"])
    assert analysis["filter"]["commune_arabic_stemmer"] == {"type": "stemmer", "language": "arabic"}
    assert analysis["filter"]["commune_french_stemmer"] == {"type": "stemmer", "language": "light_french"}
    assert body["mappings"]["properties"]["summary"] == {"type": "text", "analyzer": "commune_text"}


def test_query_body_filters_site_and_language_and_paginates():
    body = build_search(query="ماء", language="ar", site_id=7, offset=10, size=10).to_dict()
    assert body["from"] == 10 and body["size"] == 10
    query = body["query"]["bool"]
    assert query["must"] == [{"multi_match": {"query": "ماء", "fields": ["title^3", "summary^2", "body"],
                                              "type": "best_fields", "fuzziness": "AUTO", "operator": "and"}}]
    assert {"term": {"site_id": 7}} in query["filter"]
    assert {"term": {"language": "ar"}} in query["filter"]
    assert body["highlight"]["encoder"] == "html"


@pytest.mark.live_es
@pytest.mark.django_db
@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="set ELASTICSEARCH_URL to run against a live server")
def test_live_elasticsearch_round_trip(client, water_pages, commune_site):
    from site_template.search.backends import ElasticsearchSearch

    url = os.environ["ELASTICSEARCH_URL"]
    with override_settings(ELASTICSEARCH_URL=url, ELASTICSEARCH_INDEX_PREFIX="commune-test"):
        backend = ElasticsearchSearch(url)
        backend.index_pages(list(water_pages), site_id=commune_site.pk)
        results = backend.search(query="الماء", site=commune_site, language="ar")
        assert [hit.title for hit in results.hits] == ["توزيع الماء الصالح للشرب"]
        analysed = backend.client.indices.analyze(index=index_name("ar"), analyzer="commune_text",
                                                  text="إعلان الميزانيـــة ٢٠٢٤ l'Élection")
        assert [token["token"] for token in analysed["tokens"]][:1] == ["اعلان"]
        assert "2024" in [token["token"] for token in analysed["tokens"]]
        html = client.get("/fr/search/", {"q": "eau"}).content.decode()
        assert "Distribution de l&#x27;eau potable" in html
        for language in ("ar", "fr"):
            backend.client.indices.delete(index=index_name(language), ignore_unavailable=True)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"', 'a"b', "\x00", "eau\x00", '"eau', "eau\"'<>%*(", "'\"'", "\u202eeau", "a" * 5000])
def test_any_query_string_is_answered(client, water_pages, query):
    """SQLite's FTS5 ended its string at a double quote ("unterminated string") and PostgreSQL
    refuses a NUL byte: the backend makes every query safe, the page always answers."""
    response = client.get("/fr/search/", {"q": query})
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


@pytest.mark.django_db
def test_quotes_and_controls_do_not_hide_the_results(client, water_pages):
    for query in ('"eau"', 'eau"', "e\u200fau", "eau\x00"):
        html = client.get("/fr/search/", {"q": query}).content.decode()
        assert "Distribution de l&#x27;eau potable" in html, query


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["99999999999999999999999", str(2**63), "1000000", "-1", "\u00b2", "\u0663", "1e9"])
def test_any_page_number_is_answered(client, water_pages, page):
    """A huge page number made SQLite compute a huge OFFSET ("datatype mismatch"): it is the last
    page now, as the paginator's get_page does."""
    response = client.get("/fr/search/", {"q": "eau", "page": page})
    assert response.status_code == 200
    assert "Distribution de l&#x27;eau potable" in response.content.decode()


@pytest.mark.django_db
def test_admin_page_search_takes_any_query(client, water_pages):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser(email="root@example.org", password="x-long-pass-1"))
    for query in ('"', 'a"b', "eau\"'<>%*(", "\u202eeau"):
        assert client.get("/admin/pages/search/", {"q": query}).status_code == 200, query
        assert client.get("/admin/pages/", {"q": query}).status_code == 200, query
    assert client.get("/admin/pages/search/", {"q": "eau\x00"}).status_code == 400  # BadInputMiddleware
