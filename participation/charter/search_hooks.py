"""The charter's public registrations for the site search (imported by ``wagtail_hooks``)."""

from __future__ import annotations

from wagtail import hooks

from .search import charter_sources

hooks.register("search_sources", charter_sources)
