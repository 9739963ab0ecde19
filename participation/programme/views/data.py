"""The open data of a programme: its tables as CSV (the projects), XLSX (every table) and JSON
(the whole programme), in the layout of ``participation.programme.exports`` (``DATA_LAYOUT.md``).
Public, cached for anonymous visitors; the same data from the Arabic and the French page."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from django.utils.translation import get_language_bidi

from participation.core.caching import anonymous_page_cache
from participation.core.exports import XLSX_CONTENT_TYPE, attachment

from ..exports import programme_json, programme_projects_csv, programme_xlsx
from ..models import ProgrammePage

FORMATS = ("csv", "xlsx", "json")


def _filename(page: ProgrammePage, fmt: str) -> str:
    stem = slugify(page.slug, allow_unicode=True) or "programme"
    return f"{stem}-projects.csv" if fmt == "csv" else f"{stem}.{fmt}"


@anonymous_page_cache
def open_data(request: HttpRequest, page: ProgrammePage, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    programme = page.logical_programme()
    if fmt == "csv":
        content, content_type = programme_projects_csv(programme).encode(), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        content, content_type = programme_xlsx(programme, rtl=get_language_bidi()), XLSX_CONTENT_TYPE
    else:
        content = json.dumps(programme_json(programme), ensure_ascii=False, indent=1).encode()
        content_type = "application/json; charset=utf-8"
    response = attachment(content, content_type=content_type, filename=_filename(page, fmt), private=False)
    return response
