"""Site search behind one interface: ``get_search_backend().search(...)``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass
class SearchHit:
    title: str
    url: str
    excerpt: SafeString | str = ""
    kind: str = "page"
    label: str = ""
    date: object = None


@dataclass
class Facet:
    kind: str
    label: str
    count: int


@dataclass
class SearchResults:
    total: int
    hits: list[SearchHit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)


class DatabaseSearch:
    """Wagtail's database backend (SQLite FTS5 / PostgreSQL full text): no service needed. Every
    source of ``sources.search_sources()`` is searched; ``kind`` keeps one of them."""

    def search(
        self, *, query: str, site, language: str, offset: int = 0, size: int = 10, kind: str | None = None
    ) -> SearchResults:
        from wagtail.search.backends import get_search_backend as wagtail_backend

        from .highlight import excerpt
        from .sources import search_sources

        backend = wagtail_backend()
        found, facets = [], []
        for source in search_sources():
            results = backend.search(query, source.queryset(site=site, language=language)).annotate_score("_score")
            count = results.count()
            if count:
                facets.append(Facet(kind=source.kind, label=str(source.label), count=count))
            if kind in (None, source.kind):
                found.append((source, results, count))
        total = sum(count for _source, _results, count in found)
        ranked = []
        for source, results, _count in found:  # the best offset+size of each, merged by score
            ranked.extend((getattr(obj, "_score", 0) or 0, n, source, obj)
                          for n, obj in enumerate(results[: offset + size]))
        ranked.sort(key=lambda entry: (-entry[0], entry[1]))
        hits = []
        for _score, _n, source, obj in ranked[offset : offset + size]:
            item = source.item(obj, language=language)
            hits.append(SearchHit(title=item.title, url=item.url, excerpt=excerpt(item.text, query),
                                  kind=source.kind, label=str(source.label), date=item.date))
        return SearchResults(total=total, hits=hits, facets=facets)


class ElasticsearchSearch:
    """elasticsearch-dsl against ``ELASTICSEARCH_URL``; see ``documents.py``."""

    def __init__(self, url: str):
        from elasticsearch import Elasticsearch

        self.client = Elasticsearch(url, request_timeout=5)

    def search(
        self, *, query: str, site, language: str, offset: int = 0, size: int = 10, kind: str | None = None
    ) -> SearchResults:
        """Pages only for now (``kind`` other than \"page\" finds nothing)."""
        if kind not in (None, "page"):
            return SearchResults(total=0)
        from .documents import build_search

        response = build_search(query=query, language=language, site_id=site.pk, offset=offset, size=size).using(
            self.client
        ).execute()
        hits = []
        for hit in response:
            fragments = []
            highlight = getattr(hit.meta, "highlight", None)
            if highlight is not None:
                for name in ("summary", "body"):
                    fragments.extend(getattr(highlight, name, []))
            # Highlighter runs with encoder=html, so fragments are escaped apart from <mark>.
            excerpt = mark_safe(fragments[0]) if fragments else escape(hit.summary or "")  # noqa: S308
            hits.append(SearchHit(title=hit.title, url=hit.url, excerpt=excerpt))
        return SearchResults(total=response.hits.total.value, hits=hits)

    def index_pages(self, pages, *, site_id: int) -> int:
        from elasticsearch.helpers import bulk

        from .documents import document_class, page_to_document

        for language in ("ar", "fr"):
            document_class(language).init(using=self.client)
        actions = (page_to_document(page, site_id=site_id).to_dict(include_meta=True) for page in pages)
        success, _errors = bulk(self.client, actions, refresh=True)
        return success

    def delete_page(self, page) -> None:
        from .documents import index_name

        self.client.delete(index=index_name(page.locale.language_code), id=page.pk, ignore=[404])


def get_search_backend():
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    return ElasticsearchSearch(url) if url else DatabaseSearch()
