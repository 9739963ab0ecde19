"""The council's indicator for the charter: the share of past sessions whose decisions were all
posted within the art. 273 days, from the commune's live source pages, with a fixed number of
queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from participation.core.indicators import EVIDENCE_LIMIT, indicator_source
from site_template.council.models import CouncilSessionIndexPage

from .factories import days_ago, make_session

pytestmark = pytest.mark.django_db
KEY = "council.decisions_posted_on_time"


def _measure(site, start, end):
    return indicator_source(KEY).measure(site_id=site.pk, start=start, end=end)


def _posted(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


@pytest.fixture
def sessions_index(publishing, home_ar):
    return CouncilSessionIndexPage.objects.descendant_of(home_ar).get()


@pytest.fixture
def period():
    today = timezone.localdate()
    return today - dt.timedelta(days=90), today


def test_share_of_sessions_posted_on_time(sessions_index, commune_site, period):
    on_time, _ = make_session(sessions_index, slug="on-time", starts_at=days_ago(30),
                              decisions=[_posted(25), _posted(22)])  # 8 days after the 30th day ago: day 22
    late, _ = make_session(sessions_index, slug="late", starts_at=days_ago(40), decisions=[_posted(39), _posted(20)])
    make_session(sessions_index, slug="missing", starts_at=days_ago(50), decisions=[_posted(45), None])
    make_session(sessions_index, slug="none", starts_at=days_ago(60))  # past its deadline, no decision
    make_session(sessions_index, slug="within-deadline", starts_at=days_ago(3), decisions=[None])  # not known yet
    early, _ = make_session(sessions_index, slug="posted-early", starts_at=days_ago(2), decisions=[_posted(1)])
    make_session(sessions_index, slug="upcoming", starts_at=days_ago(-5))
    make_session(sessions_index, slug="long-ago", starts_at=days_ago(200), decisions=[_posted(199)])
    private, _ = make_session(sessions_index, slug="private", starts_at=days_ago(35), decisions=[_posted(34)])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft, _ = make_session(sessions_index, slug="draft", starts_at=days_ago(36), decisions=[_posted(35)])
    draft.unpublish()

    reading = _measure(commune_site, *period)
    # counted: on-time, late, missing, none, posted-early; on time: on-time, posted-early
    assert (reading.numerator, reading.denominator, reading.value) == (2, 5, Decimal("40.0"))
    assert [e.title for e in reading.evidence] == [
        "دورة posted-early", "دورة on-time", "دورة late", "دورة missing", "دورة none"]
    assert reading.evidence[1].url == on_time.relative_url(commune_site)
    assert reading.evidence[1].date == timezone.localdate(on_time.starts_at)
    assert reading.evidence[1].note != reading.evidence[2].note


def test_other_commune_and_nothing_to_measure(sessions_index, commune_site, period):
    from site_template.communes.services import CommuneSpec, commune_create

    make_session(sessions_index, slug="on-time", starts_at=days_ago(30), decisions=[_posted(25)])
    other = commune_create(spec=CommuneSpec(slug="tetouan", name_ar="جماعة تطوان", name_fr="Commune de Tétouan",
                                            hostname="tetouan.test"))
    reading = _measure(other, *period)
    assert (reading.value, reading.numerator, reading.denominator, reading.evidence) == (None, 0, 0, ())
    assert _measure(commune_site, *period).value == Decimal("100.0")


def test_query_count_does_not_grow(sessions_index, commune_site, period, django_assert_num_queries):
    from django.utils import translation

    make_session(sessions_index, slug="s-0", starts_at=days_ago(20), decisions=[_posted(19)])
    _measure(commune_site, *period)
    with django_assert_num_queries(2):  # the view restrictions, the sessions with their counts
        _measure(commune_site, *period)
    for n in range(1, EVIDENCE_LIMIT + 3):
        make_session(sessions_index, slug=f"s-{n}", starts_at=days_ago(20 + n), decisions=[_posted(19 + n), None])
    with translation.override("fr"):
        _measure(commune_site, *period)
        with django_assert_num_queries(3):  # + the French copies
            reading = _measure(commune_site, *period)
    assert (reading.numerator, reading.denominator) == (1, EVIDENCE_LIMIT + 3)
    assert len(reading.evidence) == EVIDENCE_LIMIT and reading.evidence[0].title == "Session s-0"
    assert reading.evidence[0].url.startswith("/fr/")
