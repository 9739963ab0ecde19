"""The Elasticsearch side: one index per language, with the commune's analyzer.

``commune_text`` applies the rules of ``normalise.py`` with Elasticsearch's own filters, at
indexing and at query time: the letter table as a ``mapping`` char filter (Persian, Urdu and
Maghrebi letters, Eastern digits), French elisions, lower case, ``arabic_normalization`` (hamza
forms of alef, ta marbuta, alef maqsura, tashkeel, tatweel), ASCII folding (French accents), then
the Arabic light stemmer and the French light stemmer (each leaves the other script alone, so
French words on an Arabic page and Arabic words on a French page are analysed too).

Pages are turned into plain documents by ``page_to_document`` (the text a citizen would read:
title, summary, body) and queried by ``build_search``; both are plain functions so their output
(the documents and the query bodies) can be checked without a server.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.html import strip_tags
from elasticsearch_dsl import (
    Date,
    Document,
    Integer,
    Keyword,
    Search,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from .normalise import LETTERS

#: The letter table of ``normalise.py`` except the apostrophes and ligatures (ASCII folding and
#: the elision filter deal with those) and ta marbuta (``arabic_normalization`` folds it after).
LETTER_MAPPINGS = [f"{source} => {target}" for source, target in LETTERS.items() if "\u0600" <= source <= "\u06ff"]

COMMUNE_TEXT = analyzer(
    "commune_text",
    tokenizer="standard",
    char_filter=[char_filter("commune_letters", "mapping", mappings=LETTER_MAPPINGS)],
    filter=[
        token_filter("commune_elision", "elision", articles_case=True,
                     articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]),
        "lowercase",
        "decimal_digit",
        "arabic_normalization",
        "asciifolding",
        token_filter("commune_arabic_stemmer", "stemmer", language="arabic"),
        token_filter("commune_french_stemmer", "stemmer", language="light_french"),
    ],
)
ANALYZERS = {"ar": COMMUNE_TEXT, "fr": COMMUNE_TEXT}


def index_name(language: str) -> str:
    prefix = getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "commune")
    return f"{prefix}-pages-{language}"


def document_class(language: str) -> type[Document]:
    """A Document class bound to the language's index and analyzer."""
    text_analyzer = ANALYZERS.get(language, COMMUNE_TEXT)

    class PageDocument(Document):
        title = Text(analyzer=text_analyzer, fields={"raw": Keyword()})
        summary = Text(analyzer=text_analyzer)
        body = Text(analyzer=text_analyzer)
        url = Keyword(index=False)
        kind = Keyword()
        site_id = Integer()
        language = Keyword()
        last_published_at = Date()

        class Index:
            name = index_name(language)
            settings = {"number_of_shards": 1, "number_of_replicas": 0}

    PageDocument.__name__ = f"PageDocument_{language}"
    return PageDocument


def _stream_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "render_as_block"):
        return strip_tags(str(value.render_as_block()))
    return strip_tags(str(value))


def page_to_document(page, *, site_id: int) -> Document:
    specific = page.specific
    language = specific.locale.language_code
    summary = getattr(specific, "summary", "") or getattr(specific, "intro", "") or specific.search_description
    body = getattr(specific, "body", None)
    doc = document_class(language)(
        meta={"id": specific.pk},
        title=specific.title,
        summary=_stream_text(summary),
        body=" ".join(_stream_text(body).split()),
        url=specific.get_url() or specific.url_path,
        kind=specific._meta.label_lower,
        site_id=site_id,
        language=language,
        last_published_at=specific.last_published_at,
    )
    return doc


def build_search(*, query: str, language: str, site_id: int, offset: int = 0, size: int = 10) -> Search:
    search = Search(index=index_name(language))
    search = search.query(
        "multi_match",
        query=query,
        fields=["title^3", "summary^2", "body"],
        type="best_fields",
        fuzziness="AUTO",
        operator="and",
    )
    search = search.filter("term", site_id=site_id).filter("term", language=language)
    search = search.highlight("body", "summary", fragment_size=160, number_of_fragments=1)
    search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
    return search[offset : offset + size]
