"""The printable receipt of a request (law 31-13 art. 14: a receipt is given for each request) and
the written, reasoned refusal (art. 18), rendered from templates by ``participation.core.pdf``."""

from __future__ import annotations

from django.utils import formats, timezone, translation

from participation.core.pdf import render_pdf
from site_template.communes.models import CommuneSettings

from .deadlines import within_days, within_working_days
from .models import InfoRequest


def receipt_pdf_bytes(*, info_request: InfoRequest, status_url: str, language: str) -> bytes:
    with translation.override(language):
        commune = CommuneSettings.for_site(info_request.site)
        return render_pdf("info_requests/pdf/receipt.html", {
            "commune": commune,
            "author": commune.name,
            "info_request": info_request,
            "status_url": status_url,
            "received_on": formats.date_format(timezone.localtime(info_request.received_at), "DATETIME_FORMAT"),
            "due_on": formats.date_format(info_request.due_date, "DATE_FORMAT"),
        })


def refusal_letter_pdf_bytes(*, info_request: InfoRequest, language: str) -> bytes:
    """Law 31-13 art. 18: the refusal is written and reasoned, and mentions the right to complain."""
    with translation.override(language):
        commune = CommuneSettings.for_site(info_request.site)
        answered_at = info_request.answered_at
        conf = info_request.settings
        return render_pdf("info_requests/pdf/refusal_letter.html", {
            "commune": commune,
            "author": commune.name,
            "info_request": info_request,
            "within_filing": within_working_days(conf.complaint_filing_working_days),
            "within_answer": within_days(conf.complaint_answer_days),
            "within_cdai": within_days(conf.commission_filing_days),
            "received_on": formats.date_format(timezone.localtime(info_request.received_at), "DATE_FORMAT"),
            "answered_on": formats.date_format(timezone.localtime(answered_at), "DATE_FORMAT") if answered_at else "",
        })
