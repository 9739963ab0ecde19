"""Exports of every remark and proposal (CSV with a UTF-8 BOM so Excel keeps Arabic; XLSX with a
right-to-left sheet) through ``participation.core.exports``, and the printable PDF report (Arabic
shaped, right to left) with the figures, through ``participation.core.pdf``."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from . import clock, selectors
from .models import ConsultationPage, Remark


def _columns() -> list[tuple[str, str]]:
    return [
        ("id", _("Number")),
        ("kind", _("Kind")),
        ("project", _("Project")),
        ("proposal_title", _("Title of the proposed project")),
        ("signed_as", _("Participant")),
        ("association", _("Association")),
        ("paper", _("Paper remark")),
        ("language", _("Language")),
        ("created_at", _("Date")),
        ("problem", _("The problem")),
        ("solutions", _("Proposed solutions")),
        ("funding_sources", _("Funding sources")),
        ("tracking_indicators", _("Tracking indicators")),
        ("impact_indicators", _("Impact indicators")),
        ("free_remark", _("Free remark")),
        ("comments", _("Comments")),
        ("decision", _("Committee decision")),
        ("decision_reason", _("Committee's reason")),
    ]


def remark_rows(*, consultation: ConsultationPage):
    """Every published remark and proposal, oldest first, streamed in chunks (one query per chunk)."""
    remarks = (
        selectors.published_remarks(consultation=consultation).order_by("created_at", "id").iterator(chunk_size=2000)
    )
    yes, no = _("Yes"), _("No")
    for remark in remarks:
        yield {
            "id": remark.pk,
            "kind": remark.get_kind_display(),
            "project": f"{remark.project.number} — {remark.project.title}" if remark.project_id else "",
            "proposal_title": remark.proposal_title,
            "signed_as": remark.signed_as,
            "association": remark.association_name,
            "paper": yes if remark.entered_by_staff else no,
            "language": remark.language,
            "created_at": clock.to_local(remark.created_at).strftime("%Y-%m-%d %H:%M"),
            "problem": remark.problem,
            "solutions": remark.solutions,
            "funding_sources": remark.funding_sources,
            "tracking_indicators": remark.tracking_indicators,
            "impact_indicators": remark.impact_indicators,
            "free_remark": remark.free_remark,
            "comments": remark.contribution.comment_count if remark.contribution_id else 0,
            "decision": remark.get_decision_display() if remark.decision else "",
            "decision_reason": remark.decision_reason,
        }


def remarks_export(*, consultation: ConsultationPage, fmt: str) -> HttpResponse:
    """Every published remark and proposal as CSV (streamed, UTF-8 BOM) or XLSX (right to left in
    Arabic), through the shared exporter (which neutralises spreadsheet formulas)."""
    from participation.core.exports import Column, export_rows

    columns = [Column(key, label) for key, label in _columns()]
    return export_rows(
        remark_rows(consultation=consultation),
        columns,
        format=fmt,
        filename=f"consultation-{consultation.pk}-remarks",
        sheet_title=_("Remarks"),
    )


def report_pdf_bytes(*, consultation: ConsultationPage, page: ConsultationPage, language: str) -> bytes:
    """The printable report: the window, the figures, per project remarks/supports and decision,
    and every remark's card with the committee's decision."""
    from participation.core.pdf import PdfDocument

    with translation.override(language):
        rtl = translation.get_language_bidi()
        projects = list(selectors.projects_for(consultation=consultation))
        figures = selectors.figures(consultation=consultation, projects=projects)
        doc = PdfDocument(rtl=rtl, title=page.title)
        doc.heading(page.title)
        doc.field(_("Opens at"), clock.to_local(consultation.opens_at).strftime("%Y-%m-%d %H:%M"))
        doc.field(_("Closes at"), clock.to_local(consultation.closes_at).strftime("%Y-%m-%d %H:%M"))
        doc.field(_("Printed at"), clock.to_local(clock.now()).strftime("%Y-%m-%d %H:%M"))
        doc.rule().heading(_("Participation figures"), size=13)
        doc.field(_("Participants"), str(figures.participants))
        doc.field(_("Remarks"), str(figures.remarks))
        doc.field(_("Supports"), str(figures.supports))
        doc.field(_("New project proposals"), str(figures.proposals))
        doc.field(_("Associations taking part"), str(figures.associations))
        doc.field(_("Women"), f"{figures.women.percent}%" if figures.women.shown else "—")
        doc.field(_("Young people (under 35)"), f"{figures.young.percent}%" if figures.young.shown else "—")
        doc.rule().heading(_("Open projects"), size=13)
        for project in projects:
            doc.paragraph(f"{project.number} — {project.title}", bold=True)
            doc.field(_("Remarks"), str(project.remark_count))
            doc.field(_("Supports"), str(project.contribution.support_count if project.contribution_id else 0))
            if project.decision:
                doc.field(_("Committee decision"), project.get_decision_display())
                if project.decision_reason:
                    doc.field(_("Committee's reason"), project.decision_reason)
            doc.spacer()
        doc.rule().heading(_("Remarks and proposals"), size=13)
        labels = dict(_columns())
        for row in remark_rows(consultation=consultation):
            title = row["project"] or row["proposal_title"]
            doc.paragraph(f"#{row['id']} — {title}", bold=True)
            doc.field(labels["signed_as"], row["association"] or row["signed_as"])
            for key in ("problem", "solutions", "funding_sources", "tracking_indicators", "impact_indicators", "free_remark"):
                if row[key]:
                    doc.field(labels[key], row[key])
            if row["decision"]:
                doc.field(labels["decision"], row["decision"])
                if row["decision_reason"]:
                    doc.field(labels["decision_reason"], row["decision_reason"])
            doc.spacer()
        return doc.render()


def report_pdf(*, consultation: ConsultationPage, page: ConsultationPage, language: str) -> HttpResponse:
    response = HttpResponse(
        report_pdf_bytes(consultation=consultation, page=page, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="consultation-{consultation.pk}-report.pdf"'
    return response


__all__ = ["Remark", "remark_rows", "remarks_export", "report_pdf", "report_pdf_bytes"]
