"""A slug free under every given parent (``commune_setup`` hooks may meet pages another hook made)."""

from __future__ import annotations

from wagtail.models import Page


def free_slug(slug: str, *parents: Page | None) -> str:
    taken: set[str] = set()
    for parent in parents:
        if parent is not None:
            taken.update(parent.get_children().values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate
