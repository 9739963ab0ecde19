"""The Gantt charts of a project's activities and of an axis's projects: right-to-left time,
'today', late flags, the table of the same rows, and one query whatever the size."""

from __future__ import annotations

import datetime as dt

import html5lib
import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from participation.programme.models import Activity, Axis, Project, ProjectStatus
from participation.programme.timeline import axis_timeline, project_timeline
from tests.programme.conftest import build_programme, make_programme

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 6, 15)


def _render(timeline) -> str:
    html = render_to_string("programme/includes/gantt.html", {"timeline": timeline})
    html5lib.HTMLParser(strict=True).parse(f"<!DOCTYPE html><html lang=ar><head><title>t</title></head><body>{html}")
    return html


@pytest.fixture
def project(projects):
    project = projects[0]
    project.activities.all().delete()
    Activity.objects.create(project=project, number=1, title_ar="الدراسة", title_fr="Étude", sort_order=1,
                            starts_on=dt.date(2023, 2, 1), ends_on=dt.date(2023, 12, 31), progress=100)
    Activity.objects.create(project=project, number=2, title_ar="الأشغال", title_fr="Travaux", sort_order=2,
                            starts_on=dt.date(2024, 3, 1), ends_on=dt.date(2025, 3, 31), progress=60)
    Activity.objects.create(project=project, number=3, title_ar="التسليم", title_fr="Réception", sort_order=3,
                            starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2026, 6, 30), progress=0)
    return Project.objects.get(pk=project.pk)


def test_project_timeline_mirrors_in_arabic(project):
    with translation.override("ar"):
        arabic = project_timeline(project, today=TODAY, rtl=True)
    with translation.override("fr"):
        french = project_timeline(project, today=TODAY, rtl=False)
    study, works, handover = arabic.chart.rows
    assert study.bar_x > works.bar_x > handover.bar_x  # what starts earlier is further right
    f_study, f_works, f_handover = french.chart.rows
    assert f_study.bar_x < f_works.bar_x < f_handover.bar_x
    assert f_study.full_label == "1. Étude" and study.full_label == "1. الدراسة"
    assert (arabic.chart.start, arabic.chart.end) == (dt.date(2023, 1, 1), dt.date(2026, 12, 31))


def test_today_line_and_late_activities(project):
    timeline = project_timeline(project, today=TODAY, rtl=False)
    chart = timeline.chart
    works = chart.rows[1]
    handover = chart.rows[2]
    assert [row.late for row in chart.rows] == [False, True, False]  # works ended in March at 60%
    assert chart.late_count == 1
    assert works.bar_x + works.bar_width < chart.today_x < handover.bar_x  # today between the two
    assert [row.flagged for row in timeline.rows] == [False, True, False]
    html = _render(timeline)
    assert html.count('class="gantt__row gantt__row--late"') == 1
    assert "chart__today" in html and '<th scope="row">2. Travaux</th>' not in html  # labels follow the language
    assert timeline.rows[1].label == "2. الأشغال"


def test_axis_timeline_lists_its_projects_and_names_the_undated(projects, programme):
    axis = Axis.objects.get(programme=programme, number=1)
    undated = axis.projects.order_by("number").last()
    Project.objects.filter(pk=undated.pk).update(starts_on=None, ends_on=None)
    late = axis.projects.order_by("number").first()
    Project.objects.filter(pk=late.pk).update(ends_on=dt.date(2024, 12, 31), status=ProjectStatus.WORKS)
    timeline = axis_timeline(axis, today=TODAY, rtl=True)
    assert len(timeline.chart.rows) == 3 and len(timeline.undated) == 1
    assert timeline.chart.rows[0].late and not any(row.late for row in timeline.chart.rows[1:])
    html = _render(timeline)
    assert undated.title_ar in html and 'role="img"' in html and "<caption>" in html


def test_no_dates_no_chart(programme):
    axis = Axis.objects.create(programme=programme, number=9, title_ar="محور")
    timeline = axis_timeline(axis, today=TODAY, rtl=False)
    assert timeline.chart is None and timeline.rows == []
    assert "<svg" not in _render(timeline)


def test_one_query_whatever_the_size(programme, home_ar):
    build_programme(programme, projects=12, activities=20)
    big, _fr = make_programme(home_ar, slug="big")
    build_programme(big, projects=500, activities=20)
    counts = []
    for page in (programme, big):
        project = Project.objects.filter(programme=page).first()
        axis = Axis.objects.filter(programme=page).first()
        with CaptureQueriesContext(connection) as queries:
            project_timeline(project, today=TODAY, rtl=True)
            timeline = axis_timeline(axis, today=TODAY, rtl=True)
        counts.append(len(queries))
        assert len(timeline.rows) == len(axis.projects.all())
    assert counts == [2, 2]
