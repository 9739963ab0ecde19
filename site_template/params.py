"""Reading what a visitor puts in a URL: ids, page numbers and search text.

A path or query value is whatever a browser (or a scanner) sends: ``²`` passes ``str.isdigit()``
but not ``int()``, ``٣`` passes both, a 23-digit id is a valid Python int that SQLite cannot bind,
PostgreSQL refuses a NUL byte in any text parameter. Every id, page number or free text that comes
from a URL goes through one of these helpers, so a view never sees such a value:

- the ``<id:…>`` path converter (registered when ``site_template`` is imported, so the RoutablePage
  routes of any model module can use it): ASCII digits within the database's 64-bit range, a
  larger number is a 404;
- ``parse_id(value)``: an id from a query string or a form, ``None`` when it cannot be one;
- ``page_number(value)``: a page number from 1 to ``MAX_PAGE_NUMBER`` (1 when unreadable);
- ``clean_query_text(value, max_length=…)``: free text without control or bidi characters;
- ``QueryTextField`` and ``PageNumberField``: the same two for forms bound to ``request.GET``.
"""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.urls import register_converter

#: The largest value of a 64-bit signed integer (SQLite INTEGER, PostgreSQL bigint): larger ids
#: cannot exist, and binding them fails ("Python int too large to convert to SQLite INTEGER").
MAX_ID = 2**63 - 1
#: No listing has this many pages; a larger number would only make the database compute a huge
#: OFFSET (SQLite: "datatype mismatch"; Elasticsearch refuses from + size > 10 000).
MAX_PAGE_NUMBER = 1000
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")
# C0/C1 controls (NUL first of all), and the format characters that include the bidi controls,
# zero-width characters and the BOM: nothing a search or a filter value needs.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def parse_id(value) -> int | None:
    """A database id written in ASCII digits (1 to ``MAX_ID``), else ``None``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= MAX_ID else None
    if not isinstance(value, str) or not _ASCII_DIGITS.fullmatch(value.strip()):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def page_number(value) -> int:
    """A page number for a paginator: unreadable values give 1, large ones ``MAX_PAGE_NUMBER``
    (the paginator's ``get_page`` then shows the last page)."""
    if isinstance(value, str) and _ASCII_DIGITS.fullmatch(value.strip()):
        return max(1, min(int(value), MAX_PAGE_NUMBER))
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return MAX_PAGE_NUMBER  # more than 19 digits
    return 1


def clean_query_text(value, *, max_length: int = 200) -> str:
    """Free text from a query string: NFC, control and format (bidi) characters removed, runs of
    whitespace collapsed, cut to ``max_length``."""
    if not isinstance(value, str) or not value:
        return ""
    text = unicodedata.normalize("NFC", value)
    text = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in _DROPPED_CATEGORIES
    )
    return " ".join(text.split())[:max_length].strip()


class IdConverter:
    """``<id:pk>``: like Django's ``<int:pk>`` but bounded to ``MAX_ID``: a larger value does
    not match, so the address is a 404 as any id that does not exist (``ValueError`` is how a
    converter says "no match"; an ``Http404`` here would escape from ``resolve()`` calls such as
    ``translate_url``)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id out of range")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")


class QueryTextField(forms.CharField):
    """A free-text query parameter in a GET form: cleaned (``clean_query_text``) instead of
    refused, so a NUL byte or a bidi control never turns a search into an error page."""

    def __init__(self, *, max_length: int = 200, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(max_length=None, **kwargs)
        self.clean_length = max_length

    def to_python(self, value) -> str:
        return clean_query_text(value if isinstance(value, str) else "", max_length=self.clean_length)


class PageNumberField(forms.Field):
    """``?page=``: always a number from 1 to ``MAX_PAGE_NUMBER`` (see ``page_number``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> int:
        return page_number(value)
