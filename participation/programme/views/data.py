"""The open data of a programme: its tables as CSV (the projects), XLSX (every table) and JSON
(the whole programme), in the layout of ``participation.programme.exports`` (``DATA_LAYOUT.md``).
Public, cached for anonymous visitors; the same data from the Arabic and the French page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify
from django.utils.translation import get_language_bidi

from participation.core.caching import anonymous_page_cache
from participation.core.exports import OPEN_DATA_FORMATS, open_data_response

from ..exports import programme_json, programme_projects_csv, programme_xlsx
from ..models import ProgrammePage

FORMATS = OPEN_DATA_FORMATS


def _filename(page: ProgrammePage, fmt: str) -> str:
    stem = slugify(page.slug, allow_unicode=True) or "programme"
    return f"{stem}-projects.csv" if fmt == "csv" else f"{stem}.{fmt}"


@anonymous_page_cache
def open_data(request: HttpRequest, page: ProgrammePage, fmt: str) -> HttpResponse:
    programme = page.logical_programme()
    return open_data_response(
        fmt, csv=lambda: programme_projects_csv(programme), xlsx=lambda: programme_xlsx(programme, rtl=get_language_bidi()),
        json_data=lambda: programme_json(programme), filename=lambda fmt: _filename(page, fmt),
    )
