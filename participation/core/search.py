"""Visible contributions in the site search (hook ``search_sources``, ``wagtail_hooks.py``).

Only what anyone may read: ``Contribution.objects.visible()`` (not hidden by moderation, not
withdrawn) of the commune, on a live page without view restrictions. Kinds are those shown on
public pages today; a capability adding a kind adds it to ``SEARCHED_KINDS``.
"""

from __future__ import annotations

from wagtail.models import Page

from site_template.search.sources import SearchItem, SearchSource

from .models import Contribution, ContributionKind
from .pages import contribution_url

SEARCHED_KINDS = (ContributionKind.SUGGESTION, ContributionKind.REMARK, ContributionKind.PROPOSAL)


def _queryset(kind):
    def visible(*, site, language):
        return Contribution.objects.visible().filter(
            site=site, kind=kind, page__in=Page.objects.live().public().values("pk")
        )

    return visible


def _item(contribution, *, language) -> SearchItem:
    text = " ".join(part for part in (contribution.text, contribution.official_answer) if part)
    return SearchItem(
        title=contribution.title, text=text, url=contribution_url(contribution, language),
        date=contribution.created_at,
    )


def contribution_sources() -> list[SearchSource]:
    return [
        SearchSource(kind=str(kind), label=kind.label, queryset=_queryset(str(kind)), item=_item)
        for kind in SEARCHED_KINDS
    ]
