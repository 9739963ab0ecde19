"""Site search behind one interface: ``get_search_backend().search(...)``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Locale, Page


@dataclass
class SearchHit:
    title: str
    url: str
    excerpt: SafeString | str = ""


@dataclass
class SearchResults:
    total: int
    hits: list[SearchHit] = field(default_factory=list)


class DatabaseSearch:
    """Wagtail's database backend (SQLite FTS5 / PostgreSQL full text): no service needed."""

    def search(self, *, query: str, site, language: str, offset: int = 0, size: int = 10) -> SearchResults:
        locale = Locale.objects.filter(language_code=language).first()
        root = site.root_page
        if locale is not None:  # translations of the home page are siblings of the site's root
            root = root.get_translation_or_none(locale) or root
        pages = Page.objects.live().public().descendant_of(root, inclusive=True)
        results = pages.specific().search(query)
        total = results.count()
        hits = [
            SearchHit(
                title=page.title,
                url=page.get_url() or "",
                excerpt=getattr(page, "search_description", "") or getattr(page, "summary", "") or "",
            )
            for page in results[offset : offset + size]
        ]
        return SearchResults(total=total, hits=hits)


class ElasticsearchSearch:
    """elasticsearch-dsl against ``ELASTICSEARCH_URL``; see ``documents.py``."""

    def __init__(self, url: str):
        from elasticsearch import Elasticsearch

        self.client = Elasticsearch(url, request_timeout=5)

    def search(self, *, query: str, site, language: str, offset: int = 0, size: int = 10) -> SearchResults:
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
