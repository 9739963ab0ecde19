"""Fixtures for programme tracking: a programme page (Arabic + French) under the commune's home
page, and ``build_programme`` for programmes of any size (axes, projects, activities, indicators
and three years of figures)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from participation.programme.models import (
    Activity,
    Axis,
    FundingLine,
    Indicator,
    IndicatorValue,
    ProgrammeKind,
    ProgrammePage,
    Project,
)
from participation.programme.services import project_thread
from site_template.pages.tree import add_translated_child
from tests.factories import UserFactory


def make_programme(home_ar, *, slug="programme", **extra) -> tuple[ProgrammePage, ProgrammePage]:
    fields = {"kind": ProgrammeKind.ACTION_PROGRAMME, "period_start": 2022, "period_end": 2027, **extra}
    return add_translated_child(
        home_ar,
        page_class=ProgrammePage,
        ar={"title": "برنامج عمل الجماعة", "slug": slug},
        fr={"title": "Programme d'action de la commune", "slug": slug},
        **fields,
    )


def build_programme(
    programme: ProgrammePage, *, axes: int = 3, projects: int = 12, activities: int = 3, years=(2023, 2024, 2025)
) -> list[Project]:
    """Axes 1..``axes``, projects 1..``projects`` spread over them, each with ``activities``
    activities, two indicators (one counting people) and figures for each of ``years``; in bulk,
    so 500 projects take seconds. Every project gets its participation thread."""
    axis_rows = Axis.objects.bulk_create(
        [Axis(programme=programme, number=n, title_ar=f"المحور {n}", title_fr=f"Axe {n}") for n in range(1, axes + 1)]
    )
    project_rows = Project.objects.bulk_create(
        [
            Project(
                programme=programme, axis=axis_rows[(n - 1) % axes], number=n, title_ar=f"المشروع {n}",
                title_fr=f"Projet {n}", description_ar="وصف المشروع", description_fr="Description du projet",
                starts_on=dt.date(years[0], 1, 1), ends_on=dt.date(years[-1] + 1, 12, 31), progress=(n * 7) % 100,
            )
            for n in range(1, projects + 1)
        ]
    )
    Activity.objects.bulk_create(
        [
            Activity(project=project, number=a, title_ar=f"النشاط {a}", title_fr=f"Activité {a}",
                     starts_on=dt.date(years[0], a % 12 + 1, 1), ends_on=dt.date(years[-1], a % 12 + 1, 28),
                     progress=50, sort_order=a)
            for project in project_rows
            for a in range(1, activities + 1)
        ]
    )
    FundingLine.objects.bulk_create(
        [
            FundingLine(project=project, year=year, source_ar="ميزانية الجماعة", source_fr="Budget de la commune",
                        planned=Decimal("100000.00"), committed=Decimal("60000.00"), spent=Decimal("40000.00"))
            for project in project_rows
            for year in years
        ]
    )
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(project=project, number=i, name_ar=f"المؤشر {i}", name_fr=f"Indicateur {i}",
                      unit_ar="عدد", unit_fr="nombre", baseline=Decimal("0"), target=Decimal("100"),
                      counts_people=(i == 2))
            for project in project_rows
            for i in (1, 2)
        ]
    )
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(indicator=indicator, year=year, value=Decimal(20 * (k + 1)),
                           women=Decimal(10 * (k + 1)) if indicator.counts_people else None,
                           men=Decimal(10 * (k + 1)) if indicator.counts_people else None)
            for indicator in indicators
            for k, year in enumerate(years)
        ]
    )
    for project in project_rows:
        project_thread(project=project)
    return project_rows


@pytest.fixture
def programme_pair(home_ar, home_fr):
    return make_programme(home_ar)


@pytest.fixture
def programme(programme_pair):
    """The Arabic (source) programme page, which holds the data."""
    return programme_pair[0]


@pytest.fixture
def programme_fr(programme_pair):
    return programme_pair[1]


@pytest.fixture
def projects(programme):
    """3 axes, 12 projects with 3 activities, 2 indicators and three years of figures each."""
    return build_programme(programme)


@pytest.fixture
def programme_focal(commune_site):
    """The commune's focal point (the role, not a superuser: the rules are tested)."""
    return UserFactory(focal_point=True, email="focal.programme@example.ma")
