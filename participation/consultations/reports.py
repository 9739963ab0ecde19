"""Exports of every remark and proposal (CSV with a UTF-8 BOM so Excel keeps Arabic; XLSX with a
right-to-left sheet) through ``participation.core.exports``, and the printable PDF report with the
figures, rendered from ``consultations/pdf/report.html`` by ``participation.core.pdf``."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from participation.core.pages import page_site

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


def _report_context(*, consultation: ConsultationPage, page: ConsultationPage) -> dict:
    from site_template.communes.models import CommuneSettings

    projects = list(selectors.projects_for(consultation=consultation))
    figures = selectors.figures(consultation=consultation, projects=projects)
    figure_rows = [
        (_("Participants"), figures.participants),
        (_("Remarks"), figures.remarks),
        (_("Supports"), figures.supports),
        (_("New project proposals"), figures.proposals),
        (_("Associations taking part"), figures.associations),
        (_("Women"), f"{figures.women.percent}%" if figures.women.shown else "—"),
        (_("Young people (under 35)"), f"{figures.young.percent}%" if figures.young.shown else "—"),
    ]
    project_cards = []
    for project in projects:
        fields = [
            (_("Remarks"), project.remark_count),
            (_("Supports"), project.contribution.support_count if project.contribution_id else 0),
        ]
        if project.decision:
            fields.append((_("Committee decision"), project.get_decision_display()))
            if project.decision_reason:
                fields.append((_("Committee's reason"), project.decision_reason))
        project_cards.append({"number": project.number, "title": project.title, "fields": fields})
    labels = dict(_columns())
    remark_cards = []
    for row in remark_rows(consultation=consultation):
        fields = [(labels["signed_as"], row["association"] or row["signed_as"])]
        for key in ("problem", "solutions", "funding_sources", "tracking_indicators", "impact_indicators",
                    "free_remark", "decision", "decision_reason"):
            if row[key]:
                fields.append((labels[key], row[key]))
        remark_cards.append({"id": row["id"], "title": row["project"] or row["proposal_title"], "fields": fields})
    site = page_site(page)
    commune = CommuneSettings.for_site(site) if site else None
    return {
        "page": page,
        "commune": commune,
        "author": commune.name if commune else "",
        "opens_at": clock.to_local(consultation.opens_at).strftime("%Y-%m-%d %H:%M"),
        "closes_at": clock.to_local(consultation.closes_at).strftime("%Y-%m-%d %H:%M"),
        "printed_at": clock.to_local(clock.now()).strftime("%Y-%m-%d %H:%M"),
        "figure_rows": figure_rows,
        "project_cards": project_cards,
        "remark_cards": remark_cards,
    }


def report_pdf_bytes(*, consultation: ConsultationPage, page: ConsultationPage, language: str) -> bytes:
    """The printable report: the window, the figures, per project remarks/supports and decision,
    and every remark's card with the committee's decision."""
    from participation.core.pdf import render_pdf

    with translation.override(language):
        context = _report_context(consultation=consultation, page=page)
        return render_pdf("consultations/pdf/report.html", context)


def report_pdf(*, consultation: ConsultationPage, page: ConsultationPage, language: str) -> HttpResponse:
    response = HttpResponse(
        report_pdf_bytes(consultation=consultation, page=page, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="consultation-{consultation.pk}-report.pdf"'
    return response


__all__ = ["Remark", "remark_rows", "remarks_export", "report_pdf", "report_pdf_bytes"]
