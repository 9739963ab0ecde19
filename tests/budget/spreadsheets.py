"""Budget files in the ``budget/1`` layout for the tests (imports, exports, the staff screen):

    rows = list(sample_rows(2027, n=300))         # chapter rows and lines whose totals add up
    content = budget_workbook(rows, sectors=[{"code": "90", "name_ar": "…"}])   # XLSX bytes
    content = budget_csv(rows)                     # the lines table as CSV (UTF-8 with BOM)

A row is a dict of layout keys (``direction``, ``section``, ``chapter``, ``article``, ``paragraph``,
``label_ar``, ``label_fr``, ``sector``, ``voted``, ``amendments``, ``executed``,
``programme_project``…); the header is every key the rows use, in the layout's order, unless
``columns`` names the header cells (e.g. Arabic or French names)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from decimal import Decimal

from openpyxl import Workbook

LINE_COLUMNS = ("direction", "section", "chapter", "article", "paragraph", "label_ar", "label_fr", "sector",
                "voted", "amendments", "final", "executed", "execution_rate", "programme_project")
SECTOR_COLUMNS = ("code", "name_ar", "name_fr", "explanation_ar", "explanation_fr")
PARTS = [("revenue", "operating"), ("revenue", "investment"), ("expense", "operating"), ("expense", "investment")]
SECTOR_CODES = ("10", "20", "30", "40", "50", "60", "70", "80")  # the sectors every commune starts with


def _keys(rows: Sequence[dict], order: Sequence[str]) -> list[str]:
    used = {key for row in rows for key in row}
    return [key for key in order if key in used] + sorted(used - set(order))


def _cell(value):
    return float(value) if isinstance(value, Decimal) else value


def _table(rows: Sequence[dict], order: Sequence[str], columns: Sequence[str] | None) -> list[list]:
    keys = _keys(rows, order)
    header = list(columns) if columns is not None else keys
    return [header, *([_cell(row.get(key)) for key in keys] for row in rows)]


def budget_workbook(rows: Sequence[dict], sectors: Sequence[dict] | None = None, *,
                    columns: Sequence[str] | None = None, sheet: str = "lines") -> bytes:
    """An XLSX workbook: the sheet ``lines`` (or ``sheet``) and, given ``sectors``, the sheet
    ``sectors``. Amounts are written as numbers."""
    workbook = Workbook()
    lines = workbook.active
    lines.title = sheet
    for values in _table(rows, LINE_COLUMNS, columns):
        lines.append(values)
    if sectors is not None:
        sheet_sectors = workbook.create_sheet("sectors")
        for values in _table(sectors, SECTOR_COLUMNS, None):
            sheet_sectors.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def budget_csv(rows: Sequence[dict], *, columns: Sequence[str] | None = None) -> bytes:
    """The ``lines`` table as the open-data CSV: UTF-8 with BOM, comma-separated."""
    out = io.StringIO()
    writer = csv.writer(out)
    for values in _table(rows, LINE_COLUMNS, columns):
        writer.writerow(["" if v is None else (f"{v:.2f}" if isinstance(v, float) else v) for v in values])
    return out.getvalue().encode("utf-8-sig")


def sample_lines(year: int, n: int = 300, *, executed: bool = True, chapters_per_part: int = 5) -> list[dict]:
    """``n`` lines spread over the four (direction, part) pairs and ``chapters_per_part`` chapters
    (codes ``10``, ``20``…) each; expenses over the eight sectors. Line ``i`` votes
    ``(i + 1) * 1000`` MAD, amends ``i * 10`` (revenue: ``-i``) and executes 90 % of the final
    credit when ``executed``."""
    per_round = 4 * chapters_per_part
    lines = []
    for i in range(n):
        direction, section = PARTS[i % 4]
        voted = Decimal((i + 1) * 1000)
        amendments = Decimal(i * 10) if direction == "expense" else Decimal(-i)
        lines.append({
            "direction": direction, "section": section, "chapter": f"{(i // 4) % chapters_per_part + 1}0",
            "article": str(10 + i // per_round), "paragraph": str(i % per_round + 1),
            "label_ar": f"السطر {i} لسنة {year}", "label_fr": f"Ligne {i} de {year}",
            "sector": SECTOR_CODES[i % len(SECTOR_CODES)] if direction == "expense" else "",
            "voted": voted, "amendments": amendments,
            "executed": ((voted + amendments) * Decimal("0.9")).quantize(Decimal("0.01")) if executed else None,
        })
    return lines


def sample_rows(year: int, n: int = 300, *, executed: bool = True, chapters_per_part: int = 5) -> Iterator[dict]:
    """Each chapter's row (its name, the sums of its lines) then its lines, sorted as the export
    sorts them (revenue first, operating first, then the codes)."""
    lines = sample_lines(year, n, executed=executed, chapters_per_part=chapters_per_part)
    order = {part: k for k, part in enumerate(PARTS)}

    def chapter_of(line):
        return (order[(line["direction"], line["section"])], int(line["chapter"]))

    lines.sort(key=lambda line: (*chapter_of(line), int(line["article"]), int(line["paragraph"])))
    current = None
    for line in lines:
        if chapter_of(line) != current:
            current = chapter_of(line)
            mine = [x for x in lines if chapter_of(x) == current]
            yield {
                "direction": line["direction"], "section": line["section"], "chapter": line["chapter"],
                "article": "", "paragraph": "", "label_ar": f"الباب {line['chapter']}",
                "label_fr": f"Chapitre {line['chapter']}", "sector": "",
                "voted": sum(x["voted"] for x in mine), "amendments": sum(x["amendments"] for x in mine),
                "executed": sum(x["executed"] for x in mine) if executed else None,
            }
        yield line
