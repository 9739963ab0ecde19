"""Writes of the suggestions space (thin wrappers around the participation core)."""

from __future__ import annotations

from django.db import transaction

from participation.core.models import Contribution, LinkRelation
from participation.core.services import (
    contribution_create,
    contribution_link,
    contribution_update,
    contribution_withdraw,
)

from .models import KIND


@transaction.atomic
def suggestion_create(
    *,
    page,
    author,
    title: str,
    text: str,
    category=None,
    neighbourhood=None,
    place_description: str = "",
    photo=None,
    photo_alt: str = "",
    about: Contribution | None = None,
    **extra,
) -> Contribution:
    """A citizen's suggestion; ``about`` (a visible contribution of the same commune, e.g. a
    programme project) is linked to it with ``LinkRelation.CONCERNS``, so that page lists it."""
    suggestion = contribution_create(
        page=page,
        author=author,
        kind=KIND,
        title=title,
        text=text,
        category=category,
        neighbourhood=neighbourhood,
        place_description=place_description,
        photo=photo,
        photo_alt=photo_alt,
        **extra,
    )
    if about is not None and about.site_id == suggestion.site_id:
        contribution_link(source=suggestion, target=about, relation=LinkRelation.CONCERNS)
    return suggestion


@transaction.atomic
def suggestion_update(*, suggestion: Contribution, by, photo=None, **fields) -> Contribution:
    return contribution_update(contribution=suggestion, by=by, photo=photo, **fields)


@transaction.atomic
def suggestion_withdraw(*, suggestion: Contribution, by) -> Contribution:
    return contribution_withdraw(contribution=suggestion, by=by)
