"""The charter's open data (charter-public): the commitments with their values and statuses as
CSV, every public table as XLSX, the whole charter as JSON; public data only (no unpublished
evaluation, no account), the same from the Arabic and the French page."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from participation.charter.exports import SHEETS
from participation.core import services as core_services
from tests.charter.conftest import make_commitment
from tests.charter.public_data import TEST_KEY, build_charter, indicator_registered

pytestmark = pytest.mark.django_db


def test_csv_lists_the_commitments_with_values_statuses_and_citizens_counts(client, charter, principles, make_citizen):
    charter_ar, charter_fr = charter
    raters = [make_citizen(email=f"rater{n}@example.ma") for n in range(2)]
    build_charter(charter_ar, principles, commitments=4, raters=raters)
    response = client.get(charter_fr.url + "data/csv/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"] and "commitments.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(SHEETS["commitments"])
    assert [r["number"] for r in rows] == ["1", "2", "3", "4"]
    first = rows[0]
    assert first["title_ar"] == "الالتزام 1" and first["title_fr"] == "Engagement 1"
    assert first["status"] == "not_started" and first["value"] == "1.00" and first["computed"] == "0"
    assert first["progress"] == "10.0" and first["principle"] == next(iter(principles))
    # commitment 1 rated 2 (partly) by both raters
    assert (first["citizens_kept"], first["citizens_partly"], first["citizens_not_kept"]) == ("0", "2", "0")
    assert "rater0@example.ma" not in text
    assert client.get(charter_ar.url + "data/csv/").content == response.content


def test_xlsx_has_the_public_tables_and_json_the_whole_charter(client, charter, principles):
    charter_ar, charter_fr = charter
    build_charter(charter_ar, principles, commitments=3)
    response = client.get(charter_ar.url + "data/xlsx/")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["commitments", "evaluations", "findings"]
    evaluations = list(workbook["evaluations"].iter_rows(values_only=True))
    assert evaluations[0] == SHEETS["evaluations"] and len(evaluations) == 3  # two published, not the hidden one
    findings = list(workbook["findings"].iter_rows(values_only=True))
    assert len(findings) == 1 + 2 * 3 and not any("ملاحظة سرية" in str(row) for row in findings)

    data = json.loads(client.get(charter_fr.url + "data/json/").content)
    assert data["layout"] == "charter/1"
    assert data["charter"]["title"] == {"ar": "ميثاق المشاركة", "fr": "Charte de la participation"}
    assert [c["number"] for c in data["commitments"]] == [1, 2, 3]
    assert data["commitments"][0]["target"] == "10.00" and data["commitments"][0]["computed"] is False
    assert [e["score"] for e in data["evaluations"]] == ["40.00", "60.00"]
    assert [f["commitment"] for f in data["evaluations"][0]["findings"]] == [1, 2, 3]
    assert "99.00" not in json.dumps(data)
    assert client.get(charter_fr.url + "data/pdf/").status_code == 404


def test_computed_values_and_their_evidence_in_the_open_data(client, charter, principles):
    charter_ar, _fr = charter
    make_commitment(charter_ar, principles["participation"], number=1, indicator_source=TEST_KEY,
                    target=Decimal("2"))
    make_commitment(charter_ar, principles["participation"], number=2, indicator_source="not.installed")
    with indicator_registered():
        core_services.contribution_create(page=charter_ar, author=None, kind="suggestion", title="إنارة الحي",
                                          text="نص", entered_by_staff=True)
        data = json.loads(client.get(charter_ar.url + "data/json/").content)
    computed, missing = data["commitments"]
    assert computed["computed"] is True and computed["value"] == "1.00" and computed["progress"] == 50.0
    assert computed["period_start"].endswith("-01-01") and computed["evidence"][0]["title"] == "إنارة الحي"
    assert missing["computed"] is True and missing["value"] is None and missing["evidence"] == []
