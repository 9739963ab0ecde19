"""Wagtail's database search backend, with every query string made safe first.

``WAGTAILSEARCH_BACKENDS["default"]`` points here, so the public search, the admin's page search
and every chooser get it. The backend itself is Wagtail's (SQLite FTS5, PostgreSQL full text or
the fallback, chosen by the database as ``wagtail.search.backends.database`` does); only the
query changes:

- the SQLite backend wraps each term in double quotes without escaping the ones inside, so
  ``a"b`` ended the FTS5 string early ("unterminated string", "fts5: syntax error"): double
  quotes become spaces (FTS5's tokenizer splits there anyway, so the same pages match);
- a NUL byte truncates an SQLite string and PostgreSQL refuses it in any parameter: control and
  format characters are removed (``site_template.params.clean_query_text``);
- a query with nothing left is an empty result, as an empty query is.
"""

from __future__ import annotations

import copy
from functools import cache

from wagtail.search.backends.database import SearchBackend as vendor_search_backend

from site_template.params import clean_query_text

MAX_QUERY_LENGTH = 500


def safe_query_text(text: str) -> str:
    return clean_query_text(str(text).replace('"', " "), max_length=MAX_QUERY_LENGTH)


def safe_query(query):
    """The same query (a string or a ``SearchQuery`` tree) with every text part made safe."""
    if isinstance(query, str):
        return safe_query_text(query)
    query = copy.copy(query)
    if isinstance(getattr(query, "query_string", None), str):
        query.query_string = safe_query_text(query.query_string)
    for name in ("subquery", "subquery_a", "subquery_b"):
        if getattr(query, name, None) is not None:
            setattr(query, name, safe_query(getattr(query, name)))
    if getattr(query, "subqueries", None):
        query.subqueries = [safe_query(subquery) for subquery in query.subqueries]
    return query


class SafeQueryMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query = safe_query(query)
        if getattr(query, "query_string", None) == "":
            query = ""  # nothing left to look for: the base class answers an empty result
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


@cache
def _safe_class(backend_class: type) -> type:
    return type(f"Safe{backend_class.__name__}", (SafeQueryMixin, backend_class), {})


def SearchBackend(params):  # noqa: N802 — the name Wagtail looks up in a backend module
    backend = vendor_search_backend(params)
    return _safe_class(type(backend))(params)
