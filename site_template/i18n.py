"""Small helpers for content kept in both languages side by side (``<field>_ar`` / ``<field>_fr``)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language


def source_language() -> str:
    """The language content is written in first (``settings.LANGUAGE_CODE``, Arabic): the
    language of the logical page every translation hangs on."""
    return settings.LANGUAGE_CODE[:2]


def current_language() -> str:
    """The active language's two-letter code, the source language when none is active."""
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def localised(obj, field: str) -> str:
    """``obj.<field>_<current language>``, falling back to the Arabic value."""
    return getattr(obj, f"{field}_{current_language()}", "") or getattr(obj, f"{field}_ar", "")


class BilingualNameMixin:
    """For models with ``name_ar`` and ``name_fr``: ``name`` in the current language."""

    @property
    def name(self) -> str:
        return localised(self, "name")


class LocalisedText:
    """A read-only attribute ``name`` giving ``name_<current language>`` (falling back to the
    Arabic text), through ``localised``: ``title = LocalisedText()`` on a model with ``title_ar``
    and ``title_fr``."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        return self if instance is None else localised(instance, self.name)
