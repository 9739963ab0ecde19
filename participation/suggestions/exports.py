"""Staff exports of the suggestions space: suggestions and comments with their figures, through
``participation.core.exports.export_rows`` (CSV with a UTF-8 BOM so Excel keeps Arabic, formulas
neutralised; XLSX right-to-left in Arabic)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from participation.core.exports import export_rows

from . import selectors

Column = tuple[str, Callable]


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def suggestion_columns() -> list[Column]:
    return [
        (_("Number"), lambda c: c.pk),
        (_("Date"), lambda c: _local(c.created_at)),
        (_("Title"), lambda c: c.title),
        (_("Text"), lambda c: c.text),
        (_("Category"), lambda c: c.category.name if c.category else ""),
        (_("Neighbourhood"), lambda c: c.neighbourhood.name if c.neighbourhood else ""),
        (_("Place"), lambda c: c.place_description),
        (_("Author"), lambda c: c.author_display),
        (_("Status"), lambda c: c.get_status_display()),
        (_("Visibility"), lambda c: c.get_visibility_display()),
        (_("Supports"), lambda c: c.support_count),
        (_("Comments"), lambda c: c.comment_count),
        (_("Official answer"), lambda c: c.official_answer),
        (_("Answered at"), lambda c: _local(c.answered_at)),
    ]


def comment_columns() -> list[Column]:
    return [
        (_("Number"), lambda c: c.pk),
        (_("Suggestion number"), lambda c: c.contribution_id),
        (_("Suggestion"), lambda c: c.contribution.title),
        (_("Date"), lambda c: _local(c.created_at)),
        (_("Author"), lambda c: c.author_display),
        (_("Official reply"), lambda c: _("yes") if c.is_official else ""),
        (_("In reply to"), lambda c: c.parent_id or ""),
        (_("Comment"), lambda c: "" if c.is_deleted else c.text),
        (_("Deleted"), lambda c: _("yes") if c.is_deleted else ""),
        (_("Visibility"), lambda c: c.get_visibility_display()),
    ]


def _export(rows, columns, fmt: str, filename: str) -> HttpResponse:
    return export_rows(rows, columns, format=fmt, filename=filename, sheet_title=filename[:31])


def suggestion_export(*, page, fmt: str, request=None) -> HttpResponse:
    stamp = timezone.localdate().isoformat()
    return _export(selectors.suggestion_export_rows(page=page).iterator(), suggestion_columns(), fmt, f"suggestions-{stamp}")


def comment_export(*, page, fmt: str, request=None) -> HttpResponse:
    stamp = timezone.localdate().isoformat()
    return _export(selectors.comment_export_rows(page=page).iterator(), comment_columns(), fmt, f"suggestion-comments-{stamp}")
