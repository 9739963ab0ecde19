"""Charter commitments in the site search (hook ``search_sources``, registered in
``search_hooks``): the commitments of the commune's live, public charter pages, titled and linked
in the searcher's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from participation.core.pages import in_source_language, localized_page
from site_template.search.sources import SearchItem, SearchSource

from .models import CharterPage, Commitment


def _commitments(*, site, language):
    charters = in_source_language(CharterPage.objects.live().public().descendant_of(site.root_page))
    return Commitment.objects.filter(charter__in=charters.values("pk")).select_related("charter")


def _item(commitment: Commitment, *, language) -> SearchItem:
    page = localized_page(commitment.charter, language).specific
    with override(language):
        title, text = commitment.title, commitment.promise
    return SearchItem(
        title=f"{commitment.number} — {title}", text=text,
        url=page.url + page.reverse_subpage("commitment_route", args=[commitment.number]),
        date=commitment.updated_at,
    )


def charter_sources() -> list[SearchSource]:
    return [SearchSource(kind="charter_commitment", label=_("Charter commitments"), queryset=_commitments,
                         item=_item)]
