"""Importing a programme from a spreadsheet: the round trip with the export, re-imports by numbers,
and every kind of bad input refused with a translated message and nothing half-imported."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from participation.core.rules import ActionRefused
from participation.programme.exports import programme_projects_csv, programme_xlsx
from participation.programme.imports import programme_import
from participation.programme.models import (
    Activity,
    Axis,
    FundingLine,
    Indicator,
    IndicatorValue,
    Project,
    ProjectStatus,
)
from site_template.communes.models import Neighbourhood
from tests.programme.conftest import make_programme

pytestmark = pytest.mark.django_db

SKIPPED = {"id", "programme", "contribution", "created_at", "updated_at"}


def _fields(obj) -> dict:
    """Every field of a row, its relations by their numbers (ids differ between programmes)."""
    values = {}
    for f in type(obj)._meta.concrete_fields:
        if f.name in SKIPPED:
            continue
        if isinstance(f, models.ForeignKey):
            related = getattr(obj, f.name)
            values[f.name] = related.number if hasattr(related, "number") else related.pk
        else:
            values[f.name] = getattr(obj, f.attname)
    return values


def snapshot(programme) -> dict:
    return {
        "axes": sorted((_fields(a) for a in Axis.objects.filter(programme=programme)), key=lambda v: v["number"]),
        "projects": sorted(
            ({**_fields(p), "neighbourhoods": sorted(n.pk for n in p.neighbourhoods.all())}
             for p in Project.objects.filter(programme=programme).prefetch_related("neighbourhoods")),
            key=lambda v: v["number"],
        ),
        "activities": sorted(
            ((a.project.number, _fields(a)) for a in Activity.objects.filter(project__programme=programme)
             .select_related("project")), key=lambda v: (v[0], v[1]["number"])),
        "indicators": sorted(
            ((i.project.number, _fields(i)) for i in Indicator.objects.filter(project__programme=programme)
             .select_related("project")), key=lambda v: (v[0], v[1]["number"])),
        "values": sorted(
            ((v.indicator.project.number, _fields(v)) for v in IndicatorValue.objects
             .filter(indicator__project__programme=programme).select_related("indicator__project")),
            key=lambda v: (v[0], v[1]["indicator"], v[1]["year"])),
        "funding": sorted(
            ((f.project.number, _fields(f)) for f in FundingLine.objects.filter(project__programme=programme)
             .select_related("project")), key=lambda v: (v[0], v[1]["year"], v[1]["source_ar"])),
    }


def _enrich(programme, commune_site):
    """Texts of every kind on top of build_programme: neighbourhoods, multi-line texts, text that
    looks like a formula, odd amounts, empty optional figures."""
    hay = Neighbourhood.objects.create(site=commune_site, name_ar="حي السلام", name_fr="Salam")
    other = Neighbourhood.objects.create(site=commune_site, name_ar="حي النهضة", name_fr="Nahda")
    project = Project.objects.get(programme=programme, number=1)
    project.neighbourhoods.set([hay, other])
    Project.objects.filter(pk=project.pk).update(
        specific_objectives_ar="- تحسين الخدمات\n- تقريب الإدارة", partners_fr="=INDH", responsible_service_ar="قسم الأشغال",
        general_objective_fr="Objectif général", expected_results_fr="+ résultat", starts_on=None,
    )
    FundingLine.objects.filter(project=project, year=2024).update(planned=Decimal("1234567.89"), spent=Decimal("0.05"))
    Indicator.objects.filter(project=project, number=1).update(baseline=None, target=Decimal("12.50"), source_fr="Rapport")


def test_round_trip_leaves_every_field_identical(home_ar, commune_site, programme, projects, programme_focal):
    _enrich(programme, commune_site)
    content = programme_xlsx(programme)
    fresh, _fresh_fr = make_programme(home_ar, slug="programme-copy")
    report = programme_import(programme=fresh, content=content, filename="pac.xlsx", by=programme_focal)
    assert report.ok, (report.file_error, report.errors)
    assert report.counts["projects"] == {"created": 12, "updated": 0}
    original, copy = snapshot(programme), snapshot(fresh)
    for table in original:
        assert copy[table] == original[table], table
    assert len(copy["projects"]) == 12 and len(copy["values"]) == 72
    assert all(p.contribution_id for p in Project.objects.filter(programme=fresh))  # participation threads
    # The same file a second time changes nothing and duplicates nothing.
    again = programme_import(programme=fresh, content=content, filename="pac.xlsx", by=programme_focal)
    assert again.ok
    assert again.counts["projects"] == {"created": 0, "updated": 0}
    assert all(c == {"created": 0, "updated": 0} for c in again.counts.values()), again.counts
    assert snapshot(fresh) == copy


def test_reimport_updates_by_numbers_without_duplicates(programme, projects, programme_focal):
    workbook = load_workbook(io.BytesIO(programme_xlsx(programme)))
    sheet = workbook["projects"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("title_fr") + 1, value="Projet renommé")
    sheet.cell(row=2, column=header.index("progress") + 1, value=90)
    sheet.cell(row=2, column=header.index("status") + 1, value="done")  # read, never imported
    funding = workbook["funding"]
    fheader = [c.value for c in funding[1]]
    funding.cell(row=2, column=fheader.index("spent") + 1, value=55000)
    funding.append([1, 2026, "الجهة", "Région", 10, 0, 0])  # a new line
    values = workbook["indicator_values"]
    values.append([1, 1, 2026, 80, None, None])
    out = io.BytesIO()
    workbook.save(out)
    counts = {model: model.objects.count() for model in (Axis, Project, Activity, Indicator, IndicatorValue, FundingLine)}
    report = programme_import(programme=programme, content=out.getvalue(), filename="pac.xlsx", by=programme_focal)
    assert report.ok, report.errors
    project = Project.objects.get(programme=programme, number=1)
    assert (project.title_fr, project.progress, project.status) == ("Projet renommé", 90, ProjectStatus.PLANNED)
    assert report.counts["projects"] == {"created": 0, "updated": 1}
    assert report.counts["funding"] == {"created": 1, "updated": 1}
    assert FundingLine.objects.filter(project=project, year=2023).get().spent == Decimal("55000")
    assert IndicatorValue.objects.get(indicator__project=project, indicator__number=1, year=2026).value == 80
    after = {model: model.objects.count() for model in counts}
    assert after[FundingLine] == counts[FundingLine] + 1
    assert after[IndicatorValue] == counts[IndicatorValue] + 1
    assert all(after[m] == counts[m] for m in (Axis, Project, Activity, Indicator))


def test_projects_csv_reimports(programme, projects, programme_focal):
    csv_text = programme_projects_csv(programme).replace("Projet 3,", "Projet trois,")
    report = programme_import(programme=programme, content=csv_text.encode("utf-8"), filename="p.csv",
                              by=programme_focal)
    assert report.ok, (report.file_error, report.errors)
    assert Project.objects.get(programme=programme, number=3).title_fr == "Projet trois"
    assert Project.objects.filter(programme=programme).count() == 12


def test_new_programme_from_a_small_workbook_with_arabic_names(programme, programme_focal):
    workbook = Workbook()
    axes = workbook.active
    axes.title = "المحاور"
    axes.append(["الرقم", "العنوان", "titre"])
    axes.append([1, "تحسين جودة الخدمات", "Qualité des services"])
    projects = workbook.create_sheet("Projets")
    projects.append(["numéro", "axe", "العنوان", "date de début", "date de fin", "avancement"])
    projects.append([7, 1, "تأهيل السوق", "01/03/2024", dt.datetime(2025, 6, 30), 10])
    funding = workbook.create_sheet("financement")
    funding.append(["projet", "année", "source_ar", "prévu", "engagé", "dépensé"])
    funding.append([7, 2024, "ميزانية الجماعة", "1 234 567,89", "1234567.89", 1000])
    workbook.create_sheet("notes").append(["ملاحظات"])
    out = io.BytesIO()
    workbook.save(out)
    report = programme_import(programme=programme, content=out.getvalue(), filename="pac.xlsx", by=programme_focal)
    assert report.ok, (report.file_error, report.errors)
    assert len(report.notices) == 1 and "notes" in report.notices[0]
    project = Project.objects.get(programme=programme, number=7)
    assert (project.starts_on, project.ends_on, project.progress) == (dt.date(2024, 3, 1), dt.date(2025, 6, 30), 10)
    line = project.funding_lines.get()
    assert (line.planned, line.committed, line.spent) == (Decimal("1234567.89"), Decimal("1234567.89"), 1000)
    assert project.contribution_id


def test_a_citizen_cannot_import(programme, citizen):
    with pytest.raises(ActionRefused):
        programme_import(programme=programme, content=b"", filename="p.xlsx", by=citizen)


# -- bad input ---------------------------------------------------------------------------------


def _xlsx(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _nothing_written(programme, before):
    assert snapshot(programme) == before


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_bad_rows_are_reported_by_sheet_and_row_and_nothing_is_written(language, programme, projects,
                                                                        programme_focal):
    before = snapshot(programme)
    content = _xlsx({
        "axes": [["number", "title_ar"], [4, "محور جديد"], [4, "مكرر"]],
        "projects": [
            ["number", "axis", "title_ar", "starts_on", "ends_on"],
            [50, 4, "مشروع جيد", "2024-01-01", "2024-12-31"],  # fine on its own
            [51, 9, "محور مجهول", None, None],  # unknown axis
            [52, 1, "تواريخ مقلوبة", "2025-01-01", "2024-01-01"],  # end before start
            [53, 1, "تاريخ خاطئ", "demain", None],
        ],
        "funding": [
            ["project", "year", "source_ar", "planned", "spent"],
            [1, 2024, "ميزانية", "cent mille", 0],  # text in an amount cell
            [1, 2024, "جهة", -5, 0],  # negative
            [99, 2024, "ميزانية", 10, 0],  # unknown project
        ],
        "indicator_values": [
            ["project", "indicator", "year", "value", "women", "men"],
            [1, 2, 2024, 30, 10, 10],  # women + men ≠ value
            [1, 7, 2024, 30, None, None],  # unknown indicator
        ],
    })
    with translation.override(language):
        report = programme_import(programme=programme, content=content, filename="pac.xlsx", by=programme_focal)
    assert not report.ok
    _nothing_written(programme, before)
    errors = {(e.sheet, e.row): " ".join(e.messages) for e in report.errors}
    assert set(errors) == {("axes", 3), ("projects", 3), ("projects", 4), ("projects", 5), ("funding", 2),
                           ("funding", 3), ("funding", 4), ("indicator_values", 2), ("indicator_values", 3)}
    assert "2" in errors[("axes", 3)]  # points to the first row
    assert "9" in errors[("projects", 3)] and "99" in errors[("funding", 4)]
    assert "cent mille" in errors[("funding", 2)]
    with translation.override(language):  # the messages are the translated ones of the visitor's language
        assert str(_("The end date cannot come before the start date.")) in errors[("projects", 4)]
        assert str(_("Women and men must add up to the value.")) in errors[("indicator_values", 2)]
        assert _("An amount cannot be negative (“%(value)s”).") % {"value": "-5"} in errors[("funding", 3)]
        assert _("“%(value)s” is not a date (e.g. 2025-03-31 or 31/03/2025).") % {"value": "demain"} in errors[
            ("projects", 5)]


def test_wrong_columns_are_refused(programme, projects, programme_focal):
    before = snapshot(programme)
    content = _xlsx({"projects": [["numero", "couleur", "axis", "axis"], [1, "rouge", 1, 1]],
                     "activities": [["number", "title_ar"], [1, "نشاط"]]})
    with translation.override("fr"):
        report = programme_import(programme=programme, content=content, filename="pac.xlsx", by=programme_focal)
    assert not report.ok
    messages = {e.sheet: " ".join(e.messages) for e in report.errors}
    assert "Colonnes inconnues : couleur" in messages["projects"] and "axis" in messages["projects"]
    assert "project" in messages["activities"]  # the missing column
    assert all(e.row == 1 for e in report.errors)
    _nothing_written(programme, before)


def test_a_formula_cell_is_refused_with_its_cell(programme, projects, programme_focal):
    before = snapshot(programme)
    content = _xlsx({"funding": [["project", "year", "source_ar", "planned"], [1, 2024, "ميزانية الجماعة", "=2*3"]]})
    with translation.override("fr"):
        report = programme_import(programme=programme, content=content, filename="pac.xlsx", by=programme_focal)
    assert not report.ok
    [error] = report.errors
    assert (error.sheet, error.row) == ("funding", 2)
    assert "D2" in " ".join(error.messages)
    _nothing_written(programme, before)


def test_ten_thousand_rows_are_refused_naming_the_limit(programme, programme_focal):
    rows = [["number", "title_ar"]] + [[n, f"محور {n}"] for n in range(1, 10_001)]
    with translation.override("fr"):
        report = programme_import(programme=programme, content=_xlsx({"axes": rows}), filename="pac.xlsx",
                                  by=programme_focal)
    assert not report.ok and "5000" in report.file_error and "axes" in report.file_error
    assert not Axis.objects.exists()


def test_a_fifty_megabyte_file_is_refused_before_reading(programme, programme_focal, monkeypatch):
    import participation.core.spreadsheets as spreadsheets

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(spreadsheets, "read_workbook", no_reading)
    monkeypatch.setattr("participation.programme.imports.read_workbook", no_reading)
    with translation.override("fr"):
        report = programme_import(programme=programme, content=b"\0" * (50 * 1024 * 1024), filename="pac.xlsx",
                                  by=programme_focal)
        assert not report.ok
        assert report.file_error == _("The file is too large: %(size)s MB at most.") % {"size": "5"}
    assert not Axis.objects.exists()


@pytest.mark.parametrize(
    ("content", "filename"),
    [(b"", "p.xlsx"), (b"not a zip", "p.xlsx"), (b"\xff\xfe\x00bad", "p.csv"), (b"a,b\n1,2\n", "p.csv"),
     (b"x", "p.pdf"), (b"", "p.csv")],
)
def test_unreadable_files_are_refused(programme, programme_focal, content, filename):
    report = programme_import(programme=programme, content=content, filename=filename, by=programme_focal)
    assert not report.ok and report.file_error
    assert not Axis.objects.exists()


def test_imports_read_in_bulk(programme, projects, programme_focal, django_assert_max_num_queries):
    content = programme_xlsx(programme)
    with django_assert_max_num_queries(30):
        report = programme_import(programme=programme, content=content, filename="pac.xlsx", by=programme_focal)
    assert report.ok


# -- the cells ---------------------------------------------------------------------------------


def test_cells_read_as_amounts_numbers_and_dates():
    from participation.core.spreadsheets import (
        CellError,
        cell_text,
        parse_amount,
        parse_date,
        parse_whole_number,
    )

    assert parse_amount("1 234 567,89") == Decimal("1234567.89")
    assert parse_amount("1\u202f234\u202f567,89") == Decimal("1234567.89")
    assert parse_amount("1234567.89") == Decimal("1234567.89")
    assert parse_amount(1234567.89) == Decimal("1234567.89")  # an Excel number cell
    assert parse_amount(150000) == Decimal("150000")
    assert parse_amount(None) is None and parse_amount("") is None
    assert parse_amount("-2,5", negative=True) == Decimal("-2.5")
    for bad in ("cent mille", "12 abc", "NaN", "infinity", -1, "-1"):
        with pytest.raises(CellError):
            parse_amount(bad)
    assert parse_whole_number(68.0) == 68 and parse_whole_number("0", minimum=0) == 0
    for bad in (12.5, "douze", "0", True):
        with pytest.raises(CellError):
            parse_whole_number(bad)
    assert parse_date("2025-03-31") == parse_date("31/03/2025") == dt.date(2025, 3, 31)
    assert parse_date(dt.datetime(2025, 3, 31, 0, 0)) == dt.date(2025, 3, 31)
    assert parse_date(45747) == dt.date(2025, 3, 31)  # an Excel day number
    assert parse_date("") is None
    for bad in ("31/13/2025", "demain", -3):
        with pytest.raises(CellError):
            parse_date(bad)
    assert cell_text("'=INDH") == "=INDH" and cell_text(" texte ") == "texte" and cell_text(7.0) == "7"


def test_semicolon_csv_of_funding_lines(programme, projects, programme_focal):
    content = "projet;année;source_ar;prévu;engagé;dépensé\n2;2027;الجهة;\"1 500 000,50\";0;0\n".encode()
    report = programme_import(programme=programme, content=content, filename="financement.csv", by=programme_focal)
    assert report.ok, (report.file_error, report.errors)
    assert report.counts == {"funding": {"created": 1, "updated": 0}}
    line = FundingLine.objects.get(project__programme=programme, project__number=2, year=2027)
    assert line.planned == Decimal("1500000.50")


def test_unknown_neighbourhood_and_a_new_project_without_axis(programme, projects, programme_focal, commune_site):
    Neighbourhood.objects.create(site=commune_site, name_ar="حي السلام", name_fr="Salam")
    before = snapshot(programme)
    content = _xlsx({"projects": [["number", "axis", "title_ar", "neighbourhoods"],
                                  [1, 1, "المشروع 1", "حي السلام؛ حي مجهول"],
                                  [60, None, "مشروع بلا محور", ""]]})
    report = programme_import(programme=programme, content=content, filename="pac.xlsx", by=programme_focal)
    assert not report.ok
    errors = {e.row: " ".join(e.messages) for e in report.errors}
    assert set(errors) == {2, 3} and "حي مجهول" in errors[2] and "axis" in errors[3]
    _nothing_written(programme, before)
    content = _xlsx({"projects": [["number", "quartiers"], [1, "salam"]]})  # French name, any case
    report = programme_import(programme=programme, content=content, filename="pac.xlsx", by=programme_focal)
    assert report.ok, report.errors
    assert list(Project.objects.get(programme=programme, number=1).neighbourhoods.values_list("name_ar", flat=True)) == [
        "حي السلام"]


def test_a_failure_while_saving_leaves_nothing_half_imported(home_ar, programme, projects, programme_focal,
                                                              monkeypatch):
    from django.db import DatabaseError

    import participation.programme.services as services

    content = programme_xlsx(programme)
    fresh, _fresh_fr = make_programme(home_ar, slug="programme-copy")
    saved = []
    real_save = services.project_save

    def failing_save(*, project):
        if len(saved) == 5:
            raise DatabaseError("disk full")
        saved.append(project.number)
        return real_save(project=project)

    monkeypatch.setattr(services, "project_save", failing_save)
    report = programme_import(programme=fresh, content=content, filename="pac.xlsx", by=programme_focal)
    assert not report.ok and report.file_error and report.counts == {}
    assert saved == [1, 2, 3, 4, 5]  # the axes and five projects were written, then rolled back
    assert not Axis.objects.filter(programme=fresh).exists()
    assert not Project.objects.filter(programme=fresh).exists()
