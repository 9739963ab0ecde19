"""A published budget year as open data (``budget/1``): CSV, XLSX and JSON parsed back, chapter
rows with the sums of their lines, executed amounts hidden while the administrative account is
unpublished (but in the staff workbook), 404s, both languages, fixed query counts."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from participation.budget.exports import (
    LINE_COLUMNS,
    SECTOR_COLUMNS,
    SHEETS,
    year_json,
    year_tables,
    year_xlsx_bytes,
)
from participation.budget.models import BudgetLine
from tests.budget.conftest import build_year, make_budget

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COL = {name: index for index, name in enumerate(LINE_COLUMNS)}


@pytest.fixture
def pages(home_ar):
    return make_budget(home_ar)


@pytest.fixture
def year(pages):
    return build_year(pages[0], year=2025, lines=40)


def _url(page, year: int, fmt: str) -> str:
    return page.url + page.reverse_subpage("data_route", args=[year, fmt])


def _sheets(raw: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(raw))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _db_sum(budget_year, field: str, **filters) -> Decimal:
    return BudgetLine.objects.filter(budget_year=budget_year, **filters).aggregate(total=Sum(field))["total"]


def test_tables_follow_the_layout_with_chapter_rows_before_their_lines(year):
    tables = year_tables(year)
    assert {sheet: columns for sheet, (columns, _rows) in tables.items()} == SHEETS
    rows = tables["lines"][1]
    chapter_rows = [row for row in rows if row[COL["article"]] == ""]
    assert len(rows) == 40 + 20 and len(chapter_rows) == 20  # 4 parts × 5 chapters
    # revenue before expense, operating before investment, chapters by code
    order = [(row[COL["direction"]], row[COL["section"]], row[COL["chapter"]]) for row in chapter_rows]
    assert order[0] == ("revenue", "operating", "10") and order[-1] == ("expense", "investment", "50")
    assert [o[0] for o in order] == ["revenue"] * 10 + ["expense"] * 10
    assert [o[1] for o in order[:10]] == ["operating"] * 5 + ["investment"] * 5
    # each chapter row holds the sums of the lines below it, up to the next chapter row
    index = 0
    while index < len(rows):
        chapter = rows[index]
        assert chapter[COL["label_ar"]].startswith("الباب") and chapter[COL["sector"]] == ""
        lines = []
        index += 1
        while index < len(rows) and rows[index][COL["article"]] != "":
            lines.append(rows[index])
            index += 1
        assert lines
        for column in ("voted", "amendments", "final", "executed"):
            assert chapter[COL[column]] == sum(line[COL[column]] for line in lines)
        assert chapter[COL["execution_rate"]] == Decimal("90.0")
    line = next(row for row in rows if row[COL["paragraph"]] == "6")
    assert line[COL["voted"]] == Decimal("7000.00") and line[COL["final"]] == Decimal("7060.00")
    assert line[COL["executed"]] == Decimal("6354.00") and line[COL["execution_rate"]] == Decimal("90.0")
    assert line[COL["sector"]] == "70" and line[COL["label_fr"]] == "Ligne 6"


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_csv_is_the_lines_table(client, pages, year, language):
    page = pages[0] if language == "ar" else pages[1]
    response = client.get(_url(page, 2025, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="budget-2025-lines.csv"' in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert tuple(rows[0]) == LINE_COLUMNS and len(rows) == 1 + 60
    lines = [row for row in rows[1:] if row[COL["article"]]]
    assert sum(Decimal(row[COL["voted"]]) for row in lines) == _db_sum(year, "voted")
    assert sum(Decimal(row[COL["executed"]]) for row in lines) == _db_sum(year, "executed")
    first = rows[1]
    assert first[:5] == ["revenue", "operating", "10", "", ""] and first[COL["label_fr"]] == "Chapitre 10"
    line = next(row for row in rows if row[COL["paragraph"]] == "6")
    assert line[COL["voted"]] == "7000.00" and line[COL["execution_rate"]] == "90.0"


def test_xlsx_has_the_lines_and_the_sectors(client, pages, year):
    response = client.get(_url(pages[1], 2025, "xlsx"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert 'filename="budget-2025.xlsx"' in response["Content-Disposition"]
    sheets = _sheets(response.content)
    assert list(sheets) == ["lines", "sectors"]
    assert sheets["lines"][0] == LINE_COLUMNS and len(sheets["lines"]) == 61
    assert sheets["sectors"][0] == SECTOR_COLUMNS and len(sheets["sectors"]) == 9
    assert sheets["sectors"][1][:3] == ("10", "الإدارة العامة", "Administration générale")
    lines = [row for row in sheets["lines"][1:] if row[COL["article"]]]
    assert Decimal(str(sum(row[COL["voted"]] for row in lines))) == _db_sum(year, "voted")
    total_expense = sum(row[COL["final"]] for row in sheets["lines"][1:]
                        if row[COL["article"]] is None and row[COL["direction"]] == "expense")
    assert Decimal(str(total_expense)) == _db_sum(year, "voted", direction="expense") + _db_sum(
        year, "amendments", direction="expense")


def test_json_is_the_whole_year(client, pages, year):
    response = client.get(_url(pages[0], 2025, "json"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content)
    assert document == json.loads(client.get(_url(pages[1], 2025, "json")).content)  # the same in French
    assert document["layout"] == "budget/1" and document["year"] == 2025
    assert document["budget"]["title"] == {"ar": "ميزانية المواطن", "fr": "Budget citoyen"}
    assert document["budget"]["url"]["fr"].endswith(pages[1].url)
    assert document["commune"] == {"name": {"ar": "جماعة العرائش", "fr": "Commune de Larache"}, "population": 125008}
    assert document["documents"] == {"budget_document": None, "account_document": None}
    assert document["budget_published_at"] and document["account_published_at"]
    revenue = document["totals"]["revenue"]
    assert Decimal(revenue["total"]["voted"]) == _db_sum(year, "voted", direction="revenue")
    assert Decimal(revenue["operating"]["final"]) + Decimal(revenue["investment"]["final"]) == Decimal(
        revenue["total"]["final"])
    assert revenue["total"]["execution_rate"] == "90.0"
    assert len(document["chapters"]) == 20 and sum(len(c["lines"]) for c in document["chapters"]) == 40
    chapter = document["chapters"][0]
    assert chapter["chapter"] == "10" and chapter["voted"] == _money(sum(Decimal(x["voted"]) for x in chapter["lines"]))
    line = next(x for c in document["chapters"] for x in c["lines"] if x["paragraph"] == "6")
    assert line == {"article": "10", "paragraph": "6", "label_ar": "السطر 6", "label_fr": "Ligne 6", "sector": "70",
                    "voted": "7000.00", "amendments": "60.00", "final": "7060.00", "executed": "6354.00",
                    "execution_rate": "90.0", "programme_project": None}
    assert [s["code"] for s in document["sectors"]] == ["10", "20", "30", "40", "50", "60", "70", "80"]


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def test_executed_amounts_are_hidden_while_the_account_is_unpublished(client, pages, year):
    year.account_published_at = None  # the lines keep their executed amounts in the database
    year.save()
    assert BudgetLine.objects.filter(budget_year=year, executed__isnull=False).count() == 40
    rows = _csv_rows(client.get(_url(pages[0], 2025, "csv")))
    assert {row[COL["executed"]] for row in rows[1:]} == {""}
    assert {row[COL["execution_rate"]] for row in rows[1:]} == {""}
    sheets = _sheets(client.get(_url(pages[0], 2025, "xlsx")).content)
    assert {row[COL["executed"]] for row in sheets["lines"][1:]} == {None}
    document = json.loads(client.get(_url(pages[0], 2025, "json")).content)
    assert "6354.00" not in json.dumps(document)
    assert document["account_published_at"] is None and document["totals"]["expense"]["total"]["executed"] is None
    assert all(line["executed"] is None for chapter in document["chapters"] for line in chapter["lines"])
    assert all(chapter["executed"] is None for chapter in document["chapters"])
    # the staff workbook (the admin's download) has them
    staff = _sheets(year_xlsx_bytes(year))
    assert any(row[COL["executed"]] == 6354 for row in staff["lines"][1:])
    public = _sheets(year_xlsx_bytes(year, unpublished_executed=False))
    assert {row[COL["executed"]] for row in public["lines"][1:]} == {None}


def test_unpublished_years_and_unknown_formats_are_not_found(client, pages, year):
    build_year(pages[0], year=2026, lines=8, executed=False, published=False)
    for fmt in ("csv", "xlsx", "json"):
        assert client.get(_url(pages[0], 2026, fmt)).status_code == 404
        assert client.get(_url(pages[1], 2024, fmt)).status_code == 404
    for fmt in ("xml", "pdf", "CSV", "xlsx.exe"):
        assert client.get(_url(pages[0], 2025, fmt)).status_code == 404
    other, _fr = make_budget(pages[0].get_parent(), slug="other-budget")
    assert client.get(_url(other, 2025, "csv")).status_code == 404


def test_open_data_reads_as_many_queries_for_40_as_for_600_lines(client, pages, year, settings):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 0
    build_year(pages[0], year=2024, lines=600)
    for fmt in ("csv", "xlsx", "json"):
        counts = []
        for budget_year in (2025, 2024):
            url = _url(pages[0], budget_year, fmt)
            client.get(url)  # warm the per-process caches
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], (fmt, counts)
    big = pages[0].years.get(year=2024)
    with CaptureQueriesContext(connection) as queries:
        document = year_json(big)
    assert len(queries) <= 8 and sum(len(c["lines"]) for c in document["chapters"]) == 600


def test_a_line_names_the_programme_project_it_pays_for(pages, year, home_ar):
    from participation.programme.models import Project
    from tests.programme.conftest import build_programme, make_programme

    programme, _fr = make_programme(home_ar)
    build_programme(programme, axes=1, projects=3, activities=1, years=(2025,))
    project = Project.objects.get(programme=programme, number=2)
    line = BudgetLine.objects.get(budget_year=year, paragraph="7")
    line.tracked_project = project.contribution
    line.save()

    def reference() -> str:
        rows = year_tables(year)["lines"][1]
        return next(row for row in rows if row[COL["paragraph"]] == "7")[COL["programme_project"]]

    assert reference() == "2"
    line_json = next(x for c in year_json(year)["chapters"] for x in c["lines"] if x["paragraph"] == "7")
    assert line_json["programme_project"] == "2"
    other, _fr2 = make_programme(home_ar, slug="second-programme")
    build_programme(other, axes=1, projects=3, activities=1, years=(2025,))
    assert reference() == f"{programme.slug}/2"  # numbers alone are ambiguous with two programmes
