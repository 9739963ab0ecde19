"""The printable receipt of a request (law 31-13 art. 14: a receipt is given for each request)."""

from __future__ import annotations

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from participation.core.pdf import PdfDocument
from site_template.communes.models import CommuneSettings

from .deadlines import within_days, within_working_days
from .models import InfoRequest


def receipt_pdf_bytes(*, info_request: InfoRequest, status_url: str, language: str) -> bytes:
    with translation.override(language):
        commune = CommuneSettings.for_site(info_request.site)
        doc = PdfDocument(rtl=translation.get_language_bidi(), title=_("Receipt of an information request"),
                          author=commune.name)
        doc.paragraph(commune.name, size=12, bold=True)
        if commune.address:
            doc.paragraph(commune.address, size=9)
        doc.spacer(10)
        doc.heading(_("Receipt of an information request"))
        doc.paragraph(_("Law 31-13 on the right of access to information"), size=9)
        doc.rule()
        doc.field(_("Tracking number"), info_request.tracking_number, size=12)
        doc.field(_("Received on"), formats.date_format(timezone.localtime(info_request.received_at), "j F Y H:i"))
        doc.field(_("Answer due by"), formats.date_format(info_request.due_date, "j F Y"))
        doc.field(_("Requester"), info_request.full_name)
        doc.field(_("Identity document"), info_request.masked_id_number)
        doc.field(_("Preferred form of access"), str(info_request.get_access_form_display()))
        if info_request.is_urgent:
            doc.field(_("Urgent"), _("Yes (law 31-13, art. 17: answer within 3 days)"))
        doc.spacer()
        doc.field(_("Subject"), info_request.subject)
        doc.paragraph(info_request.information_requested, size=10)
        doc.rule()
        doc.paragraph(_("Follow your request with your private link (keep it; the tracking number alone is not enough):"), size=10)
        doc.paragraph(status_url, size=9)
        doc.spacer()
        doc.paragraph(
            _("The commune answers within 20 working days (law 31-13, art. 16); this period may be extended "
              "once by 20 working days with a reasoned notice. If the answer is late, refused or incomplete, you "
              "may complain to the head of the commune within 20 working days (art. 19), then to the commission "
              "for the right of access to information (CDAI) within 30 days (art. 20)."),
            size=9,
        )
        return doc.render()


def refusal_letter_pdf_bytes(*, info_request: InfoRequest, language: str) -> bytes:
    """Law 31-13 art. 18: the refusal is written and reasoned, and mentions the right to complain."""
    with translation.override(language):
        commune = CommuneSettings.for_site(info_request.site)
        conf = info_request.settings
        doc = PdfDocument(rtl=translation.get_language_bidi(), title=_("Decision on an information request"),
                          author=commune.name)
        doc.paragraph(commune.name, size=12, bold=True)
        if commune.address:
            doc.paragraph(commune.address, size=9)
        doc.spacer(10)
        doc.heading(_("Decision on an information request"))
        doc.rule()
        doc.field(_("Tracking number"), info_request.tracking_number)
        doc.field(_("Received on"), formats.date_format(timezone.localtime(info_request.received_at), "j F Y"))
        if info_request.answered_at:
            doc.field(_("Decision of"), formats.date_format(timezone.localtime(info_request.answered_at), "j F Y"))
        doc.field(_("Subject"), info_request.subject)
        doc.spacer()
        doc.paragraph(_("Your request is refused."), bold=True)
        doc.field(_("Ground (law 31-13, art. 18)"), str(info_request.get_refusal_ground_display()))
        if info_request.refusal_exception:
            doc.field(_("exception of art. 7"), str(info_request.get_refusal_exception_display()))
        doc.paragraph(_("Reasons:"), bold=True)
        doc.paragraph(info_request.refusal_reason, size=10)
        doc.rule()
        doc.paragraph(
            _("You may file a complaint with the head of the commune %(within_days)s of this decision "
              "(law 31-13, art. 19), from the private page of your request; the head answers %(within_answer)s. "
              "You may then complain to the commission for the right of access to information (CDAI) "
              "%(within_cdai)s (art. 20), and appeal to the administrative court (art. 21).")
            % {"within_days": within_working_days(conf.complaint_filing_working_days),
               "within_answer": within_days(conf.complaint_answer_days),
               "within_cdai": within_days(conf.commission_filing_days)},
            size=10,
        )
        return doc.render()
