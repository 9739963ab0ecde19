"""Building the page tree in both languages (used by the commune generator and by every
feature's ``commune_setup`` hook)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import transaction
from wagtail.models import Locale, Page

P = TypeVar("P", bound=Page)


@transaction.atomic
def add_translated_child(
    parent_ar: Page,
    *,
    page_class: type[P],
    ar: dict[str, Any],
    fr: dict[str, Any],
    **common: Any,
) -> tuple[P, P]:
    """Adds an Arabic page under ``parent_ar`` and its French translation under the French
    translation of the parent, both published. ``ar``/``fr`` hold the per-language fields
    (title, slug, body…); ``common`` the fields both share. Returns ``(page_ar, page_fr)``."""
    locale_ar = Locale.objects.get(language_code="ar")
    locale_fr = Locale.objects.get(language_code="fr")
    page_ar = parent_ar.add_child(instance=page_class(locale=locale_ar, **common, **ar))
    page_ar.save_revision().publish()
    page_fr = page_ar.copy_for_translation(locale_fr, copy_parents=False)
    for field, value in {**common, **fr}.items():
        setattr(page_fr, field, value)
    page_fr.save()
    page_fr.save_revision().publish()
    return page_ar, page_fr
