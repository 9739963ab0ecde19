"""Exports of every remark and proposal (CSV, XLSX) and the printable PDF report, for staff only."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from participation.consultations.services import Card, remark_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def remarks(consultation, projects, citizen):
    return [
        remark_create(consultation=consultation, project=projects[0], author=citizen,
                      card=Card(problem="الإشكالية بالعربية", solutions="=HYPERLINK(\"http://x\")")),
        remark_create(consultation=consultation, author=citizen, card=Card(free_remark="Remarque en français"),
                      proposal_title="فضاء رقمي للشباب"),
    ]


def test_exports_are_for_the_focal_point_only(client, consultation, remarks, citizen):
    for suffix in ("export/csv/", "export/xlsx/", "report/pdf/"):
        assert client.get(consultation.url + suffix).status_code in (302, 403)
        client.force_login(citizen)
        assert client.get(consultation.url + suffix).status_code == 403
        client.logout()


def test_csv_keeps_arabic_and_neutralises_formulas(client, focal, consultation, remarks):
    client.force_login(focal)
    response = client.get(consultation.url + "export/csv/")
    assert response.status_code == 200
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 3
    flat = " ".join(" ".join(r) for r in rows)
    assert "الإشكالية بالعربية" in flat and "Remarque en français" in flat and "فضاء رقمي للشباب" in flat
    assert "'=HYPERLINK" in flat


def test_xlsx_is_readable_and_right_to_left_in_arabic(client, focal, consultation, remarks):
    client.force_login(focal)
    response = client.get(consultation.url + "export/xlsx/")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 3
    assert any("الإشكالية بالعربية" == v for v in values[1])
    assert sheet.sheet_view.rightToLeft


def test_pdf_report_has_shaped_arabic_and_figures(client, focal, consultation, consultation_fr, remarks):
    client.force_login(focal)
    response = client.get(consultation.url + "report/pdf/")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 1
    # Arabic is shaped into presentation forms (U+FB50–U+FEFF) and laid out right to left
    assert any("\ufb50" <= ch <= "\ufeff" for ch in text)
    assert "68" in text
    response = client.get(consultation_fr.url + "report/pdf/")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Participants" in text and "Remarques" in text
