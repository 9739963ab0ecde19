"""Staff exports: CSV (UTF-8 with BOM, so Excel keeps Arabic) and XLSX (openpyxl, right-to-left
sheet for Arabic) from rows and column definitions.

    from participation.core.exports import Column, export_rows

    columns = [
        Column("id", _("Number")),
        Column("title", _("Title")),
        Column(lambda c: c.category.name if c.category else "", _("Category")),
        Column("created_at", _("Date")),
        Column("support_count", _("Supports")),
    ]
    return export_rows(queryset.iterator(chunk_size=2000), columns, format="xlsx", filename="suggestions")

A column's ``value`` is an attribute / dict key (dotted paths follow relations: ``"author.public_name"``)
or a callable taking the row. Columns may also be given as ``(value, label)`` or
``(label, callable)`` pairs, or as bare labels when each row is a list (values by position). Values are written as numbers, dates (in the commune's time zone)
or text. Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return) is neutralised: citizens' text must never become a formula.
With ``stream=True`` the CSV is streamed, so 100,000 rows need not sit in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

FORMATS = ("csv", "xlsx")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XLSX_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    value: str | Callable[[Any], Any]
    label: str
    width: int | None = None  # XLSX column width in characters (guessed when None)

    def get(self, row: Any) -> Any:
        if callable(self.value):
            return self.value(row)
        current = row
        for part in self.value.split("."):
            if current is None:
                return None
            current = current.get(part) if isinstance(current, dict) else getattr(current, part, None)
            if callable(current) and not isinstance(current, type):
                current = current()
        return current


def _positional(index: int) -> Callable[[Any], Any]:
    return lambda row: row[index] if index < len(row) else None


def _as_column(column: Column | tuple | str, index: int = 0) -> Column:
    """Accepts a ``Column``; a ``(value, label)`` or ``(label, callable)`` pair (the callable is
    the value, whichever side it is on); or a bare label, for rows that are lists (by position)."""
    if isinstance(column, Column):
        return column
    if isinstance(column, tuple | list):
        first, second = column[0], column[1]
        if callable(second) and not callable(first):
            return Column(second, first, *column[2:])
        return Column(first, second, *column[2:])
    return Column(_positional(index), column)


def _as_columns(columns: Sequence) -> list[Column]:
    return [_as_column(c, i) for i, c in enumerate(columns)]


def neutralise_formula(text: str) -> str:
    """Prefix text a spreadsheet would evaluate with an apostrophe (OWASP CSV injection)."""
    if text and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _cell(value: Any) -> Any:
    """A Python value ready for a sheet: numbers and dates kept, everything else text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date):
        return value
    return neutralise_formula(str(value))


def _csv_text(value: Any) -> str:
    value = _cell(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_stream(rows: Iterable[Any], columns: Sequence[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # BOM: Excel then reads the file as UTF-8 and keeps Arabic intact
    yield writer.writerow([str(c.label) for c in columns])
    for row in rows:
        yield writer.writerow([_csv_text(c.get(row)) for c in columns])


def _filename(filename: str, extension: str) -> str:
    stem = filename.rsplit(".", 1)[0] if filename.lower().endswith(f".{extension}") else filename
    stem = slugify(stem, allow_unicode=True) or "export"
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def _write_sheet(workbook, rows: Iterable[Any], columns: Sequence[Column], *, title: str, rtl: bool) -> None:
    from openpyxl.cell import Cell, WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=(title or _("Export"))[:31].replace("/", "-"))
    sheet.sheet_view.rightToLeft = rtl
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width or max(
            12, min(60, len(str(column.label)) + 4)
        )
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.label))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    wrap = Alignment(wrap_text=False, vertical="top")
    formats = {dt.datetime: "yyyy-mm-dd hh:mm", dt.date: "yyyy-mm-dd"}
    styles = {}  # one style per kind of value, copied into each cell (setting styles cell by cell is slow)
    for kind in (str, dt.datetime, dt.date, None):
        prototype = WriteOnlyCell(sheet)
        prototype.alignment = wrap
        if kind in formats:
            prototype.number_format = formats[kind]
        styles[kind] = prototype._style
    for row in rows:
        cells = []
        for column in columns:
            value = _cell(column.get(row))
            kind = dt.datetime if isinstance(value, dt.datetime) else dt.date if isinstance(value, dt.date) else (
                str if isinstance(value, str) else None)
            if kind is str:
                value = _ILLEGAL_XLSX_CHARS.sub("", value)
            cell = Cell(sheet, row=1, column=1, value=value, style_array=styles[kind])
            if kind is str:
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        sheet.append(cells)


def xlsx_bytes(
    rows: Iterable[Any], columns: Sequence[Column | tuple], *, sheet_title: str = "", rtl: bool | None = None
) -> bytes:
    """The XLSX file as bytes (write-only workbook: rows are streamed into it)."""
    return xlsx_workbook_bytes([(sheet_title, rows, columns)], rtl=rtl)


def xlsx_workbook_bytes(sheets: Iterable[tuple[str, Iterable[Any], Sequence[Column | tuple | str]]], *,
                        rtl: bool | None = None) -> bytes:
    """An XLSX workbook of several sheets, each given as ``(title, rows, columns)`` (columns as
    for ``export_rows``; sheet titles are cut to Excel's 31 characters)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows, columns in sheets:
        _write_sheet(workbook, rows, _as_columns(columns), title=title, rtl=get_language_bidi() if rtl is None else rtl)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def attachment(content: bytes | str, *, content_type: str, filename: str, private: bool = True) -> HttpResponse:
    """A download response named ``filename`` (kept as given). ``private=False`` for open data
    anyone may cache; staff exports stay ``private, no-store``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def csv_text(rows: Iterable[Any], columns: Sequence[Column | tuple | str]) -> str:
    """The whole CSV (with the BOM Excel needs to read UTF-8) as text."""
    return "".join(_csv_stream(rows, _as_columns(columns)))


def export_rows(
    rows: Iterable[Any],
    columns: Sequence[Column | tuple],
    format: str = "csv",  # the name the API promises
    filename: str = "export",
    *,
    sheet_title: str = "",
    stream: bool = False,
) -> HttpResponse | StreamingHttpResponse:
    """An attachment response with ``rows`` in ``format`` ("csv" or "xlsx"). ``stream=True``
    streams the CSV (for very large exports; ``response.streaming_content``)."""
    columns = _as_columns(columns)
    if format not in FORMATS:
        raise ValueError(f"Unknown export format {format!r}")
    if format == "csv":
        content_type = "text/csv; charset=utf-8"
        if stream:
            response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
                _csv_stream(rows, columns), content_type=content_type
            )
        else:
            response = HttpResponse("".join(_csv_stream(rows, columns)).encode(), content_type=content_type)
        name = _filename(filename, "csv")
    else:
        response = HttpResponse(
            xlsx_bytes(rows, columns, sheet_title=sheet_title, rtl=get_language_bidi()),
            content_type=XLSX_CONTENT_TYPE,
        )
        name = _filename(filename, "xlsx")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


# --- public open data ----------------------------------------------------------------------------

#: The formats of a capability's public open data: one table (CSV), the workbook (XLSX), all (JSON).
OPEN_DATA_FORMATS = ("csv", "xlsx", "json")


def open_data_response(fmt: str, *, csv: Callable[[], str], xlsx: Callable[[], bytes], json_data: Callable[[], Any],
                       filename: Callable[[str], str]) -> HttpResponse:
    """The public open-data download in ``fmt`` (``OPEN_DATA_FORMATS``; another is a 404): only the
    asked format is built (``csv()``, ``xlsx()``, ``json_data()``), served as an attachment named
    ``filename(fmt)``."""
    import json

    from django.http import Http404

    if fmt == "csv":
        content, content_type = csv().encode(), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        content, content_type = xlsx(), XLSX_CONTENT_TYPE
    elif fmt == "json":
        content = json.dumps(json_data(), ensure_ascii=False, indent=1).encode()
        content_type = "application/json; charset=utf-8"
    else:
        raise Http404
    return attachment(content, content_type=content_type, filename=filename(fmt), private=False)


def json_value(value: Any, *, amount: bool = False) -> Any:
    """A cell of the open data in JSON: amounts and decimals as strings with two decimals (no float
    rounding), dates in ISO 8601, the rest as it is (``None`` stays ``null``)."""
    if value is None:
        return None
    if amount or isinstance(value, Decimal):
        return f"{Decimal(value).quantize(Decimal('0.01'))}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
