"""Indicators the site can compute from what it records itself (issue 12): "share of information
requests answered within the legal deadline this year", "citizen meetings with a published
report", "share of women among meeting participants"…

A commitment of the participation charter (``participation.charter``) whose evidence the site holds
takes its value from one of these instead of a typed figure. The capability that holds the records
registers its indicators with the Wagtail hook ``participation_indicator_sources``: ``fn() ->
list[IndicatorSource]``; the charter asks ``indicator_sources()`` / ``indicator_source(key)`` and
calls ``measure``. Neither knows the other.

    @hooks.register(INDICATOR_SOURCES_HOOK)
    def meeting_indicators():
        return [IndicatorSource(key="meetings.reports_published", label=_("…"), unit=IndicatorUnit.COUNT,
                                method=_("…"), principle="participation", measure=reports_published)]

``measure(*, site_id, start, end) -> Reading`` counts what happened in the commune ``site_id``
between the days ``start`` and ``end`` (both included, Africa/Casablanca), with a fixed number of
queries whatever the number of records, and returns the value with what it was computed from: the
numerator and the denominator of a share, and a few ``Evidence`` links (the latest first, at most
``EVIDENCE_LIMIT``) a citizen can open to check it. Only public records are counted or linked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

INDICATOR_SOURCES_HOOK = "participation_indicator_sources"

#: How many evidence links a reading carries at most (the latest first).
EVIDENCE_LIMIT = 10


class IndicatorUnit(models.TextChoices):
    COUNT = "count", _("number")
    PERCENT = "percent", _("percentage")


@dataclass(frozen=True)
class Evidence:
    """A public record a reading was computed from: a meeting and its report, an answered request…"""

    title: str
    url: str
    date: dt.date | None = None
    note: str = ""  # e.g. "answered in 12 working days", "34 participants, 15 women"


@dataclass(frozen=True)
class Reading:
    """A computed value. ``value`` is ``None`` when there was nothing to measure (a share of zero
    requests); a share is in percent, rounded to one decimal, with ``numerator`` / ``denominator``."""

    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None
    evidence: tuple[Evidence, ...] = ()


def share_reading(numerator: int, denominator: int, *, evidence: tuple[Evidence, ...] = ()) -> Reading:
    """The reading of a share: ``numerator`` out of ``denominator`` in per cent (``share``), with both."""
    return Reading(value=share(numerator, denominator), numerator=numerator, denominator=denominator,
                   evidence=evidence)


class Measure(Protocol):
    def __call__(self, *, site_id: int, start: dt.date, end: dt.date) -> Reading: ...


@dataclass(frozen=True)
class IndicatorSource:
    """One indicator the site computes. ``key`` is stable (stored on the commitments); ``label``
    and ``method`` (how it is computed, shown to the public next to the value) are translatable;
    ``principle`` is the code of the charter principle it usually evidences (a suggestion to
    staff, e.g. ``"participation"``, ``"transparency"``, ``"equality"``)."""

    key: str
    label: str
    unit: str
    method: str
    measure: Measure | Callable[..., Reading] = field(compare=False, repr=False)
    principle: str = ""


def indicator_sources() -> list[IndicatorSource]:
    """Every indicator the installed capabilities can compute, in hook order."""
    sources: list[IndicatorSource] = []
    for fn in hooks.get_hooks(INDICATOR_SOURCES_HOOK):
        sources.extend(fn() or [])
    return sources


def indicator_source(key: str) -> IndicatorSource | None:
    return next((source for source in indicator_sources() if source.key == key), None)


def indicator_choices() -> list[tuple[str, str]]:
    """``(key, label)`` for a form's choice field (the staff pick the indicator a commitment uses)."""
    return [(source.key, source.label) for source in indicator_sources()]


def share(numerator: int, denominator: int) -> Decimal | None:
    """``numerator`` out of ``denominator`` in percent, one decimal, half up; ``None`` out of zero."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The aware instants ``[start 00:00, end+1 00:00)`` in the site's time zone, for filtering
    datetime fields on a range of days."""
    from django.utils import timezone

    begin = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    stop = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return begin, stop


# --- Helpers for the capabilities' ``measure`` functions ------------------------------------------


def commune_root_paths(site_id: int) -> tuple[str, ...]:
    """The ``url_path`` of the commune's home page in each language (Wagtail's cached site root
    paths: no query when the cache is warm)."""
    from wagtail.models import Site

    return tuple(root.root_path for root in Site.get_site_root_paths() if root.site_id == site_id)


def in_commune(queryset, site_id: int, *, field: str = "url_path"):
    """``queryset`` narrowed to the pages (or the rows of pages, ``field="budget__url_path"``)
    under the home page of the commune ``site_id``."""
    paths = commune_root_paths(site_id)
    if not paths:
        return queryset.none()
    condition = models.Q()
    for path in paths:
        condition |= models.Q(**{f"{field}__startswith": path})
    return queryset.filter(condition)


def public_condition() -> models.Q:
    """What excludes the pages behind a view restriction (one query, for every queryset of the
    measure: ``qs.live().exclude(public_condition())`` is ``qs.live().public()``)."""
    from wagtail.models import Page

    return Page.objects.all().private_q()


def page_path(page) -> str:
    """The page's public address without the host (``/ar/…/``), "" when it has none."""
    parts = page.get_url_parts()
    return (parts[2] or "") if parts else ""


def localized_copies(pages, *, private: models.Q | None = None) -> dict[int, object]:
    """For each source page of ``pages`` (by pk), its live copy in the active language, or the page
    itself: one query (none when every page is in the active language already)."""
    from wagtail.models import Page

    from .pages import current_language

    language = current_language()[:2]
    pages = list(pages)
    keys = [page.translation_key for page in pages if page.locale.language_code != language]
    copies = {}
    if keys:
        queryset = Page.objects.live().filter(translation_key__in=keys, locale__language_code=language)
        queryset = queryset.exclude(private if private is not None else public_condition())
        copies = {copy.translation_key: copy for copy in queryset.only("id", "title", "url_path", "translation_key")}
    return {page.pk: copies.get(page.translation_key, page) for page in pages}
