"""Staff views in the Wagtail admin: registrant list, printable sign-in sheet, CSV/XLSX export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from participation.core.exports import export_rows
from participation.core.pages import page_site

from . import rules, selectors
from .models import MeetingIdea, MeetingPage

SIGN_IN_BLANK_ROWS = 15


def _meeting_for_staff(request, page_id: int) -> MeetingPage:
    page = get_object_or_404(MeetingPage, pk=page_id)
    meeting = page.logical
    if not rules.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


def registrants(request, page_id: int):
    meeting = _meeting_for_staff(request, page_id)
    page = selectors.meeting_in_language(meeting=meeting, language=None)
    rows = list(selectors.registrants(meeting=meeting, include_cancelled=True))
    return TemplateResponse(request, "meetings/admin/registrants.html", {
        "meeting": meeting,
        "page_title": page.title,
        "registrations": rows,
        "counts": selectors.meeting_counts(meeting=meeting),
        "ideas": selectors.ideas_with_conversions(meeting=meeting),
        "conversion_targets": selectors.conversion_targets(meeting=meeting),
    })


def sign_in_sheet(request, page_id: int):
    meeting = _meeting_for_staff(request, page_id)
    page = selectors.meeting_in_language(meeting=meeting, language=None)
    rows = list(selectors.registrants(meeting=meeting).filter(status="confirmed"))
    return TemplateResponse(request, "meetings/admin/sign_in_sheet.html", {
        "meeting": meeting,
        "page": page,
        "registrations": rows,
        "blank_rows": range(len(rows) + 1, len(rows) + 1 + SIGN_IN_BLANK_ROWS),
        "commune": selectors.commune_name(site=page_site(meeting)),
        "printed_at": timezone.now(),
    })


def export(request, page_id: int, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    meeting = _meeting_for_staff(request, page_id)
    columns = [_("Number"), _("Name"), _("Email"), _("Status"), _("Registered at"), _("Promoted at"),
               _("Language")]
    rows = [
        [n, reg.user.listed_name, reg.user.email, reg.get_status_display(),
         reg.created_at, reg.promoted_at, reg.language]
        for n, reg in enumerate(selectors.registrants(meeting=meeting, include_cancelled=True), start=1)
    ]
    filename = f"registrants-{meeting.starts_at:%Y-%m-%d}-{slugify(meeting.slug)[:40] or meeting.pk}"
    return export_rows(rows, columns, format=fmt, filename=filename, sheet_title=str(_("Registrants")))


def convert_idea(request, page_id: int, idea_id: int):
    """POST: turn one idea into a suggestion or a consultation proposal (origin kept)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    from .conversion import ConversionError, idea_convert

    meeting = _meeting_for_staff(request, page_id)
    idea = get_object_or_404(MeetingIdea, pk=idea_id, page=meeting)
    try:
        idea_convert(meeting=meeting, idea=idea, target_key=request.POST.get("target", ""), by=request.user)
    except ConversionError:
        messages.error(request, _("Choose where to send the idea."))
    else:
        messages.success(request, _("The idea was turned into a contribution; it keeps a link to this meeting."))
    return HttpResponseRedirect(reverse("meetings_admin:registrants", args=[meeting.pk]) + "#ideas")
