"""The core's indicator registry (issue 12): the rounding of a share, the day bounds of a period,
the sources every capability registers, and the helpers their measures share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from participation.core.indicators import (
    INDICATOR_SOURCES_HOOK,
    IndicatorSource,
    IndicatorUnit,
    Reading,
    day_bounds,
    in_commune,
    indicator_choices,
    indicator_source,
    indicator_sources,
    localized_copies,
    page_path,
    share,
)

PRINCIPLES = {"participation", "equality", "cooperation", "efficiency", "transparency", "sustainability",
              "innovation"}
KEYS = {
    "meetings.held": IndicatorUnit.COUNT,
    "meetings.reports_published": IndicatorUnit.COUNT,
    "meetings.participants": IndicatorUnit.COUNT,
    "meetings.women_share": IndicatorUnit.PERCENT,
    "info_requests.answered_on_time": IndicatorUnit.PERCENT,
    "info_requests.received": IndicatorUnit.COUNT,
    "consultations.synthesis_published": IndicatorUnit.COUNT,
    "council.decisions_posted_on_time": IndicatorUnit.PERCENT,
    "budget.published_on_time": IndicatorUnit.PERCENT,
    "programme.projects_done": IndicatorUnit.PERCENT,
}


@pytest.mark.parametrize(("numerator", "denominator", "expected"), [
    (1, 3, Decimal("33.3")),
    (2, 3, Decimal("66.7")),
    (1, 8, Decimal("12.5")),
    (1, 16, Decimal("6.3")),  # 6.25: half up
    (0, 5, Decimal("0.0")),
    (5, 5, Decimal("100.0")),
    (0, 0, None),
    (3, 0, None),
])
def test_share(numerator, denominator, expected):
    assert share(numerator, denominator) == expected


def test_day_bounds_are_moroccan_midnights():
    begin, stop = day_bounds(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    casablanca = ZoneInfo("Africa/Casablanca")
    assert begin == dt.datetime(2026, 1, 1, tzinfo=casablanca)
    assert stop == dt.datetime(2027, 1, 1, tzinfo=casablanca)
    assert timezone.is_aware(begin) and stop - begin >= dt.timedelta(days=365)
    one_day = day_bounds(dt.date(2026, 3, 5), dt.date(2026, 3, 5))
    assert one_day[1] - one_day[0] in (dt.timedelta(hours=23), dt.timedelta(hours=24), dt.timedelta(hours=25))


def test_every_capability_registers_its_indicators():
    sources = indicator_sources()
    by_key = {source.key: source for source in sources}
    assert set(KEYS) <= set(by_key)
    assert len(by_key) == len(sources)  # keys are unique
    for key, unit in KEYS.items():
        source = by_key[key]
        assert source.unit == unit and source.principle in PRINCIPLES
        assert str(source.label) and str(source.method) and callable(source.measure)
        assert indicator_source(key) is not None and indicator_source(key).key == key
    assert indicator_source("nothing.here") is None
    assert {key for key, _label in indicator_choices()} >= set(KEYS)


def test_a_new_source_through_the_hook():
    from wagtail import hooks

    def measure(*, site_id, start, end):
        return Reading(value=Decimal(7))

    def extra():
        return [IndicatorSource(key="test.seven", label="Seven", unit=IndicatorUnit.COUNT, method="Always seven",
                                measure=measure, principle="innovation")]

    with hooks.register_temporarily(INDICATOR_SOURCES_HOOK, extra):
        source = indicator_source("test.seven")
        assert source.measure(site_id=1, start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 2)).value == Decimal(7)
    assert indicator_source("test.seven") is None


@pytest.mark.django_db
def test_commune_pages_and_their_links(home_ar, home_fr, commune_site, page_ar, page_fr):
    from django.utils import translation
    from wagtail.models import Page

    from site_template.communes.services import CommuneSpec, commune_create

    other = commune_create(spec=CommuneSpec(slug="tetouan", name_ar="جماعة تطوان", name_fr="Commune de Tétouan",
                                            hostname="tetouan.test"))
    mine = set(in_commune(Page.objects.all(), commune_site.pk).values_list("pk", flat=True))
    theirs = set(in_commune(Page.objects.all(), other.pk).values_list("pk", flat=True))
    assert {home_ar.pk, home_fr.pk, page_ar.pk, page_fr.pk} <= mine and not mine & theirs
    assert other.root_page_id in theirs
    assert not in_commune(Page.objects.all(), 999_999).exists()
    assert page_path(page_ar) == page_ar.relative_url(commune_site) and page_path(page_ar).startswith("/ar/")
    source = Page.objects.select_related("locale").get(pk=page_ar.pk)
    assert localized_copies([source])[page_ar.pk].pk == page_ar.pk
    with translation.override("fr"):
        assert localized_copies([source])[page_ar.pk].pk == page_fr.pk
        Page.objects.filter(pk=page_fr.pk).update(live=False)
        assert localized_copies([source])[page_ar.pk].pk == page_ar.pk  # no live copy: the source page
