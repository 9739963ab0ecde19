"""The completed self-assessment questionnaire of a public year as a PDF (the core's
``participation.core.pdf``: shaped Arabic, real letters in the text layer): by section, each
question with the answer given, its points and, once verified, the technical team's finding; the
scores per principle and overall (self-assessment and final side by side once verified); the
verification report. Made once per content version, page and language."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from participation.core.caching import content_cached
from participation.core.pages import page_site

from . import label_selectors
from .label_figures import assessment_result
from .models import Assessment, LabelPage
from .scoring import METHOD


def assessment_pdf_context(*, assessment: Assessment, page: LabelPage) -> dict:
    """What the PDF shows, in the active language (``page``: the label page in it)."""
    from site_template.communes.models import CommuneSettings

    label = page.logical_label()
    site = page_site(label)
    commune = CommuneSettings.for_site(site) if site is not None else None
    principles = label_selectors.label_principles(label=label)
    url = ""
    if page.full_url:
        url = page.full_url + page.reverse_subpage("assessment_route", args=[assessment.year])
    return {
        "page": page,
        "assessment": assessment,
        "result": assessment_result(assessment, principles),
        "sections": label_selectors.completed_questionnaire(assessment=assessment),
        "method": METHOD,
        "commune": commune,
        "author": commune.name if commune else "",
        "assessment_url": url,
        "validated_on": timezone.localtime(assessment.validated_at).strftime("%Y-%m-%d")
        if assessment.validated_at
        else "",
        "visit_on": assessment.visit_on.strftime("%Y-%m-%d") if assessment.visit_on else "",
        "printed_at": timezone.localtime().strftime("%Y-%m-%d"),
    }


def assessment_pdf_bytes(*, assessment: Assessment, page: LabelPage, language: str) -> bytes:
    from participation.core.pdf import render_pdf

    with translation.override(language):
        return render_pdf(
            "charter/pdf/label_assessment.html", assessment_pdf_context(assessment=assessment, page=page)
        )


def assessment_pdf_response(*, assessment: Assessment, page: LabelPage, language: str) -> HttpResponse:
    """The PDF of a public assessment, inline, made once per content version, page and language
    (its status in the key: verifying it makes a new document)."""
    if not assessment.is_public:
        raise ValueError("A draft self-assessment has no public PDF.")
    key = f"label-assessment-pdf:{assessment.pk}:{assessment.status}:{page.pk}:{language}"
    data = content_cached(
        key, lambda: assessment_pdf_bytes(assessment=assessment, page=page, language=language)
    )
    response = HttpResponse(data, content_type="application/pdf")
    name = f"{slugify(page.slug) or 'label'}-{assessment.year}-{language}.pdf"
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=name)
    return response
