"""Importing open projects from CSV/XLSX: all rows or nothing, with a row-by-row report."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from participation.consultations.imports import parse_amount, projects_import
from participation.consultations.models import OpenProject

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "number,title_ar,title_fr,axis,estimated_cost,responsible_service_ar\n"
    "68,تجويد آليات التواصل,Améliorer la communication,communication,150 000,قسم التواصل\n"
    "69,إعداد دليل ترويجي,Guide promotionnel,التسويق الترابي,\"200000,50\",\n"
    "70,الصيانة والمحافظة على المناطق الخضراء,Espaces verts,quality_services,,\n"
    "85,ميزانية المواطن,Budget citoyen,Développement social,50000,\n"
    "86,الميزانية التشاركية,Budget participatif,social_development,1.000.000,\n"
)


def test_good_csv_imports_every_project_with_a_thread(consultation):
    report = projects_import(consultation=consultation, content=("\ufeff" + GOOD_CSV).encode(), filename="p.csv")
    assert report.ok, report.errors
    assert sorted(OpenProject.objects.values_list("number", flat=True)) == [68, 69, 70, 85, 86]
    p69 = OpenProject.objects.get(number=69)
    assert p69.axis == "territorial_marketing"
    assert p69.estimated_cost == Decimal("200000.50")
    assert OpenProject.objects.get(number=68).estimated_cost == Decimal("150000")
    assert OpenProject.objects.get(number=86).estimated_cost == Decimal("1000000")
    assert OpenProject.objects.get(number=85).axis == "social_development"
    assert all(p.contribution_id for p in OpenProject.objects.all())


def test_good_xlsx_imports(consultation):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["number", "title_ar", "title_fr", "estimated_cost"])
    sheet.append([68, "تجويد آليات التواصل", "Communication", 150000])
    sheet.append([70, "المناطق الخضراء", "Espaces verts", None])
    out = io.BytesIO()
    workbook.save(out)
    report = projects_import(consultation=consultation, content=out.getvalue(), filename="projects.xlsx")
    assert report.ok
    assert OpenProject.objects.count() == 2


def test_bad_rows_import_nothing_and_say_why(consultation, projects):
    bad = (
        "number,title_ar,axis,estimated_cost\n"
        "71,مشروع جيد,communication,100\n"  # fine on its own
        "abc,بلا رقم,,\n"  # bad number
        "72,,,\n"  # missing title
        "73,محور مجهول,astrologie,\n"  # unknown axis
        "74,كلفة خاطئة,,cent dirhams\n"  # bad amount
        "68,موجود,,\n"  # already in the consultation
        "71,مكرر,,\n"  # duplicate in the file
    )
    before = OpenProject.objects.count()
    report = projects_import(consultation=consultation, content=bad.encode(), filename="p.csv")
    assert not report.ok
    assert OpenProject.objects.count() == before
    rows = {error.row: " ".join(error.messages) for error in report.errors}
    assert set(rows) == {3, 4, 5, 6, 7, 8}
    assert "number" in rows[3].lower() or "رقم" in rows[3]
    assert "68" in rows[7]
    assert "2" in rows[8]  # points to the first row holding 71


@pytest.mark.parametrize(
    ("content", "filename"),
    [(b"", "p.csv"), (b"\xff\xfe\x00bad", "p.csv"), (b"not a zip", "p.xlsx"), (b"a,b\n1,2\n", "p.csv"), (b"x", "p.pdf")],
)
def test_unreadable_files_are_refused(consultation, content, filename):
    report = projects_import(consultation=consultation, content=content, filename=filename)
    assert not report.ok and report.file_error
    assert OpenProject.objects.count() == 0


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        *(("number", cell) for cell in ["infinity", "-Infinity", "NaN", "sNaN", "1e400", "12.5", "0"]),
        *(("estimated_cost", cell) for cell in ["infinity", "-Infinity", "NaN", "sNaN", "1e400"]),
    ],
)
def test_non_finite_or_odd_numbers_are_row_errors(consultation, column, cell):
    """A spreadsheet's numeric cell may hold "infinity" or "NaN" (Decimal reads both): a row
    error, never a server error, and nothing is imported."""
    values = {"number": "75", "estimated_cost": "100"} | {column: cell}
    content = f"number,title_ar,estimated_cost\n{values['number']},مشروع,{values['estimated_cost']}\n"
    report = projects_import(consultation=consultation, content=content.encode(), filename="p.csv")
    assert not report.ok
    assert [error.row for error in report.errors] == [2]
    assert OpenProject.objects.count() == 0


def test_amounts():
    assert parse_amount("") is None
    assert parse_amount("1 200 000") == Decimal("1200000")
    assert parse_amount("1,200,000") == Decimal("1200000")
    assert parse_amount("1200000,50") == Decimal("1200000.50")
    assert parse_amount("1.200.000,50") == Decimal("1200000.50")
    assert parse_amount("150000 درهم") == Decimal("150000")
    with pytest.raises(ValueError):
        parse_amount("-5")
    for odd in ("infinity", "NaN", "sNaN"):
        with pytest.raises(ValueError):
            parse_amount(odd)


def test_admin_import_view_reports_rows_and_imports(client, focal, consultation):
    client.force_login(focal)
    index = client.get("/admin/consultations/")
    assert index.status_code == 200 and consultation.title in index.content.decode()
    url = f"/admin/consultations/{consultation.pk}/import/"
    assert client.get(url).status_code == 200
    bad = io.BytesIO(b"number,title_ar\nx,y\n")
    bad.name = "p.csv"
    response = client.post(url, {"file": bad})
    assert response.status_code == 200
    assert OpenProject.objects.count() == 0
    good = io.BytesIO(GOOD_CSV.encode())
    good.name = "p.csv"
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    assert OpenProject.objects.count() == 5


def test_admin_views_refuse_citizens(client, citizen, consultation):
    client.force_login(citizen)
    for suffix in ("", "import/", "paper/", "synthesis/"):
        response = client.get(f"/admin/consultations/{consultation.pk}/{suffix}")
        assert response.status_code == 403, suffix


def test_focal_point_adds_a_project_in_the_admin(client, focal, consultation):
    client.force_login(focal)
    url = f"/admin/snippets/consultations/openproject/add/?consultation={consultation.pk}"
    response = client.get(url)
    assert response.status_code == 200
    assert f'name="consultation" value="{consultation.pk}"' in response.content.decode()  # page chooser
    response = client.post(url, {"consultation": consultation.pk, "number": 71, "axis": "communication",
                                 "title_ar": "مشروع جديد", "title_fr": "Nouveau projet"})
    assert response.status_code == 302, response.content.decode()[:2000]
    project = OpenProject.objects.get(number=71)
    assert project.contribution_id  # its participation thread exists
