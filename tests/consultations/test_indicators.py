"""The consultations' indicator for the charter: consultations closed in the period with a
published synthesis, read from the commune's live source pages, with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from participation.consultations.models import ConsultationPage
from participation.core.indicators import EVIDENCE_LIMIT, indicator_source

from .conftest import make_consultation

pytestmark = pytest.mark.django_db
KEY = "consultations.synthesis_published"


def _measure(site, start, end):
    return indicator_source(KEY).measure(site_id=site.pk, start=start, end=end)


def _closed(home, slug, days_ago, *, synthesis=True):
    now = timezone.now()
    page_ar, _page_fr = make_consultation(home, slug=slug, opens_at=now - dt.timedelta(days=days_ago + 7),
                                          closes_at=now - dt.timedelta(days=days_ago), synthesis_published=synthesis)
    return page_ar


@pytest.fixture
def period():
    today = timezone.localdate()
    return today - dt.timedelta(days=60), today


def test_closed_consultations_with_a_synthesis(home_ar, commune_site, period):
    recent = _closed(home_ar, "recent", 10)
    older = _closed(home_ar, "older", 20)
    _closed(home_ar, "no-synthesis", 5, synthesis=False)
    now = timezone.now()
    make_consultation(home_ar, slug="still-open", opens_at=now - dt.timedelta(days=1),
                      closes_at=now + dt.timedelta(days=3), synthesis_published=True)
    _closed(home_ar, "long-ago", 100)
    _closed(home_ar, "draft", 8).unpublish()
    only_french = _closed(home_ar, "french-only", 12, synthesis=False)
    ConsultationPage.objects.filter(translation_key=only_french.translation_key).exclude(pk=only_french.pk).update(
        synthesis_published=True)  # the switch is read from the Arabic page
    from site_template.communes.services import CommuneSpec, commune_create

    other = commune_create(spec=CommuneSpec(slug="tetouan", name_ar="جماعة تطوان", name_fr="Commune de Tétouan",
                                            hostname="tetouan.test"))
    _closed(other.root_page, "elsewhere", 10)

    reading = _measure(commune_site, *period)
    assert reading.value == Decimal(2)
    assert [e.title for e in reading.evidence] == ["التشاور الرقمي", "التشاور الرقمي"]
    assert [e.url for e in reading.evidence] == [recent.relative_url(commune_site), older.relative_url(commune_site)]
    assert reading.evidence[0].date == timezone.localdate(recent.closes_at)
    assert _measure(other, *period).value == Decimal(1)
    assert _measure(commune_site, dt.date(2001, 1, 1), dt.date(2001, 12, 31)).value == Decimal(0)


def test_query_count_does_not_grow(home_ar, commune_site, period, django_assert_num_queries):
    from django.utils import translation

    _closed(home_ar, "c-0", 3)
    _measure(commune_site, *period)
    with django_assert_num_queries(2):  # the view restrictions, the consultations
        _measure(commune_site, *period)
    for n in range(1, EVIDENCE_LIMIT + 3):
        _closed(home_ar, f"c-{n}", 3 + n)
    with translation.override("fr"):
        _measure(commune_site, *period)
        with django_assert_num_queries(3):  # + the French copies
            reading = _measure(commune_site, *period)
    assert reading.value == Decimal(EVIDENCE_LIMIT + 3) and len(reading.evidence) == EVIDENCE_LIMIT
    assert reading.evidence[0].title == "Consultation numérique" and reading.evidence[0].url.startswith("/fr/")
