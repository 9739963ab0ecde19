"""Exports read back: Arabic intact in CSV (BOM) and XLSX (RTL sheet), formulas neutralised."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from openpyxl import load_workbook

from participation.core.exports import Column, export_rows, neutralise_formula

ROWS = [
    {
        "id": 1,
        "title": "إنارة زنقة الحرية",
        "text": "المرجو إصلاح الإنارة،\nشكرا",
        "author": {"name": "أمينة"},
        "supports": 12,
        "created": dt.datetime(2026, 6, 5, 23, 30, tzinfo=dt.UTC),
        "hidden": False,
    },
    {
        "id": 2,
        "title": '=HYPERLINK("http://evil.example","clic")',
        "text": "+33 6 00 00 00 00",
        "author": None,
        "supports": 0,
        "created": dt.datetime(2026, 6, 6, 8, 0, tzinfo=dt.UTC),
        "hidden": True,
    },
]
COLUMNS = [
    Column("id", "رقم"),
    Column("title", "العنوان"),
    Column("text", "النص"),
    Column("author.name", "الكاتب"),
    Column(lambda r: r["supports"] * 2, "double"),
    Column("created", "التاريخ"),
    ("hidden", "مخفي"),
]


def _csv_body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_csv_has_bom_and_arabic_intact():
    with translation.override("ar"):
        response = export_rows(ROWS, COLUMNS, format="csv", filename="اقتراحات")
    body = _csv_body(response)
    assert body.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".csv" in disposition
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["رقم", "العنوان", "النص", "الكاتب", "double", "التاريخ", "مخفي"]
    assert rows[1][1] == "إنارة زنقة الحرية" and rows[1][2] == "المرجو إصلاح الإنارة،\nشكرا"
    assert rows[1][3] == "أمينة" and rows[1][4] == "24"
    # 23:30 UTC is 00:30 (UTC+1 outside Ramadan) in Casablanca the next day.
    assert rows[1][5] == "2026-06-06 00:30"
    assert rows[2][1].startswith("'=") and rows[2][2].startswith("'+")
    assert rows[2][3] == ""


def test_xlsx_reads_back_rtl_typed_and_safe():
    with translation.override("ar"):
        response = export_rows(ROWS, COLUMNS, format="xlsx", filename="suggestions", sheet_title="الاقتراحات")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.title == "الاقتراحات"
    assert sheet.sheet_view.rightToLeft is True
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("رقم", "العنوان", "النص", "الكاتب", "double", "التاريخ", "مخفي")
    assert values[1][1] == "إنارة زنقة الحرية"
    assert values[1][4] == 24  # a number, not text
    assert values[1][5] == dt.datetime(2026, 6, 6, 0, 30)
    # The formula is text, not a formula, even after neutralising.
    cell = sheet.cell(row=3, column=2)
    assert cell.data_type == "s" and cell.value.startswith("'=")
    assert sheet.freeze_panes == "A2"


def test_xlsx_ltr_in_french_and_translated_booleans():
    with translation.override("fr"):
        response = export_rows(ROWS, COLUMNS, format="xlsx", filename="suggestions")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert not sheet.sheet_view.rightToLeft
    assert sheet.cell(row=3, column=7).value == "oui"


def test_control_characters_do_not_break_xlsx():
    rows = [
        {
            "id": 1,
            "title": "a\x00b\x1bc",
            "text": "",
            "author": None,
            "supports": 1,
            "created": None,
            "hidden": False,
        }
    ]
    response = export_rows(rows, COLUMNS, format="xlsx")
    assert load_workbook(io.BytesIO(response.content)).active.cell(row=2, column=2).value == "abc"


def test_big_csv_is_streamed():
    rows = (
        {
            "id": i,
            "title": "عنوان",
            "text": "",
            "author": None,
            "supports": i,
            "created": None,
            "hidden": False,
        }
        for i in range(100_000)
    )
    response = export_rows(rows, COLUMNS, format="csv", stream=True)
    assert response.streaming
    count = sum(chunk.count(b"\n") for chunk in response.streaming_content)
    assert count == 100_001


def test_unknown_format():
    with pytest.raises(ValueError):
        export_rows([], COLUMNS, format="pdf")


def test_neutralise_formula():
    assert neutralise_formula("=1+1") == "'=1+1"
    assert neutralise_formula("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise_formula("عادي") == "عادي"
    assert neutralise_formula("") == ""


def test_naive_and_date_values():
    rows = [
        {"d": dt.date(2026, 1, 2), "t": dt.datetime(2026, 1, 2, 3, 4, tzinfo=ZoneInfo("Africa/Casablanca"))}
    ]
    body = _csv_body(export_rows(rows, [Column("d", "d"), Column("t", "t")]))
    assert "2026-01-02,2026-01-02 03:04" in body.decode("utf-8-sig")


def test_other_column_conventions():
    rows = [[1, "إنارة"], [2, "=cmd"]]
    body = _csv_body(export_rows(rows, ["رقم", "العنوان"])).decode("utf-8-sig")
    assert body.splitlines() == ["رقم,العنوان", "1,إنارة", "2,'=cmd"]
    objs = [{"t": "a"}]
    body = _csv_body(export_rows(objs, [("Title", lambda r: r["t"].upper()), ("t", "raw")])).decode(
        "utf-8-sig"
    )
    assert body.splitlines() == ["Title,raw", "A,a"]
