"""Turning one capability's item into another capability's contribution (a meeting idea into a
suggestion or a consultation proposal) without the two knowing each other.

A capability that can receive such items registers its targets with the Wagtail hook
``participation_conversion_targets``: ``fn(site) -> list[ConversionTarget]``, the commune's pages
that accept them (live, source-language copies). The capability that converts asks
``conversion_targets(site)`` and calls the chosen target's ``create``; it imports no other
capability. Targets come in hook order (``hooks.register(..., order=n)``), each hook's in the
order it returns them.

    @hooks.register(CONVERSION_TARGETS_HOOK, order=10)
    def suggestion_targets(site):
        return [ConversionTarget(key=f"suggestion:{page.pk}", kind="suggestion", label=…, page=page,
                                 create=partial(_create, page=page)) for page in …]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from wagtail import hooks

if TYPE_CHECKING:
    from wagtail.models import Page, Site

    from .models import Contribution

CONVERSION_TARGETS_HOOK = "participation_conversion_targets"


class CreateContribution(Protocol):
    def __call__(self, *, title: str, text: str, on_behalf_of_name: str, origin: dict, by) -> Contribution:
        """Creates the contribution in the target, entered by staff (``by``) on behalf of
        ``on_behalf_of_name``; ``origin`` (JSON-ready) is kept in its ``data``."""


@dataclass(frozen=True)
class ConversionTarget:
    """One place an item can be turned into a contribution of.

    ``key`` is unique on the site and stable (e.g. ``"suggestion:<page pk>"``: forms post it back);
    ``kind`` is the kind of contribution it makes (recorded by the converting capability);
    ``label`` is shown to staff; ``page`` is the target page; ``create`` makes the contribution."""

    key: str
    kind: str
    label: str
    page: Page
    create: CreateContribution | Callable[..., Contribution] = field(compare=False, repr=False)


def conversion_targets(site: Site) -> list[ConversionTarget]:
    """Every target the installed capabilities offer on ``site``."""
    targets: list[ConversionTarget] = []
    for fn in hooks.get_hooks(CONVERSION_TARGETS_HOOK):
        targets.extend(fn(site) or [])
    return targets


def conversion_target(site: Site, key: str) -> ConversionTarget | None:
    """The target with ``key`` on ``site``, or None."""
    return next((target for target in conversion_targets(site) if target.key == key), None)


# --- adopting an item into a programme ---------------------------------------------------------

ADOPTABLE_ITEMS_HOOK = "participation_adoptable_items"


@dataclass(frozen=True)
class AdoptableItem:
    """An item another capability can take over whole, such as an open project of a consultation
    that the council adopts into its action programme. Registered by the capability that holds it
    (hook ``participation_adoptable_items``: ``fn(site) -> list[AdoptableItem]``); the adopting
    capability copies the texts and links its new contribution to ``contribution`` with
    ``LinkRelation.BECAME``. The remarks that shaped the item are the contributions linked to
    ``contribution`` with ``LinkRelation.CONCERNS``."""

    key: str  # unique on the site and stable, e.g. "open_project:<pk>"
    contribution: Contribution  # the item's participation thread
    label: str  # shown to staff: where it comes from and what it is
    number: int | None
    title_ar: str
    title_fr: str = ""
    description_ar: str = ""
    description_fr: str = ""
    amount: Decimal | None = None  # an estimated cost (MAD)
    responsible_service_ar: str = ""
    responsible_service_fr: str = ""


def adoptable_items(site: Site) -> list[AdoptableItem]:
    items: list[AdoptableItem] = []
    for fn in hooks.get_hooks(ADOPTABLE_ITEMS_HOOK):
        items.extend(fn(site) or [])
    return items


def adoptable_item(site: Site, key: str) -> AdoptableItem | None:
    return next((item for item in adoptable_items(site) if item.key == key), None)


# --- items another capability's rows can point at ----------------------------------------------

TRACKED_ITEMS_HOOK = "participation_tracked_items"


@dataclass(frozen=True)
class TrackedItem:
    """An item the commune tracks publicly, such as a project of its action programme, that
    another capability's rows can point at (a budget line paying for it). Registered by the
    capability that holds it (hook ``participation_tracked_items``: ``fn(site) ->
    list[TrackedItem]``); the pointing capability keeps a foreign key to ``contribution`` (the
    item's participation thread) and links to it with ``core.pages.contribution_url``.

    ``references`` are how staff name the item in a form or a spreadsheet, most precise first
    (e.g. ``("action-programme/12", "12")``): a reference several items share is ambiguous."""

    references: tuple[str, ...]
    contribution: Contribution
    label: str  # shown to staff: the programme and the item's number and title


def tracked_items(site: Site) -> list[TrackedItem]:
    items: list[TrackedItem] = []
    for fn in hooks.get_hooks(TRACKED_ITEMS_HOOK):
        items.extend(fn(site) or [])
    return items


class AmbiguousReference(LookupError):
    """Several tracked items answer to one reference."""


def tracked_item(site: Site, reference: str, *, items: list[TrackedItem] | None = None) -> TrackedItem | None:
    """The one tracked item of ``site`` that ``reference`` names (``None`` when none does; raises
    ``AmbiguousReference`` when several do). Pass ``items`` (from ``tracked_items``) to resolve many
    references with one call to the hooks."""
    reference = reference.strip()
    found = [item for item in (tracked_items(site) if items is None else items) if reference in item.references]
    if len(found) > 1:
        raise AmbiguousReference(reference)
    return found[0] if found else None
