"""Reads for the home page. Each participation feature contributes a section through the
``home_sections`` hook, so the home page knows nothing about them.

The sections are the same for every visitor of a commune in a language: they are rendered once
and kept in the content cache (``home_sections_html``), renewed by every public change (news,
council sessions and meetings published, suggestions, remarks, registrations, settings…). A
section whose content changes by itself at a known instant (a consultation that opens, a meeting
that starts) says so with ``expires_at``: the cached sections are rebuilt from then on, and the
anonymous page cache does not keep the home page past it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail import hooks

SECTIONS_TEMPLATE = "pages/includes/home_sections.html"


@dataclass
class HomeSection:
    """One section of the home page. ``template`` is rendered with ``items`` (and ``request``)
    once for every visitor: it must not show anything that depends on the viewer (``user``, a
    CSRF token). ``expires_at``: when the section would change without any write (None: never)."""

    key: str
    title: str
    template: str
    items: Any
    more_url: str | None = None
    order: int = 100
    expires_at: datetime | None = None


@dataclass(frozen=True)
class RenderedSections:
    html: str
    expires_at: datetime | None


def home_sections(*, home, request) -> list[HomeSection]:
    sections: list[HomeSection] = []
    for fn in hooks.get_hooks("home_sections"):
        section = fn(home=home, request=request)
        if section is not None and section.items:
            sections.append(section)
    return sorted(sections, key=lambda s: s.order)


def home_sections_html(*, home, request) -> RenderedSections:
    """The rendered sections of ``home`` (a localised home page), from the content cache: a
    fixed number of queries, none on a hit, whatever the sections show."""
    from participation.core.caching import content_cached

    def build() -> RenderedSections:
        sections = home_sections(home=home, request=request)
        html = render_to_string(SECTIONS_TEMPLATE, {"sections": sections, "request": request})
        expiries = [s.expires_at for s in sections if s.expires_at is not None]
        return RenderedSections(html=html, expires_at=min(expiries, default=None))

    def fresh(value: RenderedSections) -> bool:
        return value.expires_at is None or value.expires_at > timezone.now()

    key = f"home-sections:{home.pk}:{translation.get_language()}:{request.get_host()}"
    return content_cached(key, build, fresh=fresh)
