"""Exports of every remark and proposal (CSV, XLSX) and the printable PDF report, for staff only."""

import csv
import io

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pypdf import PdfReader

from participation.consultations.services import Card, remark_create
from tests.pdf_checks import assert_contains, assert_letters_not_glyph_forms, assert_reading_order

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
        response = client.get(consultation.url + suffix)
        assert (response.status_code, response["Location"]) == (302, f"/ar/accounts/login/?next={consultation.url}{suffix}")
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


def test_pdf_report_is_real_text_in_both_languages(client, focal, consultation, consultation_fr, projects, remarks):
    client.force_login(focal)
    response = client.get(consultation.url + "report/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = response.content
    assert len(PdfReader(io.BytesIO(data)).pages) >= 1
    # Letters, not presentation forms; each string reads as typed; parentheses the right way round.
    assert_letters_not_glyph_forms(data)
    with translation.override("ar"):
        assert_contains(data, consultation.title, _("Participation figures"), _("Remarks and proposals"),
                        projects[0].title_ar, projects[1].title_ar, "الإشكالية بالعربية", "فضاء رقمي للشباب",
                        "Remarque en français", "68", "70")
        young = _("Young people (under 35)")
        assert "(" in young
        assert_reading_order(data, young)
    response = client.get(consultation_fr.url + "report/pdf/")
    data = response.content
    assert_letters_not_glyph_forms(data)
    with translation.override("fr"):
        assert_contains(data, consultation_fr.title, _("Participants"), _("Remarks"), _("Young people (under 35)"),
                        projects[0].title_fr, "Remarque en français", "الإشكالية بالعربية", "فضاء رقمي للشباب")
