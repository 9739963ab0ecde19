"""Importing a budget year from the spreadsheet the commune's finance service keeps, in the open-data
layout ``budget/1`` (``DATA_LAYOUT.md``, section "Importing"): an XLSX workbook with the sheets
``lines`` and, optionally, ``sectors`` (or their Arabic or French names, ``SHEET_ALIASES``), or the
``lines`` table alone as CSV. Column names are the layout's keys or their Arabic/French names
(``COLUMN_ALIASES``); ``direction`` and ``section`` take the keys or the words of ``DIRECTIONS`` /
``SECTIONS``.

Every row of every sheet is checked first (columns, amounts and their limits, codes, sectors,
chapters, duplicates, the programme projects the lines pay for, formulas); on any error nothing
is written and the report lists sheet, row, column and why. Chapter totals that the lines do not
add up to are *warnings*: the import goes ahead and the report names each chapter and the
difference.

A re-import replaces the year: lines are matched by (direction, section, chapter, article,
paragraph), updated or created; lines missing from the file are deleted, except those citizens
asked about (kept, and reported). Chapter rows (an empty ``article``) create or rename chapters,
the ``sectors`` sheet creates or renames sectors; their explanations, the communicator's, are
never touched. A column missing from the file leaves that field of the existing lines as it is.
The year is created (unpublished) if it does not exist. Everything happens in one transaction,
under a lock on the budget page's row, so two imports of the same budget never interleave; reads
and writes are in bulk (a fixed number of queries whatever the number of lines)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participation.core.caching import content_changed
from participation.core.conversion import AmbiguousReference, tracked_item, tracked_items
from participation.core.money import format_mad
from participation.core.pages import page_site, site_id_of
from participation.core.rules import require
from participation.core.spreadsheets import (
    CellError,
    ImportReport,
    Table,
    cell_text,
    column_keys,
    formula_message,
    header_key,
    header_message,
    is_csv,
    is_xlsx,
    parse_amount,
    parse_choice,
    read_table,
    read_upload,
    read_workbook,
)

from . import rules
from .models import BudgetLine, BudgetPage, BudgetYear, Chapter, Direction, LineQuestion, Section, Sector

logger = logging.getLogger(__name__)

#: Defaults of the settings ``BUDGET_IMPORT_MAX_BYTES``, ``BUDGET_IMPORT_MAX_ROWS`` and
#: ``BUDGET_IMPORT_MAX_AMOUNT`` (read at each import).
MAX_BYTES = 5 * 1024 * 1024  # a 5000-line workbook is well under 1 MB
MAX_ROWS = 5000  # rows of one sheet; a commune budget has a few hundred lines
#: The largest amount one line may carry, in MAD. The largest communes' whole budgets are a few
#: billion dirhams, so ten billion on one line is a typing slip (an amount in centimes, or a
#: figure pasted twice), refused before it reaches the citizens' pages.
MAX_AMOUNT = Decimal("10000000000")

LINE_COLUMNS = ("direction", "section", "chapter", "article", "paragraph", "label_ar", "label_fr", "sector",
                "voted", "amendments", "final", "executed", "execution_rate", "programme_project")
LINE_REQUIRED = ("direction", "section", "chapter", "article", "label_ar", "voted")
SECTOR_COLUMNS = ("code", "name_ar", "name_fr", "explanation_ar", "explanation_fr")
SECTOR_REQUIRED = ("code", "name_ar")
#: Written by the export, read and ignored by the import.
IGNORED = frozenset({"final", "execution_rate", "explanation_ar", "explanation_fr"})

SHEET_ALIASES = {
    "السطور": "lines", "البنود": "lines", "سطور الميزانية": "lines", "lignes": "lines", "ligne": "lines",
    "القطاعات": "sectors", "القطاعات الوظيفية": "sectors", "secteurs": "sectors", "secteur": "sectors",
}
COLUMN_ALIASES = {
    # lines
    "النوع": "direction", "مداخيل أو مصاريف": "direction", "type": "direction", "sens": "direction",
    "recettes ou dépenses": "direction", "nature": "direction",
    "الجزء": "section", "partie": "section",
    "الفصل": "chapter", "الباب": "chapter", "chapitre": "chapter",
    "المادة": "article",
    "الفقرة": "paragraph", "paragraphe": "paragraph",
    "البيان": "label_ar", "البيان بالعربية": "label_ar", "التسمية": "label_ar", "libellé arabe": "label_ar",
    "libellé en arabe": "label_ar",
    "البيان بالفرنسية": "label_fr", "libellé": "label_fr", "libelle": "label_fr", "intitulé": "label_fr",
    "libellé français": "label_fr", "libellé en français": "label_fr",
    "القطاع": "sector", "القطاع الوظيفي": "sector", "secteur": "sector", "secteur fonctionnel": "sector",
    "المصوت عليه": "voted", "الاعتمادات المصوت عليها": "voted", "المبلغ المصوت عليه": "voted",
    "voté": "voted", "vote": "voted", "crédits votés": "voted", "montant voté": "voted",
    "التعديلات": "amendments", "modifications": "amendments", "virements": "amendments",
    "amendements": "amendments",
    "الاعتمادات النهائية": "final", "crédits définitifs": "final", "définitif": "final",
    "المنجز": "executed", "المبلغ المنجز": "executed", "المبالغ المنجزة": "executed", "exécuté": "executed",
    "execute": "executed", "réalisé": "executed", "realise": "executed", "montant exécuté": "executed",
    "نسبة التنفيذ": "execution_rate", "نسبة الإنجاز": "execution_rate", "taux d'exécution": "execution_rate",
    "مشروع البرنامج": "programme_project", "مشروع برنامج العمل": "programme_project",
    "projet du programme": "programme_project", "projet": "programme_project",
    # sectors
    "الرمز": "code", "الاسم": "name_ar", "الاسم بالعربية": "name_ar", "nom arabe": "name_ar",
    "nom en arabe": "name_ar", "الاسم بالفرنسية": "name_fr", "nom": "name_fr", "nom en français": "name_fr",
    "الشرح": "explanation_ar", "الشرح بالعربية": "explanation_ar", "الشرح بالفرنسية": "explanation_fr",
    "explication": "explanation_fr",
}
DIRECTIONS = {
    "revenues": Direction.REVENUE, "مداخيل": Direction.REVENUE, "المداخيل": Direction.REVENUE,
    "recettes": Direction.REVENUE, "recette": Direction.REVENUE,
    "expenses": Direction.EXPENSE, "مصاريف": Direction.EXPENSE, "المصاريف": Direction.EXPENSE,
    "dépenses": Direction.EXPENSE, "dépense": Direction.EXPENSE, "depenses": Direction.EXPENSE,
    "depense": Direction.EXPENSE,
}
SECTIONS = {
    "التسيير": Section.OPERATING, "تسيير": Section.OPERATING, "الجزء الأول": Section.OPERATING,
    "fonctionnement": Section.OPERATING, "première partie": Section.OPERATING,
    "التجهيز": Section.INVESTMENT, "تجهيز": Section.INVESTMENT, "الجزء الثاني": Section.INVESTMENT,
    "investissement": Section.INVESTMENT, "équipement": Section.INVESTMENT, "equipement": Section.INVESTMENT,
    "deuxième partie": Section.INVESTMENT,
}
CODE_LENGTH = 12
CENT = Decimal("0.01")


def max_bytes() -> int:
    return int(getattr(settings, "BUDGET_IMPORT_MAX_BYTES", MAX_BYTES))


def max_rows() -> int:
    return int(getattr(settings, "BUDGET_IMPORT_MAX_ROWS", MAX_ROWS))


def max_amount() -> Decimal:
    return Decimal(getattr(settings, "BUDGET_IMPORT_MAX_AMOUNT", MAX_AMOUNT))


# -- reading the file ----------------------------------------------------------------------------


def _sheet_key(title: str) -> str:
    return header_key(title, SHEET_ALIASES)


def _tables(content: bytes, filename: str, report: ImportReport) -> dict[str, Table] | None:
    """``{"lines": …, "sectors": …}`` from the file, or None with ``report.file_error``."""
    limits = {"max_rows": max_rows(), "max_bytes": max_bytes()}
    if is_csv(filename):
        table = read_table(content, filename, **limits)
        table.title = "lines"
        return {"lines": table}
    if not is_xlsx(filename):
        raise ValidationError(_("Choose a CSV or XLSX file."))
    tables: dict[str, Table] = {}
    others: list[Table] = []
    for title, table in read_workbook(content, filename, **limits).items():
        key = _sheet_key(title)
        if key in ("lines", "sectors"):
            if key in tables:
                report.file_error = _("Two sheets hold the table %(sheet)s: “%(first)s” and “%(second)s”.") % {
                    "sheet": key, "first": tables[key].title, "second": title}
                return None
            tables[key] = table
        else:
            others.append(table)
    if "lines" not in tables and len(others) == 1:
        tables["lines"] = others.pop()  # a workbook of one sheet, whatever its name
    for table in others:
        report.notices.append(_("The sheet “%(sheet)s” is not part of the layout: it was ignored.")
                              % {"sheet": table.title})
    if "lines" not in tables:
        report.file_error = _("The workbook has no sheet “lines” (the budget's lines; see the layout).")
        return None
    return tables


# -- one row -------------------------------------------------------------------------------------


@dataclass
class _Row:
    sheet: str  # the sheet's title in the file
    number: int
    values: dict[str, Any]
    labels: dict[str, str]  # key → the column's name in the file
    messages: list[str] = field(default_factory=list)

    def error(self, key: str, message: str) -> None:
        self.messages.append(f"{self.labels.get(key, key)}: {message}")

    def has_error(self, key: str) -> bool:
        return any(message.startswith(f"{self.labels.get(key, key)}: ") for message in self.messages)


def _code(row: _Row, key: str, *, required: bool) -> str:
    text = cell_text(row.values.get(key))
    if required and not text:
        row.error(key, _("this cell cannot be empty."))
    elif len(text) > CODE_LENGTH:
        row.error(key, ngettext("a code has at most %(max)s character.", "a code has at most %(max)s characters.",
                                CODE_LENGTH) % {"max": CODE_LENGTH})
    return text


def _label(row: _Row, key: str, *, required: bool, length: int) -> str:
    text = cell_text(row.values.get(key))
    if required and not text:
        row.error(key, _("this cell cannot be empty."))
    elif len(text) > length:
        row.error(key, ngettext("at most %(max)s character.", "at most %(max)s characters.", length) % {"max": length})
    return text


def _amount(row: _Row, key: str, *, negative: bool = False) -> Decimal | None:
    if key not in row.values:
        return None
    try:
        amount = parse_amount(row.values[key], negative=negative)
    except CellError as exc:
        row.error(key, str(exc))
        return None
    if amount is None:
        return None
    if abs(amount) > max_amount():
        row.error(key, _("%(amount)s is more than a line can carry (%(max)s): check the figure (an amount in "
                         "centimes, or a figure typed twice?).")
                  % {"amount": format_mad(amount), "max": format_mad(max_amount(), 0)})
        return None
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _choice(row: _Row, key: str, aliases: dict[str, str], expected) -> str:
    try:
        value = parse_choice(row.values.get(key), aliases, expected=expected)
    except CellError as exc:
        row.error(key, str(exc))
        return ""
    if not value:
        row.error(key, _("this cell cannot be empty."))
    return value


def _chapter_name(direction: str, section: str, code: str) -> str:
    return _("%(code)s (%(direction)s, %(section)s)") % {
        "code": code, "direction": Direction(direction).label, "section": Section(section).label}


@dataclass
class _Line:
    row: _Row
    direction: str
    section: str
    chapter: str
    article: str
    paragraph: str
    label_ar: str
    label_fr: str
    sector: str
    voted: Decimal | None
    amendments: Decimal | None
    executed: Decimal | None
    project: str

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.direction, self.section, self.chapter, self.article, self.paragraph)


# -- the plan: every row checked before any write ---------------------------------------------


class _Plan:
    def __init__(self, *, budget: BudgetPage, year: int, tables: dict[str, Table], report: ImportReport) -> None:
        self.budget, self.year, self.report = budget, year, report
        self.columns: dict[str, set[str]] = {}
        keys = {}
        for sheet, columns, required in (("sectors", SECTOR_COLUMNS, SECTOR_REQUIRED),
                                         ("lines", LINE_COLUMNS, LINE_REQUIRED)):
            table = tables.get(sheet)
            if table is None:
                continue
            keys[sheet] = column_keys(table.header, COLUMN_ALIASES)
            message = header_message(table.header, keys[sheet], columns=columns, required=required)
            if message:
                report.add_error(1, [message], sheet=table.title)
            self.columns[sheet] = {k for k in keys[sheet] if k}
        if report.errors:
            return
        self.sector_rows = self._rows(tables.get("sectors"), keys.get("sectors"))
        self.line_rows = self._rows(tables["lines"], keys["lines"])

    @staticmethod
    def _rows(table: Table | None, keys: list[str] | None) -> list[_Row]:
        if table is None:
            return []
        labels = {k: cell_text(h) for h, k in zip(table.header, keys, strict=False) if k}
        rows = []
        for number, cells in table.rows:
            values = {key: (cells[i] if i < len(cells) else None) for i, key in enumerate(keys) if key}
            row = _Row(sheet=table.title, number=number, values=values, labels=labels)
            if number in table.formulas:
                row.messages.append(formula_message(table.formulas[number]))
            rows.append(row)
        return rows

    # -- checks (bulk reads: chapters, sectors, lines of the year, the tracked projects) -------
    def check(self) -> None:
        budget = self.budget
        self.chapters = {(c.direction, c.section, c.code): c for c in Chapter.objects.filter(budget=budget)}
        self.sectors = {s.code: s for s in Sector.objects.filter(budget=budget)}
        self.budget_year = BudgetYear.objects.select_for_update().filter(budget=budget, year=self.year).first()
        self.existing: dict[tuple, BudgetLine] = {}
        if self.budget_year is not None:
            chapter_codes = {c.pk: c.code for c in self.chapters.values()}
            asked = LineQuestion.objects.filter(line=OuterRef("pk"))
            for line in BudgetLine.objects.filter(budget_year=self.budget_year).order_by().annotate(
                    asked=Exists(asked)):
                self.existing[(line.direction, line.section, chapter_codes[line.chapter_id], line.article,
                               line.paragraph)] = line
        self._check_sectors()
        self._check_lines()
        for row in self.sector_rows + self.line_rows:
            if row.messages:
                self.report.add_error(row.number, row.messages, sheet=row.sheet)

    def _check_sectors(self) -> None:
        self.sector_names: dict[str, tuple[str, str | None]] = {}  # code → (name_ar, name_fr or None)
        seen: dict[str, int] = {}
        has_fr = "name_fr" in self.columns.get("sectors", ())
        for row in self.sector_rows:
            code = _code(row, "code", required=True)
            name_ar = _label(row, "name_ar", required=True, length=255)
            name_fr = _label(row, "name_fr", required=False, length=255)
            if code and code in seen:
                row.messages.append(_("This sector is already on row %(row)s.") % {"row": seen[code]})
            elif code:
                seen[code] = row.number
                self.sector_names[code] = (name_ar, name_fr if has_fr else None)

    def _check_lines(self) -> None:
        self.lines: list[_Line] = []
        self.chapter_rows: dict[tuple[str, str, str], _Line] = {}
        seen: dict[tuple, int] = {}
        chapter_seen: dict[tuple, int] = {}
        references = []
        for row in self.line_rows:
            direction = _choice(row, "direction", DIRECTIONS, Direction.values)
            section = _choice(row, "section", SECTIONS, Section.values)
            chapter = _code(row, "chapter", required=True)
            article = _code(row, "article", required=False)
            paragraph = _code(row, "paragraph", required=False)
            is_chapter = not article
            line = _Line(
                row=row, direction=direction, section=section, chapter=chapter, article=article,
                paragraph=paragraph,
                label_ar=_label(row, "label_ar", required=True, length=255 if is_chapter else 300),
                label_fr=_label(row, "label_fr", required=False, length=255 if is_chapter else 300),
                sector=_code(row, "sector", required=False),
                voted=_amount(row, "voted"),
                amendments=_amount(row, "amendments", negative=True),
                executed=_amount(row, "executed"),
                project=cell_text(row.values.get("programme_project")),
            )
            if is_chapter:
                if paragraph:
                    row.error("paragraph", _("a chapter row (an empty article) has no paragraph."))
                if direction and section and chapter:
                    key = (direction, section, chapter)
                    if key in chapter_seen:
                        row.messages.append(_("This chapter row is already on row %(row)s.")
                                            % {"row": chapter_seen[key]})
                    else:
                        chapter_seen[key] = row.number
                        self.chapter_rows[key] = line
                continue
            if line.voted is None and not row.has_error("voted"):
                row.error("voted", _("this cell cannot be empty."))
            if line.voted is not None and line.amendments is not None and line.voted + line.amendments < 0:
                row.error("amendments", _("The amendments cannot take more than the voted amount."))
            if line.sector:
                if direction == Direction.REVENUE:
                    row.error("sector", _("a revenue line has no functional sector: leave this cell empty."))
                elif line.sector not in self.sectors and line.sector not in self.sector_names:
                    row.error("sector", _("unknown functional sector “%(code)s”: add it to the sectors sheet.")
                              % {"code": line.sector})
            if direction and section and chapter:
                if line.key in seen:
                    row.messages.append(
                        _("This line is already on row %(row)s (same direction, part, chapter, article and "
                          "paragraph).") % {"row": seen[line.key]})
                else:
                    seen[line.key] = row.number
            if line.project:
                references.append(line)
            self.lines.append(line)
        for line in self.lines:
            key = (line.direction, line.section, line.chapter)
            if line.direction and line.section and line.chapter and key not in self.chapter_rows \
                    and key not in self.chapters:
                line.row.error("chapter", _("the chapter %(chapter)s is neither in the budget nor in the file: add "
                                            "its chapter row (the chapter's code and name, the article empty).")
                               % {"chapter": _chapter_name(*key)})
        self._resolve_projects(references)
        self._check_totals()

    def _resolve_projects(self, lines: list[_Line]) -> None:
        self.projects: dict[str, Any] = {}
        if not lines:
            return
        site = page_site(self.budget)
        items = tracked_items(site)
        for line in lines:
            if line.project in self.projects:
                continue
            try:
                item = tracked_item(site, line.project, items=items)
            except AmbiguousReference:
                line.row.error("programme_project", _(
                    "“%(reference)s” names several programme projects: write the programme's slug before the "
                    "number (programme/12).") % {"reference": line.project})
                continue
            if item is None:
                line.row.error("programme_project", _("no programme project is numbered “%(reference)s”.")
                               % {"reference": line.project})
                continue
            self.projects[line.project] = item.contribution

    def _check_totals(self) -> None:
        """A chapter row whose amounts its lines do not add up to: a warning, not an error."""
        sums: dict[tuple, dict[str, Decimal]] = {}
        for line in self.lines:
            total = sums.setdefault((line.direction, line.section, line.chapter), {})
            for name in ("voted", "amendments", "executed"):
                value = getattr(line, name)
                if value is not None:
                    total[name] = total.get(name, Decimal("0")) + value
        messages = {
            "voted": _("Chapter %(chapter)s, row %(row)s: its lines add up to %(lines)s voted, its chapter row "
                       "says %(total)s (difference: %(difference)s)."),
            "amendments": _("Chapter %(chapter)s, row %(row)s: its lines add up to %(lines)s of amendments, its "
                            "chapter row says %(total)s (difference: %(difference)s)."),
            "executed": _("Chapter %(chapter)s, row %(row)s: its lines add up to %(lines)s executed, its chapter "
                          "row says %(total)s (difference: %(difference)s)."),
        }
        for key, chapter in self.chapter_rows.items():
            for name, message in messages.items():
                total = getattr(chapter, name)
                if total is None:
                    continue
                lines = sums.get(key, {}).get(name, Decimal("0"))
                if lines != total:
                    self.report.add_warning(message % {
                        "chapter": _chapter_name(*key), "row": chapter.row.number, "lines": format_mad(lines),
                        "total": format_mad(total), "difference": format_mad(lines - total)})

    # -- writes ------------------------------------------------------------------------------
    def write(self) -> None:
        report, budget = self.report, self.budget
        self._write_sectors()
        self._write_chapters()
        if self.budget_year is None:
            self.budget_year = BudgetYear.objects.create(budget=budget, year=self.year)
        columns = self.columns["lines"]
        fields = [name for name, column in (
            ("label_ar", "label_ar"), ("label_fr", "label_fr"), ("sector", "sector"), ("voted", "voted"),
            ("amendments", "amendments"), ("executed", "executed"), ("tracked_project", "programme_project"),
        ) if column in columns]
        new, changed, changed_fields = [], [], set()
        for line in self.lines:
            existing = self.existing.pop(line.key, None)
            obj = existing or BudgetLine(
                budget_year=self.budget_year, direction=line.direction, section=line.section,
                chapter=self.chapters[(line.direction, line.section, line.chapter)], article=line.article,
                paragraph=line.paragraph, label_fr="", amendments=Decimal("0"),
            )
            values = {
                "label_ar": line.label_ar, "label_fr": line.label_fr, "voted": line.voted,
                "amendments": line.amendments if line.amendments is not None else Decimal("0"),
                "executed": line.executed,
                "sector": self.sectors.get(line.sector) if line.sector else None,
                "tracked_project": self.projects.get(line.project) if line.project else None,
            }
            differs = set()
            for name in fields:
                value = values[name]
                if name in ("sector", "tracked_project"):
                    if getattr(obj, f"{name}_id") != (value.pk if value else None):
                        setattr(obj, name, value)
                        differs.add(name)
                elif getattr(obj, name) != value:
                    setattr(obj, name, value)
                    differs.add(name)
            if existing is None:
                new.append(obj)
            elif differs:
                changed.append(obj)
                changed_fields |= differs
        BudgetLine.objects.bulk_create(new, batch_size=500)
        if changed:  # only the fields that changed somewhere: a re-import of new amounts updates those alone
            BudgetLine.objects.bulk_update(changed, sorted(changed_fields), batch_size=200)
        kept = [line for line in self.existing.values() if line.asked]
        gone = [line.pk for line in self.existing.values() if not line.asked]
        for start in range(0, len(gone), 500):
            BudgetLine.objects.filter(pk__in=gone[start:start + 500]).delete()
        for line in sorted(kept, key=lambda x: (x.direction, x.section, x.chapter_id, x.article, x.paragraph)):
            report.add_warning(_("The line %(code)s “%(label)s” is not in the file, but citizens asked about it: it "
                                 "was kept (correct its amounts in the file, or keep it on purpose).")
                               % {"code": line.code, "label": line.label_ar})
        report.created, report.updated = new, changed
        report.counts["lines"] = {"created": len(new), "updated": len(changed), "deleted": len(gone),
                                  "kept": len(kept)}
        self.budget_year.imported_at = timezone.now()
        self.budget_year.save(update_fields=["imported_at", "updated_at"])

    def _write_sectors(self) -> None:
        new, changed = [], []
        for code, (name_ar, name_fr) in self.sector_names.items():
            sector = self.sectors.get(code)
            if sector is None:
                sector = Sector(budget=self.budget, code=code, name_ar=name_ar, name_fr=name_fr or "")
                new.append(sector)
                self.sectors[code] = sector
            elif sector.name_ar != name_ar or (name_fr is not None and sector.name_fr != name_fr):
                sector.name_ar = name_ar
                sector.name_fr = sector.name_fr if name_fr is None else name_fr
                changed.append(sector)
        Sector.objects.bulk_create(new)
        if any(s.pk is None for s in new):  # a database without RETURNING
            pks = dict(Sector.objects.filter(budget=self.budget).values_list("code", "pk"))
            for sector in new:
                sector.pk = pks[sector.code]
        Sector.objects.bulk_update(changed, ["name_ar", "name_fr"])
        if self.sector_rows:
            self.report.counts["sectors"] = {"created": len(new), "updated": len(changed)}

    def _write_chapters(self) -> None:
        has_fr = "label_fr" in self.columns["lines"]
        new, changed = [], []
        for key, row in self.chapter_rows.items():
            chapter = self.chapters.get(key)
            if chapter is None:
                chapter = Chapter(budget=self.budget, direction=key[0], section=key[1], code=key[2],
                                  name_ar=row.label_ar, name_fr=row.label_fr)
                new.append(chapter)
                self.chapters[key] = chapter
            elif chapter.name_ar != row.label_ar or (has_fr and chapter.name_fr != row.label_fr):
                chapter.name_ar = row.label_ar
                if has_fr:
                    chapter.name_fr = row.label_fr
                changed.append(chapter)
        Chapter.objects.bulk_create(new)
        if any(c.pk is None for c in new):
            pks = {(c.direction, c.section, c.code): c.pk for c in Chapter.objects.filter(budget=self.budget)}
            for chapter in new:
                chapter.pk = pks[(chapter.direction, chapter.section, chapter.code)]
        Chapter.objects.bulk_update(changed, ["name_ar", "name_fr"])
        self.report.counts["chapters"] = {"created": len(new), "updated": len(changed)}


def _public_pages_changed(site_id: int) -> None:
    """Bulk writes send no signals: the cached anonymous pages are renewed now and at commit."""
    content_changed(site_id=site_id)
    transaction.on_commit(lambda: content_changed(site_id=site_id))


def budget_year_import(*, budget: BudgetPage, year: int, uploaded_file, by) -> ImportReport:
    """Checks every row of the file, then writes the year in one transaction — or nothing.
    ``uploaded_file`` is a Django ``UploadedFile`` (its declared size is checked before it is read)."""
    budget = budget.logical_budget()
    require(rules.can_manage(by, budget))
    report = ImportReport()
    if not isinstance(year, int) or not 1990 <= year <= 2100:
        report.file_error = _("Choose a year between 1990 and 2100.")
        return report
    try:
        content = read_upload(uploaded_file, max_bytes=max_bytes())
        tables = _tables(content, getattr(uploaded_file, "name", ""), report)
    except ValidationError as exc:
        report.file_error = " ".join(exc.messages)
        return report
    if tables is None:
        return report
    plan = _Plan(budget=budget, year=year, tables=tables, report=report)
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            # The page's row is the lock of its years: a second import of this budget waits here.
            BudgetPage.objects.select_for_update(of=("self",)).filter(pk=budget.pk).values_list("pk").first()
            plan.check()
            if not report.ok:
                return report
            plan.write()
            _public_pages_changed(site_id_of(budget))
    except DatabaseError:
        logger.exception("Budget import of %s (%s) failed while saving", budget.pk, year)
        report.created, report.updated, report.counts, report.warnings = [], [], {}, []
        report.file_error = _("The import failed while saving, so nothing was imported. Try again; if it fails "
                              "again, tell the site's administrator.")
    return report
