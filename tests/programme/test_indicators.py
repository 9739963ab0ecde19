"""The programme's indicator for the charter: the share of the projects due to end in the period
that are done, from the commune's live programme pages, with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from participation.core.indicators import EVIDENCE_LIMIT, indicator_source
from participation.programme.models import Project, ProjectStatus

from .conftest import build_programme, make_programme

pytestmark = pytest.mark.django_db
KEY = "programme.projects_done"


def _measure(site, start, end):
    return indicator_source(KEY).measure(site_id=site.pk, start=start, end=end)


def _day(days_ago: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


def _set(project, *, ends_ago, status):
    Project.objects.filter(pk=project.pk).update(ends_on=_day(ends_ago), status=status)


@pytest.fixture
def period():
    return _day(100), _day(-100)


def test_share_of_projects_done(programme, home_ar, commune_site, period):
    p = build_programme(programme, axes=1, projects=8, activities=0, years=(2025,))
    _set(p[0], ends_ago=10, status=ProjectStatus.DONE)
    _set(p[1], ends_ago=20, status=ProjectStatus.WORKS)  # late
    _set(p[2], ends_ago=-30, status=ProjectStatus.DONE)  # done before its end date
    _set(p[3], ends_ago=-20, status=ProjectStatus.WORKS)  # still running: not known yet
    _set(p[4], ends_ago=30, status=ProjectStatus.CANCELLED)
    _set(p[5], ends_ago=300, status=ProjectStatus.DONE)  # before the period
    _set(p[6], ends_ago=40, status=ProjectStatus.SUSPENDED)  # late
    _set(p[7], ends_ago=50, status=ProjectStatus.DONE)
    draft = make_programme(home_ar, slug="draft-programme")[0]
    q = build_programme(draft, axes=1, projects=1, activities=0, years=(2025,))
    _set(q[0], ends_ago=10, status=ProjectStatus.DONE)
    draft.unpublish()

    reading = _measure(commune_site, *period)
    assert (reading.numerator, reading.denominator, reading.value) == (3, 5, Decimal("60.0"))
    assert [e.title for e in reading.evidence] == ["المشروع 3", "المشروع 1", "المشروع 2", "المشروع 7", "المشروع 8"]
    assert reading.evidence[1].url == programme.relative_url(commune_site) + "projects/1/"
    assert reading.evidence[1].date == _day(10)


def test_other_commune_and_nothing_due(programme, commune_site, period):
    from site_template.communes.services import CommuneSpec, commune_create

    p = build_programme(programme, axes=1, projects=1, activities=0, years=(2025,))
    _set(p[0], ends_ago=10, status=ProjectStatus.DONE)
    other = commune_create(spec=CommuneSpec(slug="tetouan", name_ar="جماعة تطوان", name_fr="Commune de Tétouan",
                                            hostname="tetouan.test"))
    reading = _measure(other, *period)
    assert (reading.value, reading.numerator, reading.denominator, reading.evidence) == (None, 0, 0, ())
    assert _measure(commune_site, *period).value == Decimal("100.0")


def test_query_count_does_not_grow(programme, commune_site, period, django_assert_num_queries):
    from django.utils import translation

    p = build_programme(programme, axes=1, projects=EVIDENCE_LIMIT + 4, activities=0, years=(2025,))
    _set(p[0], ends_ago=10, status=ProjectStatus.DONE)
    Project.objects.exclude(pk=p[0].pk).update(ends_on=_day(-1000))  # after the period
    _measure(commune_site, *period)
    with django_assert_num_queries(2):  # the view restrictions, the projects (Arabic: no copy to read)
        _measure(commune_site, *period)
    Project.objects.exclude(pk=p[0].pk).update(ends_on=_day(5), status=ProjectStatus.WORKS)
    with translation.override("fr"):
        _measure(commune_site, *period)
        with django_assert_num_queries(3):  # + the French copy of the programme
            reading = _measure(commune_site, *period)
    assert (reading.numerator, reading.denominator) == (1, EVIDENCE_LIMIT + 4) and len(reading.evidence) == 10
    assert reading.evidence[0].url.startswith("/fr/") and reading.evidence[0].title.startswith("Projet")
