"""Reading spreadsheets that staff upload (CSV or XLSX), for the imports of every capability.

    from participation.core.spreadsheets import ImportReport, RowError, read_table, read_workbook

    table = read_table(content, filename, max_rows=500, max_bytes=2 * 1024 * 1024)
    keys = column_keys(table.header, ALIASES)
    for number, row in table.rows:             # spreadsheet row numbers (the header is row 1)
        values = row_values(keys, row)         # {key: cell}
        ...

- The size is checked before anything is parsed (``check_size``; a view checks ``upload.size``
  before reading the upload), and the rows are counted as they are read: a sheet over
  ``max_rows`` is refused with a message naming the limit, without reading the rest.
- ``read_workbook`` reads every sheet of an XLSX file (``{title: Table}``); ``read_table`` reads
  the first sheet, or a CSV file (UTF-8, separator ``,`` ``;`` or tab, guessed).
- XLSX files are read with ``data_only=False``: a cell holding a formula is not read as its
  (possibly stale) cached value but listed in ``Table.formulas`` (row → column letters), so the
  import refuses that row and says which cell.
- Cells keep their type (text, number, date); ``cell_text`` makes text of any cell (and undoes
  the apostrophe ``participation.core.exports`` puts before text a spreadsheet would run).
- ``parse_amount``, ``parse_whole_number``, ``parse_date``, ``parse_yes_no`` and ``parse_choice``
  (one of a few keys, or their Arabic/French words) read one cell and raise ``CellError`` (a
  ``ValueError`` with a translated message) when it is not one.
- ``read_upload(upload, max_bytes=…)`` reads an uploaded file after checking its declared size,
  and never more than ``max_bytes`` of it (a 50 MB upload is refused without being read).
- ``header_message(header, keys, columns=…, required=…)``: one message for a header that does not
  fit (missing, unknown or repeated columns) listing the columns expected.
- ``ImportReport.warnings``: what the import wrote but staff should check (a total that does not
  add up); the import goes ahead.

Every message is translated; every failure is a ``ValidationError`` (file) or a row error: a bad
file never makes a server error."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Default limits (each import may pass its own).
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
#: Blank rows read past before a sheet is considered finished (formatted but empty rows).
_MAX_BLANK_RUN = 1000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CellError(ValueError):
    """A cell that is not what its column needs; ``str(error)`` is the translated message."""


@dataclass
class RowError:
    row: int  # spreadsheet row number (header = 1)
    messages: list[str]
    sheet: str = ""


@dataclass
class ImportReport:
    """What an import did, or why it did nothing: ``file_error`` (the file as a whole) or
    ``errors`` (row by row). ``created``/``updated`` hold what was written; ``counts`` per table
    (``{"projects": {"created": 3, "updated": 1}}``); ``notices`` what was read but ignored;
    ``warnings`` what was imported but deserves a second look (they do not stop the import)."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    file_error: str = ""
    notices: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error

    def add_error(self, row: int, messages: Sequence[str], sheet: str = "") -> None:
        self.errors.append(RowError(row=row, messages=list(messages), sheet=sheet))

    def add_warning(self, message: str) -> None:
        self.warnings.append(message)


@dataclass
class Table:
    """One sheet: its title, its header row and its non-blank rows with their row numbers."""

    title: str
    header: list[Any]
    rows: list[tuple[int, list[Any]]]
    formulas: dict[int, list[str]] = field(default_factory=dict)  # row number → ["C4", …]


def megabytes(max_bytes: int) -> str:
    value = max_bytes / (1024 * 1024)
    return f"{value:g}"


def check_size(size: int, max_bytes: int) -> None:
    """Refuses a file over ``max_bytes`` (call it with ``upload.size`` before reading the upload)."""
    if size > max_bytes:
        raise ValidationError(
            _("The file is too large: %(size)s MB at most.") % {"size": megabytes(max_bytes)}, code="too_large"
        )


def read_upload(upload, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The content of an uploaded file (Django's ``UploadedFile``), refused with the size message
    when its declared ``size`` is over ``max_bytes`` (before a byte is read) or when it turns out
    longer (at most ``max_bytes`` + 1 bytes are ever read)."""
    size = getattr(upload, "size", None)
    if size is not None:
        check_size(size, max_bytes)
    if hasattr(upload, "seek"):
        upload.seek(0)
    content = upload.read(max_bytes + 1)
    check_size(len(content), max_bytes)
    return content


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _too_many_rows(title: str, max_rows: int) -> ValidationError:
    if title:
        return ValidationError(
            _("The sheet “%(sheet)s” has too many rows: %(max)s at most.") % {"sheet": title, "max": max_rows},
            code="too_many_rows",
        )
    return ValidationError(_("Too many rows: %(max)s at most.") % {"max": max_rows}, code="too_many_rows")


def _collect(title: str, raw_rows: Iterable[list[Any]], max_rows: int, formulas_of=None) -> Table | None:
    header: list[Any] | None = None
    rows: list[tuple[int, list[Any]]] = []
    formulas: dict[int, list[str]] = {}
    blank_run = 0
    for number, values in enumerate(raw_rows, start=1):
        if formulas_of is not None:
            values, found = formulas_of(number, values)
            if found:
                formulas[number] = found
        if all(_blank(v) for v in values):
            blank_run += 1
            if blank_run > _MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        if header is None:
            header = list(values)
            continue
        rows.append((number, list(values)))
        if len(rows) > max_rows:
            raise _too_many_rows(title, max_rows)
    if header is None:
        return None
    return Table(title=title, header=header, rows=rows, formulas=formulas)


def _xlsx_cells(number: int, cells) -> tuple[list[Any], list[str]]:
    from openpyxl.utils import get_column_letter

    values, found = [], []
    for index, cell in enumerate(cells, start=1):
        value = getattr(cell, "value", None)
        is_formula = getattr(cell, "data_type", None) == "f" or (
            value is not None and not isinstance(value, str | int | float | Decimal | dt.date | dt.time | bool)
        )  # ArrayFormula / DataTableFormula objects
        if is_formula:
            found.append(f"{get_column_letter(index)}{number}")
            value = None
        values.append(value)
    return values, found


def read_workbook(content: bytes, filename: str = "", *, max_rows: int = MAX_ROWS,
                  max_bytes: int = MAX_BYTES) -> dict[str, Table]:
    """Every sheet of an XLSX file, by title (sheets without a header row are left out)."""
    check_size(len(content), max_bytes)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValidationError(_("This is not a readable XLSX file."), code="unreadable") from exc
    tables: dict[str, Table] = {}
    try:
        for sheet in workbook.worksheets:
            if not hasattr(sheet, "iter_rows"):  # a chart sheet
                continue
            table = _collect(sheet.title, sheet.iter_rows(), max_rows, formulas_of=_xlsx_cells)
            if table is not None:
                tables[sheet.title] = table
    except ValidationError:
        raise
    except Exception as exc:  # a damaged sheet inside a readable archive
        raise ValidationError(_("This is not a readable XLSX file."), code="unreadable") from exc
    finally:
        workbook.close()
    return tables


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("Save the CSV file in UTF-8 encoding."), code="encoding") from exc
    if "\x00" in text:
        raise ValidationError(_("Save the CSV file in UTF-8 encoding."), code="encoding")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise ValidationError(_("This is not a readable CSV file."), code="unreadable") from exc


def is_xlsx(filename: str) -> bool:
    return filename.lower().endswith(".xlsx")


def is_csv(filename: str) -> bool:
    return filename.lower().endswith(".csv")


def read_table(content: bytes, filename: str, *, max_rows: int = MAX_ROWS, max_bytes: int = MAX_BYTES) -> Table:
    """The first sheet of an XLSX file, or a CSV file; raises ``ValidationError`` for a file that
    is too large, unreadable, empty, of another kind, or with more than ``max_rows`` rows."""
    check_size(len(content), max_bytes)
    if is_xlsx(filename):
        tables = read_workbook(content, filename, max_rows=max_rows, max_bytes=max_bytes)
        table = next(iter(tables.values()), None)
    elif is_csv(filename):
        table = _collect("", _csv_rows(content), max_rows)
    else:
        raise ValidationError(_("Choose a CSV or XLSX file."), code="kind")
    if table is None:
        raise ValidationError(_("The file is empty."), code="empty")
    return table


def formula_message(cells: Sequence[str]) -> str:
    """The row error for formula cells (``Table.formulas[row]``)."""
    return _("A formula is not accepted (cell %(cells)s): type the value itself.") % {"cells": ", ".join(cells)}


# -- columns ---------------------------------------------------------------------------------


def header_key(header: Any, aliases: dict[str, str] | None = None) -> str:
    """A header cell as a column key: trimmed, lower case, spaces collapsed, then ``aliases``
    (``{"الرقم": "number", "numéro": "number"}``, keys in lower case)."""
    key = re.sub(r"\s+", " ", cell_text(header)).lower()
    return (aliases or {}).get(key, key)


def column_keys(header: Sequence[Any], aliases: dict[str, str] | None = None) -> list[str]:
    return [header_key(h, aliases) for h in header]


def header_message(header: Sequence[Any], keys: Sequence[str], *, columns: Sequence[str],
                   required: Sequence[str]) -> str:
    """One message for a header row that does not fit the layout ('' when it fits): the missing
    required columns, the unknown and the repeated ones, then every column expected (``columns``,
    in the layout's order)."""
    parts = []
    missing = [key for key in required if key not in keys]
    if missing:
        parts.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    unknown = [cell_text(h) for h, key in zip(header, keys, strict=False) if key and key not in columns]
    if unknown:
        parts.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    repeated = sorted({key for key in keys if key and list(keys).count(key) > 1})
    if repeated:
        parts.append(_("Columns named twice: %(columns)s.") % {"columns": ", ".join(repeated)})
    if not parts:
        return ""
    parts.append(
        _("The first row must name the columns %(columns)s (required: %(required)s).")
        % {"columns": ", ".join(columns), "required": ", ".join(required)}
    )
    return " ".join(parts)


def row_values(keys: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    """``{key: cell}`` for the named columns of ``row`` (missing cells are ``None``)."""
    return {key: (row[i] if i < len(row) else None) for i, key in enumerate(keys) if key}


# -- cells -----------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """Any cell as trimmed text ('' for an empty cell; 68.0 → '68'); the apostrophe an export
    put before text starting like a formula is taken off again."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1:2] in _FORMULA_START:
        return text[1:]
    return text


def _number(value: Any) -> Decimal | None:
    """A spreadsheet's number cell as a Decimal (None for any other cell)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return None


def parse_amount(value: Any, *, negative: bool = False) -> Decimal | None:
    """An amount (MAD): a number cell, or text such as '1 200 000', '1 234 567,89',
    '1234567.89', '1.200.000,50', '1,200,000', '150000 درهم'; '' → None. Raises ``CellError``
    for text that is no amount, "infinity" or "NaN", and a negative amount (unless
    ``negative``: an indicator's figure may be below zero)."""
    number = _number(value)
    if number is None:
        text = cell_text(value)
        cleaned = re.sub(r"[\s\u00a0\u202f]|MAD|DH|درهم", "", text, flags=re.IGNORECASE)
        if not cleaned:
            return None
        if "," in cleaned and "." in cleaned:
            if cleaned.rfind(",") > cleaned.rfind("."):
                cleaned = cleaned.replace(".", "").replace(",", ".")
            else:
                cleaned = cleaned.replace(",", "")
        elif "," in cleaned:
            if re.fullmatch(r"-?\d{1,3}(,\d{3})+", cleaned):
                cleaned = cleaned.replace(",", "")
            else:
                cleaned = cleaned.replace(",", ".")
        elif re.fullmatch(r"-?\d{1,3}(\.\d{3}){2,}", cleaned):
            cleaned = cleaned.replace(".", "")
        try:
            number = Decimal(cleaned)
        except InvalidOperation as exc:
            raise CellError(_("“%(value)s” is not an amount.") % {"value": text}) from exc
    if not number.is_finite():  # "infinity", "NaN" are Decimals too
        raise CellError(_("“%(value)s” is not an amount.") % {"value": cell_text(value)})
    if number < 0 and not negative:
        raise CellError(_("An amount cannot be negative (“%(value)s”).") % {"value": cell_text(value)})
    return number


def parse_whole_number(value: Any, *, minimum: int = 1) -> int:
    """'68', 68, 68.0 (a spreadsheet's number cell) → 68; text, "infinity", "NaN", fractions
    and numbers under ``minimum`` raise ``CellError``."""
    number = _number(value)
    if number is None:
        try:
            number = Decimal(cell_text(value))
        except InvalidOperation as exc:
            raise CellError(_("“%(value)s” is not a whole number.") % {"value": cell_text(value)}) from exc
    if not number.is_finite() or number != number.to_integral_value():
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": cell_text(value)})
    if number < minimum:
        raise CellError(
            _("“%(value)s” is too small: %(minimum)s at least.") % {"value": cell_text(value), "minimum": minimum}
        )
    return int(number)


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y-%m-%d %H:%M:%S")


def parse_date(value: Any) -> dt.date | None:
    """A date: an Excel date cell, an Excel day number, or text '2025-03-31' (ISO) or
    '31/03/2025' (day first); '' → None. Raises ``CellError`` otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    number = _number(value)
    if number is not None:
        from openpyxl.utils.datetime import from_excel

        if number.is_finite() and 1 <= number < 2958466:
            result = from_excel(float(number))
            return result.date() if isinstance(result, dt.datetime) else result
        raise CellError(_("“%(value)s” is not a date (e.g. 2025-03-31 or 31/03/2025).") % {"value": cell_text(value)})
    text = cell_text(value)
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError(_("“%(value)s” is not a date (e.g. 2025-03-31 or 31/03/2025).") % {"value": text})


_YES = {"1", "yes", "true", "y", "x", "oui", "vrai", "نعم"}
_NO = {"", "0", "no", "false", "n", "non", "faux", "لا"}


def parse_yes_no(value: Any) -> bool:
    """1/0, yes/no, true/false, oui/non, نعم/لا (an empty cell is no)."""
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(_("“%(value)s” is neither yes nor no (1 or 0).") % {"value": cell_text(value)})


def parse_choice(value: Any, aliases: dict[str, str], *, expected: Sequence[str]) -> str:
    """One of a few keys: the key itself or one of its words (``aliases``, lower-case text →
    key, e.g. ``{"recettes": "revenue", "مداخيل": "revenue"}``); '' for an empty cell. Raises
    ``CellError`` naming the ``expected`` keys otherwise."""
    text = re.sub(r"\s+", " ", cell_text(value)).lower()
    if not text:
        return ""
    if text in expected:
        return text
    if text in aliases:
        return aliases[text]
    raise CellError(_("“%(value)s” is not one of: %(choices)s.") % {"value": cell_text(value),
                                                                  "choices": ", ".join(expected)})
