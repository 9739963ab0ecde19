"""Fixtures for consultations: a consultation page (Arabic + French) under the commune's home page,
its projects, a focal point, and a movable clock (citizens: tests/conftest.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from participation.consultations import clock
from participation.consultations.models import ConsultationPage, OpenProject
from participation.consultations.services import project_save
from site_template.pages.tree import add_translated_child
from tests.factories import UserFactory


@pytest.fixture
def focal(db):
    """The consultation's focal point: a superuser here (the admin views are tested, not the role)."""
    return UserFactory(superuser=True, email="focal@example.ma")


class MovableClock:
    """Moves ``participation.consultations.clock.now`` in a test."""

    def __init__(self, monkeypatch):
        self.instant = timezone.now()
        monkeypatch.setattr(clock, "now", lambda: self.instant)

    def set(self, instant):
        self.instant = instant

    def advance(self, **delta):
        self.instant += timedelta(**delta)


@pytest.fixture
def moving_clock(monkeypatch):
    return MovableClock(monkeypatch)


def make_consultation(home_ar, *, opens_at, closes_at, slug="consultation", **extra) -> tuple:
    page_ar, page_fr = add_translated_child(
        home_ar,
        page_class=ConsultationPage,
        ar={"title": "التشاور الرقمي", "slug": slug},
        fr={"title": "Consultation numérique", "slug": slug},
        opens_at=opens_at,
        closes_at=closes_at,
        **extra,
    )
    return page_ar, page_fr


@pytest.fixture
def consultation_pair(home_ar, home_fr):
    now = timezone.now()
    return make_consultation(home_ar, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=6))


@pytest.fixture
def consultation(consultation_pair):
    return consultation_pair[0]


@pytest.fixture
def consultation_fr(consultation_pair):
    return consultation_pair[1]


@pytest.fixture
def projects(consultation):
    rows = [
        (68, "تجويد آليات التواصل", "Améliorer la communication"),
        (70, "الصيانة والمحافظة على المناطق الخضراء", "Entretien des espaces verts"),
    ]
    return [
        project_save(project=OpenProject(consultation=consultation, number=n, title_ar=ar, title_fr=fr))
        for n, ar, fr in rows
    ]
