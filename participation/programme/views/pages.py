"""The programme's public pages (routes declared on ``ProgrammePage``): the programme, an axis and
a project. Thin: reads through selectors and figures; citizens' writes (comments, follows,
ratings, reports) go to the core's and the notifications' endpoints, which the includes post to."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _

from participation.core.caching import anonymous_page_cache, content_cached
from participation.core.conversion import conversion_targets
from participation.core.fragments import cached_html
from participation.core.pages import localized_page, request_site
from participation.core.rules import can_rate
from participation.core.selectors import participation_context, rating_summary

from .. import rules, selectors
from ..figures import programme_figures
from ..models import ProgrammePage, ProjectStatus
from ..origins import project_origins
from ..reports import published_reports
from ..timeline import axis_timeline, project_timeline

#: How citizens rate how well a project is going (1 = lowest).
RATING_LABELS = (
    (1, gettext_lazy("Very badly")),
    (2, gettext_lazy("Badly")),
    (3, gettext_lazy("So-so")),
    (4, gettext_lazy("Well")),
    (5, gettext_lazy("Very well")),
)


def _base_context(request: HttpRequest, page: ProgrammePage) -> dict:
    programme = page.logical_programme()
    return {
        "programme": programme,
        "can_manage": bool(rules.can_manage(request.user, programme)),
        "rtl": get_language_bidi(),
        "today": timezone.localdate(),
    }


@anonymous_page_cache
def index(request: HttpRequest, page: ProgrammePage) -> HttpResponse:
    """The programme: its axes with their completion and money, the projects (filtered, paginated),
    the latest updates and the published reports; the same for every visitor, so kept as HTML in
    the content cache per filters, list page and day (renewed by every public change)."""
    context = _base_context(request, page)
    programme, today = context["programme"], context["today"]
    axes = selectors.programme_axes(programme=programme)
    neighbourhoods = selectors.programme_neighbourhoods(programme=programme)
    filters = selectors.ProjectFilters.from_query(
        request.GET, axes=axes, neighbourhood_ids={n.pk for n in neighbourhoods}
    )
    projects = selectors.project_page(programme=programme, filters=filters, page_number=request.GET.get("page"))

    def body_context() -> dict:
        figures = programme_figures(programme=programme, today=today)
        for axis_row, group in zip(axes, figures.by_axis, strict=True):
            axis_row.figures = group
        return {
            "request": request, "page": page, "programme": programme, "today": today,
            "axes": axes, "figures": figures, "neighbourhoods": neighbourhoods, "statuses": ProjectStatus.choices,
            "filters": filters, "projects": projects,
            "updates": selectors.latest_updates(programme=programme),
            "reports": published_reports(programme),
        }

    key = f"programme-index:{page.pk}:{today.isoformat()}:{filters.query_string()}:{projects.number}"
    context["body"] = cached_html(key, "programme/includes/programme_body.html", body_context)
    return page.render(request, template="programme/programme_page.html", context_overrides=context)


@anonymous_page_cache
def axis(request: HttpRequest, page: ProgrammePage, number: int) -> HttpResponse:
    context = _base_context(request, page)
    axis = selectors.axis_get(programme=context["programme"], number=number)
    if axis is None:
        raise Http404
    context.update(
        {
            "axis": axis,
            "projects": selectors.axis_projects(axis=axis),
            "timeline": axis_timeline(axis, today=context["today"], rtl=context["rtl"]),
        }
    )
    return page.render(request, template="programme/axis_page.html", context_overrides=context)


def _suggestions_form_url(request: HttpRequest, page: ProgrammePage) -> str:
    """The commune's suggestions form in the visitor's language ('' without a suggestions space),
    kept in the content cache: asking every capability for its targets costs queries."""

    def build() -> str:
        site = request_site(request, page)
        target = next((t for t in conversion_targets(site) if t.kind == "suggestion"), None)
        if target is None:
            return ""
        suggestions = localized_page(target.page).specific
        return suggestions.url + suggestions.reverse_subpage("suggestion_new")

    return content_cached(f"programme-suggestions-form:{page.pk}", build)


def _suggestion_url(request: HttpRequest, page: ProgrammePage, contribution) -> str:
    """"Report a problem on the ground": the commune's suggestions form, about this project."""
    form_url = _suggestions_form_url(request, page)
    return f"{form_url}?about={contribution.pk}" if form_url else ""


@anonymous_page_cache
def project(request: HttpRequest, page: ProgrammePage, number: int) -> HttpResponse:
    """A project: its facts, logical framework, money, timeline, history, updates and origins
    (the same for every visitor: kept as HTML in the content cache, renewed by every public
    change and every day); and the citizens' side: follow, rate, comment, report a problem."""
    context = _base_context(request, page)
    programme, today = context["programme"], context["today"]
    project = selectors.project_header(programme=programme, number=number, viewer=request.user)
    if project is None:
        raise Http404

    def body_context() -> dict:
        detail = selectors.project_detail(programme=programme, number=number)
        return {
            "request": request, "page": page, "project": detail.project, "detail": detail,
            "timeline": project_timeline(detail.project, today=today, rtl=context["rtl"]),
            "origins": project_origins(project=detail.project, viewer=None),
        }

    context.update(
        {
            "project": project,
            "late": project.is_late(today),
            "body": cached_html(f"programme-project:{page.pk}:{number}:{today.isoformat()}",
                                "programme/includes/project_body.html", body_context),
        }
    )
    contribution = project.contribution
    if contribution is not None:
        context.update(participation_context(request=request, contribution=contribution, page=programme))
        context.update(
            {
                "rating": rating_summary(contribution=contribution, viewer=request.user),
                "rating_permission": can_rate(request.user, contribution, page=programme),
                "rating_question": _("How well is this project going?"),
                "scale_labels": RATING_LABELS,
                "report_problem_url": _suggestion_url(request, page, contribution),
            }
        )
    return page.render(request, template="programme/project_page.html", context_overrides=context)
