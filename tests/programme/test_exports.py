"""The programme's open data (CSV, XLSX, JSON from the Arabic and the French page) and the admin
screen of the spreadsheet round trip (upload, row-by-row report, XLSX download)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from participation.programme.exports import SHEETS, programme_json, programme_tables, programme_xlsx
from participation.programme.models import FundingLine, Project
from participation.programme.views.data import open_data

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheets(raw: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(raw))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_tables_follow_the_documented_layout(programme, projects):
    tables = programme_tables(programme)
    assert list(tables) == ["axes", "projects", "activities", "indicators", "indicator_values", "funding"]
    assert {sheet: columns for sheet, (columns, _rows) in tables.items()} == SHEETS
    assert [row[0] for row in tables["projects"][1]] == list(range(1, 13))
    assert len(tables["activities"][1]) == 36 and len(tables["indicator_values"][1]) == 72
    sheets = _sheets(programme_xlsx(programme))
    assert list(sheets) == list(SHEETS)
    assert sheets["projects"][0] == SHEETS["projects"]
    assert sheets["funding"][1][:5] == (1, 2023, "ميزانية الجماعة", "Budget de la commune", 100000)


def test_json_document_is_nested_with_amounts_as_strings(programme, projects):
    document = programme_json(programme)
    assert document["layout"] == "programme/1"
    assert document["programme"]["period_start"] == 2022 and set(document["programme"]["title"]) == {"ar", "fr"}
    assert [axis["number"] for axis in document["axes"]] == [1, 2, 3]
    first = document["axes"][0]["projects"][0]
    assert first["number"] == 1 and first["status"] == "planned" and first["starts_on"] == "2023-01-01"
    assert first["funding"][0] == {"year": 2023, "source_ar": "ميزانية الجماعة", "source_fr": "Budget de la commune",
                                   "planned": "100000.00", "committed": "60000.00", "spent": "40000.00"}
    people = first["indicators"][1]
    assert people["counts_people"] is True
    assert people["values"][0] == {"year": 2023, "value": "20.00", "women": "10.00", "men": "10.00"}
    assert sum(len(axis["projects"]) for axis in document["axes"]) == 12
    json.dumps(document)  # serialisable as it is


def test_exports_read_with_a_fixed_number_of_queries(programme, projects, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        programme_xlsx(programme)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_open_data_in_both_languages(client, language, programme, programme_fr, projects):
    page = programme if language == "ar" else programme_fr
    assert page.url.startswith(f"/{language}/")
    base = page.url + "data/"

    response = client.get(base + "csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="programme-projects.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == SHEETS["projects"] and len(rows) == 13
    assert rows[1][2] == "المشروع 1" and rows[1][3] == "Projet 1"

    response = client.get(base + "xlsx/")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert 'filename="programme.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook["projects"].sheet_view.rightToLeft is (language == "ar")
    assert len(_sheets(response.content)["funding"]) == 37

    response = client.get(base + "json/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content) == programme_json(programme)  # the same data from either page

    assert client.get(base + "pdf/").status_code == 404


def test_open_data_is_cached_for_anonymous_visitors_and_follows_changes(client, programme, projects, settings):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 300
    url = programme.url + "data/json/"
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    from participation.programme.services import project_save

    project = Project.objects.get(programme=programme, number=1)
    project.title_fr = "Projet renommé"
    project_save(project=project)
    again = client.get(url)
    assert again["X-Page-Cache"] == "miss"
    assert "Projet renommé" in again.content.decode()


def test_open_data_is_public():
    assert not getattr(open_data, "staff_only", False)


# -- the admin screen --------------------------------------------------------------------------


@pytest.fixture
def focal_client(client, commune_site, programme_focal):
    from site_template.communes.services import commune_roles_sync

    commune_roles_sync(site=commune_site)  # the commune's staff groups, with their admin access
    client.force_login(programme_focal)
    return client


def _upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_admin_import_reports_rows_then_imports(focal_client, programme, projects):
    url = f"/admin/programme/{programme.pk}/import/"
    page = focal_client.get(url)
    assert page.status_code == 200
    assert f"/admin/programme/{programme.pk}/export.xlsx" in page.content.decode()

    download = focal_client.get(f"/admin/programme/{programme.pk}/export.xlsx")
    assert download.status_code == 200 and download["Content-Type"] == XLSX
    assert "private" in download["Cache-Control"] and "no-store" in download["Cache-Control"]
    workbook = load_workbook(io.BytesIO(download.content))
    funding = workbook["funding"]
    funding["E2"] = "beaucoup"  # text in an amount cell
    funding["G3"] = -1  # a negative amount
    bad = io.BytesIO()
    workbook.save(bad)
    before = list(FundingLine.objects.order_by("pk").values_list("planned", "spent"))
    response = focal_client.post(url, {"file": _upload(bad.getvalue(), "pac.xlsx")})
    assert response.status_code == 200
    body = response.content.decode()
    assert "beaucoup" in body and "<caption>" in body
    assert [(e.sheet, e.row) for e in response.context["report"].errors] == [("funding", 2), ("funding", 3)]
    assert list(FundingLine.objects.order_by("pk").values_list("planned", "spent")) == before

    workbook["funding"]["E2"] = 123456
    workbook["funding"]["G3"] = 0
    good = io.BytesIO()
    workbook.save(good)
    response = focal_client.post(url, {"file": _upload(good.getvalue(), "pac.xlsx")})
    assert response.status_code == 302 and response["Location"] == url
    assert FundingLine.objects.filter(project__number=1, year=2023).get().planned == 123456
    assert Project.objects.filter(programme=programme).count() == 12


def test_admin_refuses_a_fifty_megabyte_upload_without_reading_it(focal_client, programme, monkeypatch):
    import participation.programme.admin_imports as admin_imports

    monkeypatch.setattr(admin_imports, "programme_import", lambda **kwargs: pytest.fail("the file was read"))
    upload = _upload(b"\0" * (50 * 1024 * 1024), "pac.xlsx")
    with translation.override("ar"):
        response = focal_client.post(f"/admin/programme/{programme.pk}/import/", {"file": upload})
        assert response.status_code == 200
        assert response.context["report"].file_error == _("The file is too large: %(size)s MB at most.") % {"size": "5"}


def test_admin_screens_refuse_citizens(client, citizen, programme):
    client.force_login(citizen)
    for suffix in ("import/", "export.xlsx"):
        response = client.get(f"/admin/programme/{programme.pk}/{suffix}")
        assert response.status_code == 403, suffix
        assert "Content-Disposition" not in response
    response = client.post(f"/admin/programme/{programme.pk}/import/", {"file": _upload(b"x", "p.csv")})
    assert response.status_code == 403


def test_admin_screens_refuse_staff_who_do_not_manage_the_programme(client, commune_site, programme, projects):
    """A communicator of the commune reaches the admin, not the programme's import (Wagtail sends
    a refused admin user back to the dashboard)."""
    from site_template.communes.roles import Role
    from site_template.communes.services import commune_roles_sync
    from tests.factories import UserFactory

    commune_roles_sync(site=commune_site)
    client.force_login(UserFactory(role=Role.COMMUNICATOR, email="communication@example.ma"))
    assert client.get("/admin/").status_code == 200
    for suffix in ("import/", "export.xlsx"):
        response = client.get(f"/admin/programme/{programme.pk}/{suffix}")
        assert (response.status_code, response["Location"]) == (302, "/admin/"), suffix
    response = client.post(f"/admin/programme/{programme.pk}/import/", {"file": _upload(b"number,axis\n", "p.csv")})
    assert response.status_code == 302 and not Project.objects.filter(number=0).exists()


def test_the_programme_page_in_the_admin_leads_to_its_tools(client, programme, programme_fr):
    from tests.factories import UserFactory

    client.force_login(UserFactory(superuser=True, email="admin@example.ma"))
    for page in (programme, programme_fr):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
        assert f"/admin/programme/{programme.pk}/" in response.content.decode()
    overview = client.get(f"/admin/programme/{programme.pk}/").content.decode()
    for tool in ("import/", "adopt/", "reports/"):
        assert f"/admin/programme/{programme.pk}/{tool}" in overview
