"""The charter's open-data layout document (participation/charter/DATA_LAYOUT.md) says what the
export writes: every sheet and column named in its tables is in the files served by `data/<fmt>/`,
in the same order, and every column of the files is in the document; the codes it lists are the
models' and the formats it lists are the route's."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from participation.charter import exports
from participation.charter.models import CommitmentStatus, Evaluator
from participation.charter.principles import PRINCIPLES
from participation.charter.views.charter import FORMATS
from tests.charter.public_data import build_charter

DOCUMENT = Path(exports.__file__).with_name("DATA_LAYOUT.md")


def _section(text: str, heading: str) -> str:
    """The text under the ``## heading`` up to the next ``## ``."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, heading
    return match.group(1)


def _rows(table: str) -> list[list[str]]:
    """The body rows of the first Markdown table in ``table``, as cells."""
    lines = [line for line in table.splitlines() if line.startswith("|")]
    assert len(lines) > 2 and set(lines[1].replace("|", "").strip()) <= set("-: "), lines[:2]
    return [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines[2:]]


def _names(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def documented_tables() -> dict[str, dict[str, list[str]]]:
    """``{sheet: {column: [the codes named in its Content cell]}}``, in the document's order."""
    tables = _section(DOCUMENT.read_text(encoding="utf-8"), "Tables")
    parts = re.split(r"^### `(\w+)`.*$", tables, flags=re.M)
    documented: dict[str, dict[str, list[str]]] = {}
    for sheet, body in zip(parts[1::2], parts[2::2], strict=True):
        columns: dict[str, list[str]] = {}
        for row in _rows(body):
            for name in _names(row[0]):
                assert name not in columns, (sheet, name)
                columns[name] = _names(row[-1])
        documented[sheet] = columns
    return documented


def test_the_document_names_the_layout_version():
    text = DOCUMENT.read_text(encoding="utf-8")
    assert text.splitlines()[0].endswith(f"(`{exports.LAYOUT_VERSION}`)")
    assert f'"layout": "{exports.LAYOUT_VERSION}"' in _section(text, "JSON")


def test_every_documented_column_is_exported_and_every_exported_column_documented():
    documented = documented_tables()
    assert list(documented) == list(exports.SHEETS)
    for sheet, columns in exports.SHEETS.items():
        assert list(documented[sheet]) == list(columns), sheet


def test_the_codes_listed_are_the_models():
    commitments, evaluations = documented_tables()["commitments"], documented_tables()["evaluations"]
    assert commitments["status"] == list(CommitmentStatus.values)
    assert evaluations["evaluator"] == list(Evaluator.values)
    assert commitments["principle"] == [p.code for p in PRINCIPLES]


def test_the_files_listed_are_the_formats_served():
    files = _rows(DOCUMENT.read_text(encoding="utf-8").split("## ", 1)[0])
    assert [_names(row[0]) for row in files] == [[f"data/{fmt}/"] for fmt in ("csv", "xlsx", "json")]
    assert sorted(FORMATS) == ["csv", "json", "xlsx"]


@pytest.mark.django_db
def test_the_files_served_have_the_documented_columns(client, charter, principles, make_citizen):
    charter_ar, charter_fr = charter
    build_charter(charter_ar, principles, commitments=3, raters=[make_citizen(email="rater@example.ma")])
    documented = {sheet: list(columns) for sheet, columns in documented_tables().items()}

    text = client.get(charter_fr.url + "data/csv/").content.decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text))) == documented["commitments"]

    workbook = load_workbook(io.BytesIO(client.get(charter_ar.url + "data/xlsx/").content), read_only=True)
    assert workbook.sheetnames == list(documented)
    for sheet, columns in documented.items():
        assert list(next(workbook[sheet].iter_rows(values_only=True))) == columns, sheet

    data = json.loads(client.get(charter_fr.url + "data/json/").content)
    assert list(data) == ["layout", "charter", "commitments", "evaluations"]
    assert list(data["charter"]) == ["title", "url", "adoption_date"]
    assert list(data["commitments"][0]) == [*documented["commitments"], "evidence"]
    assert list(data["evaluations"][0]) == [*documented["evaluations"], "findings"]
    assert list(data["evaluations"][0]["findings"][0]) == [
        c for c in documented["findings"] if c != "evaluation"
    ]
    assert client.get(charter_fr.url + "data/ods/").status_code == 404
