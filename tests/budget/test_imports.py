"""Importing a budget year from a spreadsheet (``participation.budget.imports``): a year of 300
lines from XLSX and CSV, re-imports that update the year by the lines' codes, the chapter totals
checked as warnings, the lines citizens asked about kept, and every kind of bad input refused
with its message and nothing written."""

from __future__ import annotations

import io
import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook
from wagtail import hooks

from participation.budget.imports import budget_year_import
from participation.budget.models import QUESTION_KIND, BudgetLine, BudgetYear, Chapter, LineQuestion, Sector
from participation.core.conversion import TRACKED_ITEMS_HOOK, TrackedItem
from participation.core.rules import ActionRefused
from site_template.communes.roles import Role
from site_template.communes.services import CommuneSpec, commune_create
from tests.budget.conftest import make_budget
from tests.budget.spreadsheets import budget_csv, budget_workbook, sample_lines, sample_rows
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home_ar):
    """A budget page with its eight sectors and no year."""
    return make_budget(home_ar)[0]


def upload(content: bytes, name: str = "budget.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def run(page, user, content: bytes, *, year: int = 2027, name: str = "budget.xlsx"):
    """The import, its messages in English (the msgids: the translations come at merge)."""
    with translation.override("en"):
        return budget_year_import(budget=page, year=year, uploaded_file=upload(content, name), by=user)


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in (BudgetYear, BudgetLine, Chapter, Sector)}


def amounts(budget_year) -> dict:
    return {
        (line.direction, line.section, line.chapter.code, line.article, line.paragraph):
            (line.label_ar, line.label_fr, line.sector.code if line.sector else "", line.voted, line.amendments,
             line.executed)
        for line in BudgetLine.objects.filter(budget_year=budget_year).select_related("chapter", "sector")
    }


def expected(rows) -> dict:
    return {
        (r["direction"], r["section"], r["chapter"], r["article"], r["paragraph"]):
            (r["label_ar"], r["label_fr"], r["sector"], r["voted"], r["amendments"], r["executed"])
        for r in rows if r["article"]
    }


# -- a valid year --------------------------------------------------------------------------------


def test_a_workbook_of_300_lines_creates_the_year_unpublished(page, communicator):
    rows = list(sample_rows(2027, 300))
    report = run(page, communicator, budget_workbook(rows))
    assert report.ok, (report.file_error, report.errors)
    assert report.warnings == []
    assert report.counts["lines"] == {"created": 300, "updated": 0, "deleted": 0, "kept": 0}
    assert report.counts["chapters"] == {"created": 20, "updated": 0}
    budget_year = BudgetYear.objects.get(budget=page, year=2027)
    assert not budget_year.is_published and not budget_year.has_account and budget_year.imported_at is not None
    assert amounts(budget_year) == expected(rows)
    chapter = Chapter.objects.get(budget=page, direction="expense", section="investment", code="30")
    assert (chapter.name_ar, chapter.name_fr, chapter.explanation_ar) == ("الباب 30", "Chapitre 30", "")


def test_the_csv_of_the_lines_imports_the_same_year(page, communicator):
    rows = list(sample_rows(2027, 300))
    report = run(page, communicator, budget_csv(rows), name="budget.csv")
    assert report.ok, (report.file_error, report.errors)
    assert report.counts["lines"]["created"] == 300
    assert amounts(BudgetYear.objects.get(budget=page, year=2027)) == expected(rows)


def test_arabic_and_french_names_of_columns_values_and_sheets(page, communicator):
    rows = [
        {"direction": "مداخيل", "section": "التسيير", "chapter": 10, "article": None, "label_ar": "الضرائب",
         "voted": "1 500 000,00"},
        {"direction": "Recettes", "section": "Fonctionnement", "chapter": 10, "article": 10, "paragraph": 11,
         "label_ar": "الرسم المهني", "voted": "1 500 000,00"},
        {"direction": "dépenses", "section": "équipement", "chapter": 10, "article": "", "label_ar": "البنيات",
         "voted": 250000},
        {"direction": "مصاريف", "section": "التجهيز", "chapter": "10", "article": "20", "label_ar": "تهيئة الطرق",
         "sector": 20, "voted": 250000, "executed": "100000 درهم"},
    ]
    columns = ["النوع", "الجزء", "الفصل", "المادة", "الفقرة", "البيان", "القطاع", "crédits votés", "exécuté"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "السطور"
    sheet.append(columns)
    for r in rows:
        sheet.append([r.get(k) for k in ("direction", "section", "chapter", "article", "paragraph", "label_ar",
                                          "sector", "voted", "executed")])
    workbook.create_sheet("ملاحظات").append(["ملاحظة"])
    out = io.BytesIO()
    workbook.save(out)
    report = run(page, communicator, out.getvalue())
    assert report.ok, (report.file_error, report.errors)
    assert report.notices == ["The sheet “ملاحظات” is not part of the layout: it was ignored."]
    lines = amounts(BudgetYear.objects.get(budget=page, year=2027))
    assert lines == {
        ("revenue", "operating", "10", "10", "11"): ("الرسم المهني", "", "", Decimal("1500000.00"), 0, None),
        ("expense", "investment", "10", "20", ""): ("تهيئة الطرق", "", "20", Decimal("250000"), 0,
                                                     Decimal("100000")),
    }


def test_a_sectors_sheet_adds_and_renames_sectors_but_keeps_their_explanations(page, communicator):
    roads = Sector.objects.get(budget=page, code="20")
    explanation = roads.explanation_ar
    lines = [{"direction": "expense", "section": "operating", "chapter": "10", "article": "", "label_ar": "الباب"},
             {"direction": "expense", "section": "operating", "chapter": "10", "article": "10", "label_ar": "نقل",
              "sector": "90", "voted": 5000},
             {"direction": "expense", "section": "operating", "chapter": "10", "article": "20", "label_ar": "طرق",
              "sector": "20", "voted": 7000}]
    sectors = [{"code": "90", "name_ar": "النقل الحضري", "name_fr": "Transport urbain", "explanation_ar": "ignored"},
               {"code": "20", "name_ar": "الطرق", "name_fr": "Voirie", "explanation_ar": "ignored"}]
    report = run(page, communicator, budget_workbook(lines, sectors))
    assert report.ok, (report.file_error, report.errors)
    assert report.counts["sectors"] == {"created": 1, "updated": 1}
    new = Sector.objects.get(budget=page, code="90")
    assert (new.name_ar, new.name_fr, new.explanation_ar) == ("النقل الحضري", "Transport urbain", "")
    roads.refresh_from_db()
    assert (roads.name_ar, roads.name_fr, roads.explanation_ar) == ("الطرق", "Voirie", explanation)
    assert BudgetLine.objects.get(article="10").sector == new


def test_chapter_rows_rename_chapters_but_never_touch_their_explanations(page, communicator):
    chapter = Chapter.objects.create(budget=page, direction="revenue", section="operating", code="10",
                                     name_ar="قديم", name_fr="Ancien", explanation_ar="شرح المكلف بالتواصل")
    rows = [{"direction": "revenue", "section": "operating", "chapter": "10", "article": "", "label_ar": "جديد",
             "label_fr": "Nouveau"},
            {"direction": "revenue", "section": "operating", "chapter": "10", "article": "10", "label_ar": "سطر",
             "voted": 10}]
    assert run(page, communicator, budget_workbook(rows)).ok
    chapter.refresh_from_db()
    assert (chapter.name_ar, chapter.name_fr, chapter.explanation_ar) == ("جديد", "Nouveau", "شرح المكلف بالتواصل")


def test_a_line_may_point_at_a_programme_project(page, communicator):
    project = ContributionFactory(page=page, title="مشروع 12")
    items = [TrackedItem(references=("action-programme/12", "12"), contribution=project, label="12")]
    rows = [{"direction": "expense", "section": "investment", "chapter": "10", "article": "", "label_ar": "باب"},
            {"direction": "expense", "section": "investment", "chapter": "10", "article": "10", "label_ar": "سوق",
             "voted": 10, "programme_project": 12},
            {"direction": "expense", "section": "investment", "chapter": "10", "article": "20", "label_ar": "طريق",
             "voted": 10, "programme_project": "action-programme/12"}]
    with hooks.register_temporarily(TRACKED_ITEMS_HOOK, lambda site: items):
        report = run(page, communicator, budget_workbook(rows))
    assert report.ok, report.errors
    assert set(BudgetLine.objects.values_list("tracked_project", flat=True)) == {project.pk}


def test_the_cached_anonymous_pages_are_renewed(page, communicator, django_capture_on_commit_callbacks):
    from participation.core.caching import content_version

    before = content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert run(page, communicator, budget_workbook(list(sample_rows(2027, 8)))).ok
    assert content_version() != before and len(callbacks) >= 1
    after = content_version()
    assert not run(page, communicator, budget_workbook([line(voted="x")])).ok
    assert content_version() == after  # a refused file changes nothing


# -- re-imports --------------------------------------------------------------------------------


def test_reimport_updates_amounts_creates_and_deletes_by_codes(page, communicator):
    rows = list(sample_rows(2027, 300))
    assert run(page, communicator, budget_workbook(rows)).ok
    pks = dict(((line.direction, line.section, line.chapter.code, line.article, line.paragraph), line.pk)
               for line in BudgetLine.objects.select_related("chapter"))
    changed = [dict(r) for r in rows]
    lines = [r for r in changed if r["article"]]
    for r in lines[:10]:
        r["voted"] += 500  # the chapter rows' totals no longer add up: warnings
        r["executed"] = None
    removed = {(r["direction"], r["section"], r["chapter"], r["article"], r["paragraph"]) for r in lines[-5:]}
    changed = [r for r in changed if (r["direction"], r["section"], r["chapter"], r["article"],
                                      r["paragraph"]) not in removed]
    changed.append({**lines[0], "article": "99", "paragraph": "1", "label_ar": "سطر جديد", "voted": Decimal("42")})
    report = run(page, communicator, budget_workbook(changed))
    assert report.ok, report.errors
    assert report.counts["lines"] == {"created": 1, "updated": 10, "deleted": 5, "kept": 0}
    budget_year = BudgetYear.objects.get(budget=page, year=2027)
    assert amounts(budget_year) == expected(changed)
    for line in BudgetLine.objects.select_related("chapter"):  # the same rows, updated in place
        key = (line.direction, line.section, line.chapter.code, line.article, line.paragraph)
        assert key in pks or key[3] == "99"
        assert key not in pks or pks[key] == line.pk
    assert BudgetYear.objects.filter(budget=page).count() == 1
    # The same file again changes nothing.
    again = run(page, communicator, budget_workbook(changed))
    assert again.counts["lines"] == {"created": 0, "updated": 0, "deleted": 0, "kept": 0}


def test_a_column_missing_from_the_file_keeps_that_field(page, communicator):
    rows = list(sample_rows(2027, 20))
    assert run(page, communicator, budget_workbook(rows)).ok
    without = [{k: v for k, v in r.items() if k not in ("executed", "label_fr")} for r in rows]
    for r in without:
        if r["article"]:
            r["voted"] += 1
    report = run(page, communicator, budget_workbook(without))
    assert report.ok and report.counts["lines"]["updated"] == 20
    line = BudgetLine.objects.get(direction="revenue", section="operating", chapter__code="10", article="10",
                                  paragraph="1")
    assert (line.voted, line.executed, line.label_fr) == (Decimal("1001"), Decimal("900.00"), "Ligne 0 de 2027")


def test_lines_citizens_asked_about_are_kept_and_reported(budget):
    budget_ar = budget[0]
    communicator = UserFactory(communicator=True, email="communicator@example.ma")
    budget_year = BudgetYear.objects.get(budget=budget_ar, year=2026)
    rows = list(sample_rows(2026, 40))
    wanted = set(expected(rows))
    existing = {(line.direction, line.section, line.chapter.code, line.article, line.paragraph): line
                for line in BudgetLine.objects.filter(budget_year=budget_year).select_related("chapter")}
    asked = next(line for key, line in sorted(existing.items()) if key not in wanted)
    LineQuestion.objects.create(line=asked, contribution=ContributionFactory(page=budget_ar, kind=QUESTION_KIND,
                                                                             title="لماذا؟"))
    report = run(budget_ar, communicator, budget_workbook(rows), year=2026)
    assert report.ok, report.errors
    both = wanted & set(existing)
    assert report.counts["lines"] == {"created": len(wanted - both), "updated": len(both),
                                      "deleted": len(existing) - len(both) - 1, "kept": 1}
    assert report.warnings == [
        f"The line {asked.code} “{asked.label_ar}” is not in the file, but citizens asked about it: it was kept "
        "(correct its amounts in the file, or keep it on purpose)."
    ]
    assert BudgetLine.objects.get(pk=asked.pk).voted == asked.voted
    assert BudgetLine.objects.filter(budget_year=budget_year).count() == 40 + 1
    assert BudgetYear.objects.get(pk=budget_year.pk).is_published  # a re-import keeps the publication
    assert BudgetLine.objects.filter(budget_year__year=2025).count() == 37  # the other year untouched


# -- warnings ----------------------------------------------------------------------------------


def test_a_chapter_its_lines_do_not_add_up_to_is_a_warning_and_the_import_goes_ahead(page, communicator):
    rows = [{"direction": "expense", "section": "operating", "chapter": "20", "article": "", "label_ar": "التسيير",
             "voted": 10000, "amendments": 0, "executed": 9000},
            {"direction": "expense", "section": "operating", "chapter": "20", "article": "10", "label_ar": "أ",
             "voted": 6000, "amendments": 500, "executed": 5000},
            {"direction": "expense", "section": "operating", "chapter": "20", "article": "20", "label_ar": "ب",
             "voted": "3 765,50", "amendments": -500, "executed": 4000}]
    report = run(page, communicator, budget_workbook(rows))
    assert report.ok, report.errors
    assert report.warnings == [  # the amendments (0) and the executed amounts (9 000) add up
        "Chapter 20 (Expense, Operating), row 2: its lines add up to 9\u202f765,50 MAD voted, its chapter row "
        "says 10\u202f000,00 MAD (difference: -234,50 MAD).",
    ]
    assert BudgetLine.objects.count() == 2  # imported all the same
    assert BudgetLine.objects.get(article="20").voted == Decimal("3765.50")


def test_the_warning_names_the_difference_of_each_amount(page, communicator):
    rows = [{"direction": "revenue", "section": "investment", "chapter": "10", "article": "", "label_ar": "الفائض",
             "voted": 1000, "amendments": 50, "executed": 800},
            {"direction": "revenue", "section": "investment", "chapter": "10", "article": "10", "label_ar": "أ",
             "voted": 1200, "amendments": -20, "executed": 800.5}]
    report = run(page, communicator, budget_workbook(rows))
    assert report.ok
    assert report.warnings == [
        "Chapter 10 (Revenue, Investment), row 2: its lines add up to 1\u202f200,00 MAD voted, its chapter row "
        "says 1\u202f000,00 MAD (difference: 200,00 MAD).",
        "Chapter 10 (Revenue, Investment), row 2: its lines add up to -20,00 MAD of amendments, its chapter row "
        "says 50,00 MAD (difference: -70,00 MAD).",
        "Chapter 10 (Revenue, Investment), row 2: its lines add up to 800,50 MAD executed, its chapter row "
        "says 800,00 MAD (difference: 0,50 MAD).",
    ]


def test_a_chapter_row_without_amounts_is_not_checked(page, communicator):
    rows = [{"direction": "revenue", "section": "investment", "chapter": "10", "article": "", "label_ar": "الفائض"},
            {"direction": "revenue", "section": "investment", "chapter": "10", "article": "10", "label_ar": "أ",
             "voted": 1200}]
    report = run(page, communicator, budget_workbook(rows))
    assert report.ok and report.warnings == []


# -- bad input: refused, with its message, and nothing written -----------------------------------


CHAPTER = {"direction": "expense", "section": "operating", "chapter": "60", "article": "", "label_ar": "الموظفون"}


def line(**values) -> dict:
    return {"direction": "expense", "section": "operating", "chapter": "60", "article": "10", "paragraph": "",
            "label_ar": "أجور", "sector": "10", "voted": 1000, "amendments": 0, "executed": None, **values}


BAD_ROWS = {
    "text in an amount": (line(voted="ألف"), "voted: “ألف” is not an amount."),
    "negative voted": (line(voted=-5), "voted: An amount cannot be negative (“-5”)."),
    "negative executed": (line(executed="-12,5"), "executed: An amount cannot be negative (“-12,5”)."),
    "amendments below the voted": (line(voted=1000, amendments=-1500),
                                   "amendments: The amendments cannot take more than the voted amount."),
    "an absurd amount": (line(voted=12_000_000_000),
                         "voted: 12\u202f000\u202f000\u202f000,00 MAD is more than a line can carry "
                         "(10\u202f000\u202f000\u202f000 MAD): check the figure (an amount in centimes, or a figure "
                         "typed twice?)."),
    "an unknown sector": (line(sector="95"), "sector: unknown functional sector “95”: add it to the sectors sheet."),
    "a sector on revenue": (line(direction="revenue", chapter="10", sector="20"),
                            "sector: a revenue line has no functional sector: leave this cell empty."),
    "an unknown direction": (line(direction="dons"), "direction: “dons” is not one of: revenue, expense."),
    "an unknown part": (line(section="3"), "section: “3” is not one of: operating, investment."),
    "an empty voted": (line(voted=None), "voted: this cell cannot be empty."),
    "an empty label": (line(label_ar=""), "label_ar: this cell cannot be empty."),
    "a long code": (line(article="1234567890123"), "article: a code has at most 12 characters."),
    "an unknown chapter": (line(chapter="70"),
                           "chapter: the chapter 70 (Expense, Operating) is neither in the budget nor in the file: "
                           "add its chapter row (the chapter's code and name, the article empty)."),
    "an unknown project": (line(programme_project="77"), "programme_project: no programme project is numbered “77”."),
    "an ambiguous project": (line(programme_project="12"),
                             "programme_project: “12” names several programme projects: write the programme's slug "
                             "before the number (programme/12)."),
}


@pytest.fixture
def two_programmes(page):
    first = ContributionFactory(page=page, title="أ")
    second = ContributionFactory(page=page, title="ب")
    items = [TrackedItem(references=("pac/12", "12"), contribution=first, label="pac 12"),
             TrackedItem(references=("pai/12", "12"), contribution=second, label="pai 12")]
    with hooks.register_temporarily(TRACKED_ITEMS_HOOK, lambda site: items):
        yield


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_bad_row_is_refused_with_its_sheet_row_and_column(case, page, communicator, two_programmes):
    assert run(page, communicator, budget_workbook(list(sample_rows(2027, 12))), year=2026).ok
    before = counts()
    bad, message = BAD_ROWS[case]
    rows = [*sample_rows(2027, 12), CHAPTER, line(article="50", label_ar="سطر سليم"), bad]
    report = run(page, communicator, budget_workbook(rows))
    assert not report.ok and report.file_error == ""
    assert [(e.sheet, e.row, e.messages) for e in report.errors] == [("lines", len(rows) + 1, [message])]
    assert counts() == before
    assert not BudgetYear.objects.filter(year=2027).exists()


def test_duplicate_lines_and_chapter_rows_are_refused(page, communicator):
    rows = [CHAPTER, line(), line(voted=5), CHAPTER]
    report = run(page, communicator, budget_workbook(rows))
    assert [(e.row, e.messages) for e in report.errors] == [
        (4, ["This line is already on row 3 (same direction, part, chapter, article and paragraph)."]),
        (5, ["This chapter row is already on row 2."]),
    ]
    assert counts()["BudgetLine"] == 0


def test_a_formula_is_refused(page, communicator):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "lines"
    sheet.append(["direction", "section", "chapter", "article", "label_ar", "voted"])
    sheet.append(["expense", "operating", "10", "", "الموظفون", None])
    sheet.append(["expense", "operating", "10", "10", "أجور", "=1000*12"])
    out = io.BytesIO()
    workbook.save(out)
    report = run(page, communicator, out.getvalue())
    assert [(e.row, e.messages) for e in report.errors] == [
        (3, ["A formula is not accepted (cell F3): type the value itself.", "voted: this cell cannot be empty."])]
    assert counts()["BudgetLine"] == 0


def test_wrong_columns_are_one_message_listing_the_expected_ones(page, communicator):
    rows = [{"direction": "expense", "section": "operating", "chap": "10", "article": "10", "label_ar": "أ",
             "montant": 10}]
    report = run(page, communicator, budget_workbook(rows))
    assert [(e.sheet, e.row) for e in report.errors] == [("lines", 1)]
    assert report.errors[0].messages == [
        "Missing columns: chapter, voted. Unknown columns: chap, montant. The first row must name the columns direction, "
        "section, chapter, article, paragraph, label_ar, label_fr, sector, voted, amendments, final, executed, "
        "execution_rate, programme_project (required: direction, section, chapter, article, label_ar, voted)."
    ]
    assert counts()["BudgetLine"] == 0


def test_every_sheet_is_checked_before_anything_is_written(page, communicator):
    sectors = [{"code": "90", "name_ar": "النقل"}, {"code": "90", "name_ar": "مكرر"}]
    rows = [CHAPTER, line(sector="90"), line(article="20", voted="x")]
    before = counts()
    report = run(page, communicator, budget_workbook(rows, sectors))
    assert [(e.sheet, e.row, e.messages) for e in report.errors] == [
        ("sectors", 3, ["This sector is already on row 2."]),
        ("lines", 4, ["voted: “x” is not an amount."]),
    ]
    assert counts() == before


@pytest.mark.parametrize(("setting", "value", "message"), [
    ("BUDGET_IMPORT_MAX_ROWS", 10, "The sheet “lines” has too many rows: 10 at most."),
    ("BUDGET_IMPORT_MAX_BYTES", 4096, "The file is too large: 0.00390625 MB at most."),
])
def test_the_limits_are_settings(setting, value, message, page, communicator, settings):
    setattr(settings, setting, value)
    report = run(page, communicator, budget_workbook(list(sample_rows(2027, 30))))
    assert report.file_error == message
    assert counts()["BudgetLine"] == 0


def test_too_many_rows_in_a_csv(page, communicator, settings):
    settings.BUDGET_IMPORT_MAX_ROWS = 100
    report = run(page, communicator, budget_csv(list(sample_rows(2027, 300))), name="b.csv")
    assert report.file_error == "Too many rows: 100 at most."


class HugeUpload:
    """A 50 MB upload that must never be read."""

    name = "budget.xlsx"
    size = 50 * 1024 * 1024

    def read(self, *args):
        raise AssertionError("a 50 MB file was read")

    def chunks(self, *args):
        raise AssertionError("a 50 MB file was read")

    def seek(self, *args):
        pass


def test_a_50_mb_file_is_refused_at_once_without_being_read(page, communicator):
    start = time.perf_counter()
    with translation.override("en"):
        report = budget_year_import(budget=page, year=2027, uploaded_file=HugeUpload(), by=communicator)
    assert time.perf_counter() - start < 2  # the rule and the size: no byte read (read() would fail)
    assert report.file_error == "The file is too large: 5 MB at most."
    assert counts()["BudgetYear"] == 0


def test_a_file_longer_than_its_declared_size_is_refused(page, communicator, settings):
    settings.BUDGET_IMPORT_MAX_BYTES = 1000
    lying = upload(b"x" * 5000, "b.csv")
    lying.size = 10
    with translation.override("en"):
        report = budget_year_import(budget=page, year=2027, uploaded_file=lying, by=communicator)
    assert report.file_error == "The file is too large: 0.000953674 MB at most."


@pytest.mark.parametrize(("name", "content", "message"), [
    ("budget.pdf", b"%PDF-1.4", "Choose a CSV or XLSX file."),
    ("budget.xlsx", b"not a zip", "This is not a readable XLSX file."),
    ("budget.csv", "direction;voted\n".encode("utf-16"), "Save the CSV file in UTF-8 encoding."),
    ("budget.csv", b"", "The file is empty."),
])
def test_unreadable_files(name, content, message, page, communicator):
    report = run(page, communicator, content, name=name)
    assert report.file_error == message
    assert counts()["BudgetYear"] == 0


def test_a_workbook_without_a_lines_sheet(page, communicator):
    workbook = Workbook()
    workbook.active.title = "sectors"
    workbook.active.append(["code", "name_ar"])
    workbook.create_sheet("notes").append(["a"])
    workbook.create_sheet("other").append(["b"])
    out = io.BytesIO()
    workbook.save(out)
    report = run(page, communicator, out.getvalue())
    assert report.file_error == "The workbook has no sheet “lines” (the budget's lines; see the layout)."


def test_a_year_out_of_range(page, communicator):
    report = run(page, communicator, budget_workbook(list(sample_rows(2027, 4))), year=1900)
    assert report.file_error == "Choose a year between 1990 and 2100."
    assert counts()["BudgetYear"] == 0


# -- who may import ------------------------------------------------------------------------------


def test_a_citizen_cannot_import(page, citizen):
    before = counts()
    with pytest.raises(ActionRefused):
        run(page, citizen, budget_workbook(list(sample_rows(2027, 8))))
    assert counts() == before


def test_the_communicator_of_another_commune_cannot_import(page, commune_site):
    other = commune_create(spec=CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير", name_fr="Ksar El Kébir",
                                            hostname="ksar.example.ma", population=126000))
    stranger = UserFactory(role=Role.COMMUNICATOR, site=other, email="com.ksar@example.ma")
    before = counts()
    with pytest.raises(ActionRefused):
        run(page, stranger, budget_workbook(list(sample_rows(2027, 8))))
    assert counts() == before


# -- speed ---------------------------------------------------------------------------------------


def test_a_fixed_number_of_queries_whatever_the_number_of_lines(page, communicator):
    assert run(page, communicator, budget_workbook(list(sample_rows(2026, 20))), year=2026).ok  # the chapters
    queries = []
    for year, n in ((2027, 40), (2028, 400)):
        content = budget_workbook(list(sample_rows(year, n)))
        with CaptureQueriesContext(connection) as captured:
            assert run(page, communicator, content, year=year).ok
        inserts = [q for q in captured if q["sql"].startswith('INSERT INTO "budget_budgetline"')]
        queries.append((len(captured) - len(inserts), len(inserts)))
    # The same queries but for the batches of new lines (500 a batch; fewer on SQLite, whose
    # statements take at most 999 values).
    fields = [f for f in BudgetLine._meta.concrete_fields if not f.primary_key]
    batch = min(500, connection.ops.bulk_batch_size(fields, [None] * 500))
    assert queries == [(queries[0][0], 1), (queries[0][0], -(-400 // batch))], queries


@pytest.mark.parametrize("n", [300, 3000])
def test_timing(n, page, communicator, capsys):
    content = budget_workbook(list(sample_rows(2027, n)))
    start = time.perf_counter()
    report = run(page, communicator, content)
    first = time.perf_counter() - start
    assert report.ok
    rows = list(sample_rows(2027, n))
    for r in rows:
        if r["article"]:
            r["voted"] += 1
    content = budget_workbook(rows)
    start = time.perf_counter()
    report = run(page, communicator, content)
    again = time.perf_counter() - start
    assert report.counts["lines"]["updated"] == n
    with capsys.disabled():
        print(f"\nbudget import of {n} lines: {first:.3f} s new, {again:.3f} s re-import updating every line")
    assert first < (2 if n == 300 else 20) and again < (3 if n == 300 else 30)


def test_sample_lines_and_rows_agree():
    lines = sample_lines(2027, 300)
    rows = list(sample_rows(2027, 300))
    assert len(rows) == 320 and sum(1 for r in rows if r["article"]) == len(lines) == 300


# -- two imports at once (PostgreSQL: SQLite writes one at a time anyway) -------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_year_at_once_run_one_after_the_other(home_ar, communicator):
    import threading

    from django.db import connections

    page = make_budget(home_ar)[0]
    files = [budget_workbook(list(sample_rows(2027, 1500))), budget_workbook(
        [{**r, "label_fr": "B"} for r in sample_rows(2027, 1200)])]
    barrier = threading.Barrier(2)
    reports = [None, None]

    def work(k):
        try:
            barrier.wait()
            reports[k] = run(page, communicator, files[k])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(k,)) for k in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r is not None and r.ok for r in reports), [(r.file_error, r.errors[:1]) for r in reports if r]
    assert BudgetYear.objects.filter(budget=page, year=2027).count() == 1
    lines = BudgetLine.objects.filter(budget_year__year=2027)
    # The second to get the lock found the first's year and replaced its lines: never a mix.
    assert (lines.count(), set(lines.values_list("label_fr", flat=True)) == {"B"}) in ((1200, True), (1500, False))
    first = 0 if lines.count() == 1200 else 1
    assert reports[first].counts["lines"]["created"] in (1500, 1200)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
def test_the_import_locks_the_budget_page_row(page, communicator):
    with CaptureQueriesContext(connection) as captured:
        assert run(page, communicator, budget_workbook(list(sample_rows(2027, 8)))).ok
    assert any('FOR UPDATE OF "budget_budgetpage"' in q["sql"] for q in captured)
