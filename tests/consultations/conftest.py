"""Fixtures for consultations: a consultation page (Arabic + French) under the commune's home page,
its projects, verified citizens, a focal point, and a movable clock."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from participation.consultations import clock
from participation.consultations.models import ConsultationPage, OpenProject
from participation.consultations.services import project_save
from site_template.pages.tree import add_translated_child

_counter = itertools.count(1)


@pytest.fixture
def make_citizen(db):
    from allauth.account.models import EmailAddress

    from site_template.accounts.models import User

    def make(verified: bool = True, **extra):
        n = next(_counter)
        email = extra.pop("email", f"citizen{n}@example.ma")
        user = User.objects.create_user(email=email, password="correct horse battery", **extra)
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

    return make


@pytest.fixture
def citizen(make_citizen):
    return make_citizen(display_name="Amina")


@pytest.fixture
def focal(db):
    from site_template.accounts.models import User

    return User.objects.create_superuser(email="focal@example.ma", password="correct horse battery")


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
