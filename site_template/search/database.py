"""Wagtail's database search backend, fed with normalised text, every query made safe first.

``WAGTAILSEARCH_BACKENDS["default"]`` points here, so the public search, the admin's page search
and every chooser get it. The backend itself is Wagtail's (SQLite FTS5, PostgreSQL full text or
the fallback, chosen by the database as ``wagtail.search.backends.database`` does); two things
change:

**The text indexed and the text searched are normalised** (``site_template.search.normalise``):
every value a model's ``search_fields`` give is stored as ``index_text(value)`` (each word
folded, followed by its light stems), and each query word becomes the ``Or`` of its forms
(``query_terms``), so "اعلان" finds "إعلان", "تشاور" finds "التشاور", "ecole" finds "écoles".
The indexer is Wagtail's own ``ObjectIndexer`` with ``prepare_value`` normalising (the vendor
modules build their indexer by that module-level name, so the subclass is put there, once, for
the module of the backend in use). After this change, ``manage.py update_index`` re-indexes
what was indexed before. PostgreSQL runs with ``SEARCH_CONFIG = "simple"`` (settings): the
text arrives normalised, a language configuration would only add its own stemming and stop
words on top.

**The query is made safe**:

- the SQLite backend wraps each term in double quotes without escaping the ones inside, so
  ``a"b`` ended the FTS5 string early ("unterminated string", "fts5: syntax error"): double
  quotes become spaces (FTS5's tokenizer splits there anyway, so the same pages match);
- a NUL byte truncates an SQLite string and PostgreSQL refuses it in any parameter: control and
  format characters are removed (``site_template.params.clean_query_text``);
- a query with nothing left is an empty result, as an empty query is.
"""

from __future__ import annotations

import copy
import sys
from functools import cache

from wagtail.search.backends.database import SearchBackend as vendor_search_backend
from wagtail.search.query import And, Fuzzy, Or, Phrase, PlainText

from site_template.params import clean_query_text

from .normalise import fold, index_text, query_terms

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


def _words_query(text: str, operator: str):
    """The query for a text: each word is the ``Or`` of its forms; the words are joined by
    ``operator``. None when no word is left."""
    words = []
    for forms in query_terms(text):
        terms = [PlainText(form) for form in forms]
        words.append(terms[0] if len(terms) == 1 else Or(terms))
    if not words:
        return None
    if len(words) == 1:
        return words[0]
    return And(words) if operator.lower() == "and" else Or(words)


def normalised_query(query, *, operator: str):
    """The query (a safe string or ``SearchQuery`` tree) in the index's spelling, or None when
    nothing is left to look for. A phrase becomes its words joined by "and" (the index stores
    each word's stems after it, so words are no longer side by side)."""
    if isinstance(query, str):
        return _words_query(query, operator)
    if isinstance(query, PlainText):
        return _words_query(query.query_string, query.operator)
    if isinstance(query, Phrase):
        return _words_query(query.query_string, "and")
    if isinstance(query, Fuzzy):
        query = copy.copy(query)
        query.query_string = fold(query.query_string)
        return query if query.query_string else None
    query = copy.copy(query)
    for name in ("subquery", "subquery_a", "subquery_b"):
        if getattr(query, name, None) is not None:
            subquery = normalised_query(getattr(query, name), operator=operator)
            if subquery is None:
                return None
            setattr(query, name, subquery)
    if getattr(query, "subqueries", None):
        subqueries = [normalised_query(subquery, operator=operator) for subquery in query.subqueries]
        subqueries = [subquery for subquery in subqueries if subquery is not None]
        if not subqueries:
            return None
        query.subqueries = subqueries
    return query


class NormalisedQueryMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query = safe_query(query)
        operator = kwargs.get("operator") or query_compiler_class.DEFAULT_OPERATOR
        query = normalised_query(query, operator=operator)
        if query is None:
            query = ""  # nothing left to look for: the base class answers an empty result
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


def normalising_indexer(indexer_class: type) -> type:
    """Wagtail's ``ObjectIndexer`` whose values are stored normalised."""
    if getattr(indexer_class, "normalises", False):
        return indexer_class

    class NormalisingObjectIndexer(indexer_class):
        normalises = True

        def prepare_value(self, value):
            return index_text(super().prepare_value(value))

    return NormalisingObjectIndexer


@cache
def _normalised_class(backend_class: type) -> type:
    module = sys.modules[backend_class.index_class.__module__]
    if hasattr(module, "ObjectIndexer"):  # the fallback backend has none: it searches the fields
        module.ObjectIndexer = normalising_indexer(module.ObjectIndexer)
    return type(f"Normalised{backend_class.__name__}", (NormalisedQueryMixin, backend_class), {})


def SearchBackend(params):  # noqa: N802 — the name Wagtail looks up in a backend module
    backend = vendor_search_backend(params)
    return _normalised_class(type(backend))(params)
