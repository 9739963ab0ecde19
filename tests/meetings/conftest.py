"""Fixtures for meetings: a meetings index in both languages, meetings built through the same
tree helper the generator uses (citizens: tests/conftest.py ``make_citizen``)."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone

from participation.meetings.models import MeetingIndexPage, MeetingPage, MeetingTheme
from site_template.pages.tree import add_translated_child

_seq = count(1)


@pytest.fixture
def meeting_index(home_ar) -> MeetingIndexPage:
    index_ar, _index_fr = add_translated_child(
        home_ar, page_class=MeetingIndexPage,
        ar={"title": "اللقاءات المواطنة", "slug": "meetings"},
        fr={"title": "Rencontres citoyennes", "slug": "meetings"},
    )
    return index_ar


@pytest.fixture
def theme(commune_site) -> MeetingTheme:
    return MeetingTheme.objects.create(site=commune_site, slug="environment", name_ar="البيئة",
                                       name_fr="Environnement")


@pytest.fixture
def make_meeting(meeting_index):
    def make(*, title_ar="لقاء حول المساحات الخضراء", title_fr="Rencontre sur les espaces verts",
             starts_in=timedelta(days=5), **common) -> MeetingPage:
        n = next(_seq)
        common.setdefault("starts_at", timezone.now() + starts_in)
        page_ar, _page_fr = add_translated_child(
            meeting_index, page_class=MeetingPage,
            ar={"title": title_ar, "slug": f"meeting-{n}", "place": "قاعة الجماعة", "summary": "ملخص اللقاء"},
            fr={"title": title_fr, "slug": f"meeting-{n}", "place": "Salle de la commune",
                "summary": "Résumé de la rencontre"},
            **common,
        )
        return page_ar

    return make


@pytest.fixture
def meeting(make_meeting) -> MeetingPage:
    return make_meeting(capacity=2)
