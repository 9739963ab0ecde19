"""The Citizen-Commune Label's public pages (routes declared on ``LabelPage``): the label page
(what the label is, the latest public result per principle and overall with the method, its
action plan, the years compared, every public year), a year's completed questionnaire, and its
PDF.

Only validated and verified assessments are public: a draft year answers 404 to everyone here,
staff included (its editors read it in the admin). Thin: reads through ``label_selectors`` and
``label_figures``; the bodies are the same for every visitor, so kept whole for anonymous
visitors and, as HTML, in the content cache for everyone else."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language_bidi

from participation.core.caching import anonymous_page_cache
from participation.core.fragments import cached_html
from participation.core.pages import current_language

from .. import label_selectors
from ..label_figures import assessment_result, years_chart
from ..label_pdf import assessment_pdf_response
from ..models import Assessment, LabelPage
from ..scoring import METHOD


def _year_url(page: LabelPage, year: int) -> str:
    return page.url + page.reverse_subpage("assessment_route", args=[year])


def _pdf_url(page: LabelPage, year: int) -> str:
    return page.url + page.reverse_subpage("assessment_pdf_route", args=[year])


def _public(page: LabelPage, year: int) -> tuple[Assessment, list[Assessment]]:
    """The public assessment of ``year`` and every public one (404 for a draft or no year)."""
    assessments = label_selectors.public_assessments(label=page)
    assessment = next((a for a in assessments if a.year == year), None)
    if assessment is None:
        raise Http404
    return assessment, assessments


@anonymous_page_cache
def index(request: HttpRequest, page: LabelPage) -> HttpResponse:
    """The label page: what the label is and how it is obtained, the latest public result, its
    action plan, the years compared and every public year."""
    label = page.logical_label()
    today = timezone.localdate()
    rtl = get_language_bidi()

    def body_context() -> dict:
        assessments = label_selectors.public_assessments(label=label)
        principles = label_selectors.label_principles(label=label)
        results = [assessment_result(a, principles) for a in assessments]
        context = {
            "request": request,
            "page": page,
            "principles": principles,
            "method": METHOD,
            "results": results,
            "today": today,
        }
        if results:
            latest = results[0]
            context.update(
                {
                    "latest": latest,
                    "latest_url": _year_url(page, latest.year),
                    "latest_pdf_url": _pdf_url(page, latest.year),
                    "actions": label_selectors.action_plan(assessment=latest.assessment, today=today),
                    "years_chart": years_chart(results, principles, rtl=rtl) if len(results) > 1 else None,
                    "year_rows": [(r, _year_url(page, r.year), _pdf_url(page, r.year)) for r in results],
                }
            )
        return context

    body = cached_html(
        f"label-index:{page.pk}:{today.isoformat()}", "charter/includes/label_index_body.html", body_context
    )
    return page.render(request, template="charter/label_page.html", context_overrides={"body": body})


@anonymous_page_cache
def assessment(request: HttpRequest, page: LabelPage, year: int) -> HttpResponse:
    """A public year's completed questionnaire: by section, each question with the answer given,
    its points, the verification's finding and the sources of verification; the scores per
    principle; the verification report; the PDF."""
    found, assessments = _public(page, year)
    label = page.logical_label()

    def body_context() -> dict:
        principles = label_selectors.label_principles(label=label)
        return {
            "request": request,
            "page": page,
            "assessment": found,
            "method": METHOD,
            "result": assessment_result(found, principles),
            "sections": label_selectors.completed_questionnaire(assessment=found),
            "pdf_url": _pdf_url(page, year),
            "other_years": [(a.year, _year_url(page, a.year)) for a in assessments if a.pk != found.pk],
        }

    body = cached_html(
        f"label-assessment:{page.pk}:{year}", "charter/includes/label_assessment_body.html", body_context
    )
    return page.render(
        request,
        template="charter/assessment_page.html",
        context_overrides={
            "body": body,
            "assessment": found,
            "translation_suffix": page.reverse_subpage("assessment_route", args=[year]),
        },
    )


@anonymous_page_cache
def assessment_pdf(request: HttpRequest, page: LabelPage, year: int) -> HttpResponse:
    """The completed questionnaire of a public year as a PDF, in the page's language."""
    found, _assessments = _public(page, year)
    return assessment_pdf_response(assessment=found, page=page, language=current_language())
