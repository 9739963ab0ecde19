"""Excerpts for the results page: the text around the first word a query matches, escaped, with
each matching word in ``<mark>`` (a word matches when it shares a form with a query word,
``normalise.token_forms``: "اعلان" marks "إعلانٌ")."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .normalise import query_terms, token_forms

#: A word as written: letters, digits and the Arabic marks inside it (tashkeel, tatweel).
_WRITTEN_WORD = re.compile("[\\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")


def excerpt(text: str, query: str, *, words_around: int = 15) -> SafeString:
    text = " ".join(str(text or "").split())
    wanted = {form for forms in query_terms(query) for form in forms}
    spans = list(_WRITTEN_WORD.finditer(text))
    matches = [i for i, span in enumerate(spans) if wanted & set(token_forms(span.group()))]
    if not spans:
        return mark_safe("")  # noqa: S308 — empty
    first = matches[0] if matches else 0
    start_word = max(0, first - words_around)
    end_word = min(len(spans), first + words_around + 1)
    start = spans[start_word].start() if start_word else 0
    end = spans[end_word - 1].end() if end_word < len(spans) else len(text)
    marked, position = [], start
    for i in matches:
        span = spans[i]
        if span.start() < start or span.end() > end:
            continue
        marked.append(escape(text[position : span.start()]))
        marked.append(f"<mark>{escape(span.group())}</mark>")
        position = span.end()
    marked.append(escape(text[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(marked) + suffix)  # noqa: S308 — every piece escaped
