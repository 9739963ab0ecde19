"""The programme dashboard: filters, charts backed by tables, downloads, both languages, valid
HTML, page weight, and a fixed number of queries at 12 and at 500 projects."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from participation.core.caching import content_changed
from participation.programme.models import FundingLine, Project, ProjectStatus
from site_template.communes.models import Neighbourhood
from tests.foundation.test_public_pages import PAGE_WEIGHT_BUDGET, LinkParser, static_size
from tests.programme.conftest import build_programme

pytestmark = pytest.mark.django_db


def _url(page, route="dashboard_route", *args):
    return page.url + page.reverse_subpage(route, args=list(args))


def _valid(content: bytes) -> None:
    html5lib.HTMLParser(strict=True).parse(content)


@pytest.fixture
def late_project(projects):
    project = projects[0]
    Project.objects.filter(pk=project.pk).update(ends_on=dt.date(2020, 6, 30), status=ProjectStatus.WORKS)
    return project


def test_dashboard_in_both_languages_is_valid_light_and_mirrored(client, programme, programme_fr, projects,
                                                                 late_project):
    for page, lang, direction in ((programme, "ar", "rtl"), (programme_fr, "fr", "ltr")):
        response = client.get(_url(page))
        assert response.status_code == 200
        html = response.content
        _valid(html)
        parser = LinkParser()
        parser.feed(html.decode())
        assert parser.html_attrs.get("lang") == lang and parser.html_attrs.get("dir") == direction
        weight = len(html) + sum(static_size(u) for u in parser.stylesheets + parser.scripts)
        assert weight < PAGE_WEIGHT_BUDGET
        body = html.decode()
        assert body.count('role="img"') >= 6 and body.count("<title id=") >= 6 and body.count("<desc") >= 6
        assert body.count("<caption>") >= 6  # every chart has its table
        assert "<script" not in body
        # the late project is listed, with a link to its page
        assert f'href="{page.url}projects/{late_project.number}/"' in body
    body_fr = client.get(_url(programme_fr)).content.decode()
    assert "Projet 1" in body_fr and "Axe 1" in body_fr
    body_ar = client.get(_url(programme)).content.decode()
    assert "المحور 1" in body_ar


def test_money_by_axis_year_and_neighbourhood(client, programme, programme_fr, projects, commune_site):
    place = Neighbourhood.objects.create(site=commune_site, name_ar="حي السلام", name_fr="Hay Salam")
    projects[1].neighbourhoods.add(place)
    body = client.get(_url(programme_fr)).content.decode()
    # 12 projects × 3 years × 100 000 planned: 3,6 millions in all; axis 1 holds 4 projects
    assert "3,6" in body
    assert "Hay Salam" in body
    assert "1\u202f200\u202f000,00" in body  # axis 1: 4 projects × 3 years × 100 000, exact in the table
    assert "300\u202f000,00" in body  # the neighbourhood: one project, three years


def _shown_projects(response) -> int:
    """The first key figure (the number of projects), as the page shows it."""
    match = re.search(r'<dl class="programme-figures">\s*<div><dt>[^<]*</dt><dd>(\d+)</dd>', response.content.decode())
    return int(match.group(1))


def test_filters_narrow_the_figures_and_bad_values_are_ignored(client, programme_fr, projects):
    Project.objects.filter(pk=projects[2].pk).update(status=ProjectStatus.DONE)
    response = client.get(_url(programme_fr) + "?axis=1&year=2024")
    assert response.status_code == 200
    assert response.context["chosen"] == {"axis": 1, "year": 2024}
    assert _shown_projects(response) == 4
    assert "400\u202f000" in response.content.decode()  # one year of 4 projects × 100 000
    assert _shown_projects(client.get(_url(programme_fr) + "?status=done")) == 1
    assert _shown_projects(client.get(_url(programme_fr))) == 12
    for bad in ("?axis=99", "?axis=x&year=1900", "?status=nope", "?neighbourhood=-1", "?year=%00"):
        response = client.get(_url(programme_fr) + bad)
        assert response.status_code == 200, bad
        assert _shown_projects(response) == 12, bad
        assert response.context["ignored"], bad
        assert 'class="notice" role="status"' in response.content.decode(), bad
    assert not client.get(_url(programme_fr) + "?axis=1").context["ignored"]
    mixed = client.get(_url(programme_fr) + "?axis=2&year=oops")
    assert mixed.context["chosen"] == {"axis": 2} and _shown_projects(mixed) == 4


def test_logged_in_visitors_share_the_cached_figures_until_a_change(client, programme_fr, projects, citizen,
                                                                    programme_focal):
    from participation.programme.services import update_post

    client.force_login(citizen)
    url = _url(programme_fr)
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    assert not any("programme_indicatorvalue" in q["sql"] for q in first.captured_queries)  # served from the cache
    update_post(project=projects[0], by=programme_focal, text_ar="تقدم", progress=100)
    Project.objects.filter(pk=projects[0].pk).update(status=ProjectStatus.DONE)  # still within the change
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert any("programme_indicatorvalue" in q["sql"] for q in after.captured_queries)  # computed again
    assert "(8,3\u00a0%)" in response.content.decode()  # 1 of 12 projects done


def test_downloads_carry_the_figures_shown(client, programme, programme_fr, projects):
    response = client.get(_url(programme_fr, "dashboard_data_route", "csv") + "?axis=1")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    total = next(row for row in rows[1:] if row[0] == "total")
    assert total[3] == "4" and Decimal(total[8]) == Decimal("1200000.00")
    assert any(row[0] == "axis" and row[2] == "Axe 1" for row in rows)

    response = client.get(_url(programme, "dashboard_data_route", "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert any(row[0] == "axis" and row[2] == "المحور 1" for row in values)

    response = client.get(_url(programme_fr, "dashboard_data_route", "json") + "?year=2023")
    data = json.loads(response.content)
    assert data["filters"] == {"year": 2023}
    assert data["figures"]["total"]["money"]["planned"] == "1200000.00"
    assert data["language"] == "fr"
    assert client.get(_url(programme_fr, "dashboard_data_route", "pdf")).status_code == 404


def test_dashboard_is_cached_for_anonymous_visitors(client, programme_fr, projects, settings):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 60
    client.get(_url(programme_fr))
    assert client.get(_url(programme_fr))["X-Page-Cache"] == "hit"


def test_a_long_list_of_late_projects_is_cut_at_100(client, programme, programme_fr, home_ar):
    build_programme(programme, projects=130, activities=1)
    Project.objects.filter(programme=programme).update(ends_on=dt.date(2020, 12, 31))
    response = client.get(_url(programme_fr))
    body = response.content.decode()
    listed = re.findall(r'<li><a href="[^"]*/projects/(\d+)/">', body)
    assert len(listed) == 100
    assert "30" in re.search(r'</ul>\s*<p>([^<]*JSON[^<]*)</p>', body).group(1)
    data = json.loads(client.get(_url(programme_fr, "dashboard_data_route", "json")).content)
    assert len(data["late_projects"]) == 130


def _count_queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (site, locales)
    content_changed()  # the figures' cached HTML is stale: they are computed again
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("logged_in", [False, True])
def test_query_count_is_the_same_at_12_and_500_projects(client, programme, programme_fr, home_ar, settings,
                                                        citizen, logged_in):
    from tests.programme.conftest import make_programme

    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 0
    if logged_in:
        client.force_login(citizen)
    build_programme(programme, projects=12, activities=20)
    small = _count_queries(client, _url(programme_fr) + "?year=2024")
    big_ar, big_fr = make_programme(home_ar, slug="big")
    build_programme(big_ar, projects=500, activities=20)
    FundingLine.objects.filter(project__programme=big_ar, project__number__lte=50).update(spent=Decimal("1"))
    big = _count_queries(client, _url(big_fr) + "?year=2024")
    assert small == big
    assert big < 40
