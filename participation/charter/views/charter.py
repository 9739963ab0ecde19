"""The charter's public pages (routes declared on ``CharterPage``): the charter, a principle, a
commitment, an evaluation, the scorecard and the open data. Thin: reads through selectors and
figures; citizens' writes (comments, follows, ratings) go to the core's and the notifications'
endpoints, which the includes post to."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from participation.core.caching import anonymous_page_cache
from participation.core.charts import grouped_bar_chart, percent_text
from participation.core.exports import OPEN_DATA_FORMATS, open_data_response
from participation.core.fragments import cached_html
from participation.core.pages import contribution_url
from participation.core.selectors import participation_context, rating_summary

from .. import rules, selectors
from ..exports import charter_csv, charter_json, charter_xlsx
from ..figures import citizen_counts
from ..models import CharterPage, CitizenView, CommitmentStatus

#: What citizens say of a commitment (the core rating, scale 3), lowest first.
RATING_LABELS = tuple(CitizenView.choices)
FORMATS = OPEN_DATA_FORMATS


def _base_context(request: HttpRequest, page: CharterPage) -> dict:
    charter = page.logical_charter()
    return {
        "charter": charter,
        "can_manage": bool(rules.can_manage_charter(request.user, charter)),
        "rtl": get_language_bidi(),
        "today": timezone.localdate(),
        "statuses": CommitmentStatus.choices,
    }


@anonymous_page_cache
def index(request: HttpRequest, page: CharterPage) -> HttpResponse:
    """The charter: its text and adoption, its principles with their commitments and statuses,
    the published evaluations and the latest one's score."""
    context = _base_context(request, page)
    context["overview"] = selectors.charter_overview(charter=context["charter"], today=context["today"])
    return page.render(request, template="charter/charter_page.html", context_overrides=context)


@anonymous_page_cache
def principle(request: HttpRequest, page: CharterPage, code: str) -> HttpResponse:
    context = _base_context(request, page)
    item = selectors.principle_get(charter=context["charter"], code=code)
    if item is None:
        raise Http404
    context.update({
        "principle": item,
        "commitments": selectors.principle_commitments(charter=context["charter"], principle=item,
                                                       today=context["today"]),
    })
    return page.render(request, template="charter/principle_page.html", context_overrides=context)


@anonymous_page_cache
def commitment(request: HttpRequest, page: CharterPage, number: int) -> HttpResponse:
    """A commitment: the promise, the indicator and its value (computed ones with their method
    and evidence), the status, the evidence, the history through the evaluations; and the
    citizens' side: follow, rate (kept / partly / not kept), comment."""
    context = _base_context(request, page)
    charter, today = context["charter"], context["today"]
    item = selectors.commitment_header(charter=charter, number=number, viewer=request.user)
    if item is None:
        raise Http404
    detail = selectors.commitment_detail(charter=charter, commitment=item, today=today)
    context.update({
        "commitment": item,
        "detail": detail,
        "figure": detail.figure,
        "late": item.is_late(today),
        "citizen_counts": citizen_counts(detail.distribution),
        "project_url": contribution_url(detail.project) if detail.project is not None else "",
    })
    contribution = item.contribution
    if contribution is not None:
        context.update(participation_context(request=request, contribution=contribution, page=charter))
        context.update({
            "rating": rating_summary(contribution=contribution, viewer=request.user),
            "rating_permission": rules.can_rate_commitment(request.user, item),
            "rating_question": _("Has the commune kept this commitment?"),
            "scale_labels": RATING_LABELS,
            "rating_scale": charter.rating_scale,
        })
    return page.render(request, template="charter/commitment_page.html", context_overrides=context)


@anonymous_page_cache
def evaluation(request: HttpRequest, page: CharterPage, pk: int) -> HttpResponse:
    """A published evaluation and its findings per commitment (404 for an unpublished one)."""
    context = _base_context(request, page)
    item = selectors.evaluation_get(charter=context["charter"], pk=pk)
    if item is None:
        raise Http404
    context["evaluation"] = item
    return page.render(request, template="charter/evaluation_page.html", context_overrides=context)


def _scorecard_chart(card, *, rtl: bool):
    """The share kept per principle, the commune's and the citizens', as grouped bars."""
    return grouped_bar_chart(
        id="charter-scorecard-kept", title=_("Share of commitments kept, per principle"),
        description=_("For each principle: the share of its commitments the commune says are kept, and the "
                      "share of the citizens' ratings saying they are kept."),
        series=[_("The commune"), _("The citizens")],
        rows=[(row.label, [row.commune_kept_share, row.citizens_kept_share]) for row in card.rows],
        rtl=rtl, value_format=percent_text, label_heading=_("Principle"),
    )


@anonymous_page_cache
def scorecard(request: HttpRequest, page: CharterPage) -> HttpResponse:
    """Per principle: the commune's statuses of its commitments beside the citizens' view."""
    context = _base_context(request, page)

    def body_context() -> dict:
        card, _commitments = selectors.charter_scorecard(charter=context["charter"])
        return {
            "request": request,
            "page": page,
            "rtl": context["rtl"],
            "card": card,
            "chart": _scorecard_chart(card, rtl=context["rtl"]),
            "citizen_views": list(reversed(CitizenView.choices)),
        }

    # The same for every visitor, renewed by every public change (a rating, a status): cached.
    context["body"] = cached_html(f"charter-scorecard:{page.pk}", "charter/includes/charter_scorecard_body.html",
                                  body_context)
    return page.render(request, template="charter/scorecard_page.html", context_overrides=context)


def _filename(page: CharterPage, fmt: str) -> str:
    stem = slugify(page.slug, allow_unicode=True) or "charter"
    return f"{stem}-commitments.csv" if fmt == "csv" else f"{stem}.{fmt}"


@anonymous_page_cache
def open_data(request: HttpRequest, page: CharterPage, fmt: str) -> HttpResponse:
    """The commitments with their values and statuses (CSV), every public table (XLSX), the whole
    charter (JSON). Public data only: published evaluations, no account."""
    charter = page.logical_charter()
    return open_data_response(
        fmt, csv=lambda: charter_csv(charter), xlsx=lambda: charter_xlsx(charter, rtl=get_language_bidi()),
        json_data=lambda: charter_json(charter), filename=lambda fmt: _filename(page, fmt),
    )
