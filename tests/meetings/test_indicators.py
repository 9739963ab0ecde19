"""The meetings' indicators for the charter: held meetings, published reports, participants and the
share of women, counted from the commune's public meetings of the period only, with a fixed
number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from participation.core.indicators import EVIDENCE_LIMIT, indicator_source
from participation.meetings.models import MeetingPage
from site_template.pages.tree import add_translated_child

pytestmark = pytest.mark.django_db


def _measure(key, site, start, end):
    return indicator_source(key).measure(site_id=site.pk, start=start, end=end)


def _days_ago(n: int) -> dt.timedelta:
    return -dt.timedelta(days=n)


@pytest.fixture
def period():
    today = timezone.localdate()
    return today - dt.timedelta(days=60), today


@pytest.fixture
def meetings(make_meeting):
    """Three meetings held in the period (two with figures, one without), one upcoming, one held
    before the period, one unpublished, one behind a view restriction."""
    made = {
        "old_report": make_meeting(title_ar="لقاء الحي القديم", starts_in=_days_ago(40), participants_count=50,
                                   women_count=20),
        "no_gender": make_meeting(title_ar="لقاء الشباب", starts_in=_days_ago(20), participants_count=30),
        "no_report": make_meeting(title_ar="لقاء بدون تقرير", starts_in=_days_ago(10)),
        "recent": make_meeting(title_ar="لقاء المساحات الخضراء", starts_in=_days_ago(3), participants_count=40,
                               women_count=22),
        "upcoming": make_meeting(title_ar="لقاء قادم", starts_in=dt.timedelta(days=5)),
        "before": make_meeting(title_ar="لقاء قديم جدا", starts_in=_days_ago(90), participants_count=100,
                               women_count=90),
        "draft": make_meeting(title_ar="لقاء غير منشور", starts_in=_days_ago(5), participants_count=10,
                              women_count=10),
        "private": make_meeting(title_ar="لقاء خاص", starts_in=_days_ago(6), participants_count=10,
                                women_count=10),
    }
    made["draft"].unpublish()
    PageViewRestriction.objects.create(page=made["private"], restriction_type=PageViewRestriction.LOGIN)
    return made


def test_held_meetings_are_the_past_public_ones_of_the_period(meetings, commune_site, period):
    reading = _measure("meetings.held", commune_site, *period)
    assert reading.value == Decimal(4)
    titles = [e.title for e in reading.evidence]
    assert titles == ["لقاء المساحات الخضراء", "لقاء بدون تقرير", "لقاء الشباب", "لقاء الحي القديم"]  # latest first
    recent = MeetingPage.objects.get(pk=meetings["recent"].pk)
    assert reading.evidence[0].url == recent.url and reading.evidence[0].url.startswith("/ar/")
    assert reading.evidence[0].date == timezone.localdate(recent.starts_at)


def test_reports_participants_and_women(meetings, commune_site, period):
    assert _measure("meetings.reports_published", commune_site, *period).value == Decimal(3)
    assert _measure("meetings.participants", commune_site, *period).value == Decimal(50 + 30 + 40)
    women = _measure("meetings.women_share", commune_site, *period)
    # only the meetings where both numbers were recorded: 42 women of 90 participants
    assert (women.numerator, women.denominator, women.value) == (42, 90, Decimal("46.7"))
    assert [e.title for e in women.evidence] == ["لقاء المساحات الخضراء", "لقاء الحي القديم"]


def test_evidence_in_the_active_language(meetings, commune_site, period):
    from django.utils import translation

    with translation.override("fr"):
        reading = _measure("meetings.held", commune_site, *period)
    assert reading.evidence[0].title == "Rencontre sur les espaces verts"
    assert reading.evidence[0].url.startswith("/fr/")


def test_other_commune_and_empty_period(meetings, commune_site, period):
    from site_template.communes.services import CommuneSpec, commune_create

    other = commune_create(spec=CommuneSpec(slug="tetouan", name_ar="جماعة تطوان", name_fr="Commune de Tétouan",
                                            hostname="tetouan.test"))
    assert _measure("meetings.held", other, *period).value == Decimal(0)
    empty = _measure("meetings.women_share", other, *period)
    assert (empty.value, empty.numerator, empty.denominator, empty.evidence) == (None, 0, 0, ())
    far = (dt.date(2000, 1, 1), dt.date(2000, 12, 31))
    assert _measure("meetings.women_share", commune_site, *far).value is None


def test_query_count_does_not_grow_with_the_meetings(make_meeting, commune_site, period, django_assert_num_queries):
    make_meeting(starts_in=_days_ago(3), participants_count=10, women_count=5)
    for key in ("meetings.held", "meetings.reports_published", "meetings.participants", "meetings.women_share"):
        _measure(key, commune_site, *period)  # the site root paths cached
        with django_assert_num_queries(2):  # the view restrictions, the meetings (Arabic: no copies to read)
            _measure(key, commune_site, *period)
    for n in range(EVIDENCE_LIMIT + 2):
        make_meeting(starts_in=_days_ago(4 + n), participants_count=10, women_count=5)
    from django.utils import translation

    with translation.override("fr"):
        _measure("meetings.held", commune_site, *period)
        with django_assert_num_queries(3):  # + the French copies
            reading = _measure("meetings.held", commune_site, *period)
    assert reading.value == Decimal(EVIDENCE_LIMIT + 3) and len(reading.evidence) == EVIDENCE_LIMIT


def test_a_meeting_of_another_section_of_the_site_counts(home_ar, commune_site, period):
    """Meetings are found under the commune's home wherever their index is."""
    from participation.meetings.models import MeetingIndexPage

    index, _ = add_translated_child(home_ar, page_class=MeetingIndexPage, ar={"title": "لقاءات", "slug": "m2"},
                                    fr={"title": "Rencontres", "slug": "m2"})
    add_translated_child(index, page_class=MeetingPage, ar={"title": "لقاء", "slug": "x"},
                         fr={"title": "Rencontre", "slug": "x"}, starts_at=timezone.now() - dt.timedelta(days=2))
    assert _measure("meetings.held", commune_site, *period).value == Decimal(1)
