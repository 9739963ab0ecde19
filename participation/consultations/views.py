"""The consultation page's sub-pages (routes declared on ``ConsultationPage``): each a view
``view(request, page, …)``, ``page`` being the page in the visitor's language. Thin: reads
through selectors, writes through services (which check the rules and raise ``ActionRefused``);
the rules are only read here to decide what to show. Everything works without JavaScript (POST
+ redirect; invalid forms re-render with what was typed)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from participation.core import rules as core_rules
from participation.core.caching import content_cached, mark_anonymous_cacheable
from participation.core.charts import bar_chart
from participation.core.fragments import cached_html
from participation.core.pages import current_language
from participation.core.ratelimit import ratelimit_exceeded, ratelimit_message
from participation.core.rules import LOGIN, ActionRefused
from participation.core.selectors import comment_thread, page_number_key
from site_template.accounts.staff import staff_view

from . import clock, reports, rules, selectors, services
from .forms import ProposalForm, RemarkCardForm
from .models import ConsultationPage, OpenProject, Remark, RemarkStatus

#: A consultation puts many projects to citizens at once: a higher rate than other new contributions.
REMARK_RATE = "40/h"


# -- pages --------------------------------------------------------------------------------------


def index(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    consultation = page.logical_consultation()
    # The rows are only read when a cached part is rebuilt or the synthesis is shown.
    projects = SimpleLazyObject(lambda: selectors.projects_for_display(consultation=consultation))
    context = _context(request, consultation)
    context.update(
        {
            "projects": projects,  # the synthesis section lists them
            "projects_html": cached_html(
                f"consultation-projects:{page.pk}",
                "consultations/includes/project_cards.html",
                lambda: {"request": request, "page": page, "consultation": consultation, "projects": projects},
            ),
            "figures_html": content_cached(
                f"consultation-figures-html:{consultation.pk}:{current_language()}",
                lambda: _figures_html(consultation, projects),
            ),
            "proposals_html": _remark_list_html(
                request,
                page,
                f"consultation-proposals:{page.pk}",
                lambda number: selectors.proposals(consultation=consultation, page_number=number),
                consultation=consultation,
                anchor="proposals-title",
                empty_text=_("No proposal yet."),
            ),
            "own_remarks": selectors.own_remarks(consultation=consultation, user=request.user)[:20],
            "asked_notice": selectors.has_asked_opening_notice(consultation=consultation, user=request.user),
        }
    )
    response = page.render(request, template="consultations/consultation_page.html", context_overrides=context)
    return _cache_for_anonymous(request, response, consultation)


@require_http_methods(["GET", "POST"])
def project(request: HttpRequest, page: ConsultationPage, number: int) -> HttpResponse:
    """A project, its remarks and the remarks card (POST: the citizen's card)."""
    consultation = page.logical_consultation()
    project = _project(consultation, number, request.user)
    context = _context(request, consultation, suffix=f"projects/{number}/")
    project_url = _url(page, "project_route", number)
    form = RemarkCardForm(association=context["association"])
    if request.method == "POST":
        if not context["permission"]:
            return _refused(request, context["permission"].reason, project_url)
        form = RemarkCardForm(request.POST, association=context["association"])
        remark = _post_remark(request, form, consultation=consultation, project=project)
        if remark is not None:
            messages.success(request, _("Thank you: your remark is published."))
            return redirect(project_url + f"#remark-{remark.pk}")
    context.update(
        {
            "project": project,
            "followed_in": selectors.project_followed_in(project=project, viewer=request.user),
            "remarks_html": _remark_list_html(
                request,
                page,
                f"project-remarks:{page.pk}:{project.pk}",
                lambda number: selectors.project_remarks(project=project, page_number=number),
                consultation=consultation,
                anchor="remarks-title",
                empty_text=_("No remark yet."),
            ),
            "form": form,
            "card_form_html": _empty_card_form_html(form, context["association"]),
        }
    )
    response = page.render(request, template="consultations/project_page.html", context_overrides=context)
    if request.method == "GET":
        _cache_for_anonymous(request, response, consultation)
    return response


def propose(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    """A new-project proposal (the remarks card with a title)."""
    consultation = page.logical_consultation()
    context = _context(request, consultation, suffix="propose/")
    form = ProposalForm(association=context["association"])
    if request.method == "POST":
        if not context["permission"]:
            return _refused(request, context["permission"].reason, page.url)
        form = ProposalForm(request.POST, association=context["association"])
        remark = _post_remark(request, form, consultation=consultation)
        if remark is not None:
            messages.success(request, _("Thank you: your project proposal is published."))
            return redirect(_url(page, "remark_route", remark.pk))
    context["form"] = form
    return page.render(request, template="consultations/proposal_form.html", context_overrides=context)


def remark(request: HttpRequest, page: ConsultationPage, remark_id: int) -> HttpResponse:
    """A published remark and its comments (its author still reads it once hidden or withdrawn)."""
    consultation = page.logical_consultation()
    remark = _remark(consultation, remark_id)
    hidden = remark.contribution_id and remark.contribution.visibility != "visible"
    is_author = request.user.is_authenticated and remark.author_id == request.user.pk
    if (remark.status != RemarkStatus.PUBLISHED or hidden) and not is_author:
        raise Http404
    context = _context(request, consultation, suffix=f"remarks/{remark_id}/")
    context.update({"remark": remark, "can_change": rules.can_change_remark(request.user, remark, consultation)})
    if remark.contribution_id:
        context.update(
            {
                "thread": comment_thread(
                    contribution=remark.contribution,
                    viewer=request.user,
                    page_number=request.GET.get("comments") or 1,
                    reply_to=request.GET.get("reply"),
                ),
                "comment_permission": core_rules.can_comment(request.user, remark.contribution, page=page),
                "can_answer": core_rules.can_answer(request.user, site=remark.contribution.site),
                "next": request.path,
            }
        )
    return page.render(request, template="consultations/remark_page.html", context_overrides=context)


def remark_edit(request: HttpRequest, page: ConsultationPage, remark_id: int) -> HttpResponse:
    consultation = page.logical_consultation()
    remark = _remark(consultation, remark_id)
    permission = rules.can_change_remark(request.user, remark, consultation)
    if not permission:
        if permission.reason == LOGIN:
            return _login(request.path)
        raise PermissionDenied
    context = _context(request, consultation, suffix=f"remarks/{remark_id}/edit/")
    form = RemarkCardForm.for_remark(remark)
    if request.method == "POST":
        form = type(form)(request.POST)
        if form.is_valid():
            try:
                services.remark_update(
                    remark=remark,
                    by=request.user,
                    card=form.card(),
                    proposal_title=form.cleaned_data.get("proposal_title"),
                )
            except ActionRefused as exc:
                _notice(request, exc.reason)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your remark is updated."))
                return redirect(_url(page, "remark_route", remark.pk))
    context.update({"remark": remark, "form": form})
    return page.render(request, template="consultations/remark_edit.html", context_overrides=context)


def remark_withdraw(request: HttpRequest, page: ConsultationPage, remark_id: int) -> HttpResponse:
    consultation = page.logical_consultation()
    remark = _remark(consultation, remark_id)
    if not rules.can_change_remark(request.user, remark, consultation):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.remark_withdraw(remark=remark, by=request.user)
        except ActionRefused as exc:
            return _refused(request, exc.reason, page.url)
        messages.success(request, _("Your remark is withdrawn."))
        if remark.project_id:
            return redirect(_url(page, "project_route", remark.project.number))
        return redirect(page.url)
    context = _context(request, consultation, suffix=f"remarks/{remark_id}/withdraw/")
    context["remark"] = remark
    return page.render(request, template="consultations/remark_withdraw.html", context_overrides=context)


@require_POST
def notify(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    """"Notify me when it opens" on an announced consultation."""
    if not request.user.is_authenticated:
        return _login(page.url)
    consultation = page.logical_consultation()
    try:
        created = services.opening_notice_request(
            consultation=consultation, user=request.user, language=current_language()
        )
    except ActionRefused:
        messages.info(request, _("The consultation is already open."))
        return redirect(page.url)
    if created:
        messages.success(request, _("We will email you when the consultation opens."))
    else:
        messages.info(request, _("You already asked to be notified."))
    return redirect(page.url)


# -- staff data (the focal point of the commune) ---------------------------------------------------


@staff_view
def export_csv(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    return reports.remarks_export(consultation=_managed(request, page), fmt="csv")


@staff_view
def export_xlsx(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    return reports.remarks_export(consultation=_managed(request, page), fmt="xlsx")


@staff_view
def report_pdf(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    return reports.report_pdf(consultation=_managed(request, page), page=page, language=current_language())


# -- helpers ------------------------------------------------------------------------------------


def _context(request: HttpRequest, consultation: ConsultationPage, *, suffix: str = "") -> dict:
    """What every sub-page shows of the consultation and of what the visitor may do there."""
    return {
        "consultation": consultation,
        "phase": consultation.phase,
        "permission": rules.can_remark(request.user, consultation),
        "association": rules.confirmed_association(request.user),
        "is_manager": rules.can_manage(request.user, consultation),
        "translation_suffix": suffix,
        "rtl": get_language_bidi(),
    }


def _url(page: ConsultationPage, route: str, *args) -> str:
    return page.url + page.reverse_subpage(route, args=list(args))


def _login(next_url: str) -> HttpResponse:
    return redirect(f"/{current_language()}/accounts/login/?next={next_url}")


def _managed(request: HttpRequest, page: ConsultationPage) -> ConsultationPage:
    """The logical consultation, for its focal point only (403 otherwise)."""
    consultation = page.logical_consultation()
    if not rules.can_manage(request.user, consultation):
        raise PermissionDenied
    return consultation


def _project(consultation: ConsultationPage, number: int, user) -> OpenProject:
    project = selectors.projects_for(consultation=consultation, user=user).filter(number=number).first()
    if project is None:
        raise Http404
    return project


def _remark(consultation: ConsultationPage, remark_id: int) -> Remark:
    remark = (
        Remark.objects.select_related("author", "project", "contribution")
        .filter(consultation=consultation, pk=remark_id)
        .first()
    )
    if remark is None:
        raise Http404
    return remark


def _post_remark(request: HttpRequest, form: RemarkCardForm, **fields) -> Remark | None:
    """The remarks card of a bound ``form`` (on ``project``, or a ``ProposalForm``'s proposal),
    written by ``services.remark_create``; None when the form keeps errors (too fast, invalid)
    or a rule refused it (the notice says why)."""
    if form.is_valid() and ratelimit_exceeded(request, "remark", REMARK_RATE):
        form.add_error(None, ratelimit_message("remark", REMARK_RATE))
    if not form.is_valid():
        return None
    try:
        return services.remark_create(
            author=request.user,
            card=form.card(),
            proposal_title=form.cleaned_data.get("proposal_title", ""),
            for_association=form.cleaned_data.get("for_association", False),
            language=current_language(),
            **fields,
        )
    except ActionRefused as exc:
        _notice(request, exc.reason)
    except ValidationError as exc:
        form.add_error(None, exc)
    return None


def _notice(request: HttpRequest, reason: str) -> None:
    messages.error(request, _("This action is not possible: %(reason)s") % {"reason": _reason_text(reason)})


def _refused(request: HttpRequest, reason: str, url: str) -> HttpResponse:
    _notice(request, reason)
    return redirect(url)


def _reason_text(reason: str) -> str:
    return {
        "login": _("log in first"),
        "verify_email": _("confirm your email address first"),
        "blocked": _("your account is blocked"),
        "closed": _("the consultation is closed"),
        "not_open_yet": _("the consultation is not open yet"),
        "forbidden": _("you cannot change this remark"),
        "association_not_confirmed": _("your association membership is not confirmed"),
    }.get(reason, reason)


def _cache_for_anonymous(request: HttpRequest, response: HttpResponse, consultation: ConsultationPage):
    """Anonymous pages may be served from the shared page cache, unless the phase changes
    (opening or closing) before the cached copy would expire."""
    if request.user.is_authenticated:
        return response
    timeout = int(getattr(settings, "PARTICIPATION_PAGE_CACHE_SECONDS", 300) or 0)
    now = clock.now()
    boundary = next((b for b in (consultation.opens_at, consultation.closes_at) if b > now), None)
    if boundary is None or (boundary - now).total_seconds() > timeout:
        mark_anonymous_cacheable(response)
    return response


def _remark_list_html(
    request: HttpRequest, page: ConsultationPage, key: str, remarks, *, consultation, anchor: str, empty_text: str
) -> str:
    """A page of remarks (``remarks(page_number)``, a paginator page; the number from ``?page``)
    as HTML from the content cache: the same for every visitor."""
    number = page_number_key(request.GET.get("page"))
    return cached_html(
        f"{key}:{number}",
        "consultations/includes/remark_list.html",
        lambda: {
            "request": request,  # page URLs (the same for every request to this site)
            "remarks": remarks(number),
            "page": page,
            "consultation": consultation,
            "anchor": anchor,
            "empty_text": empty_text,
        },
    )


def _empty_card_form_html(form: RemarkCardForm, association: str) -> str:
    """The fields of an empty remarks card are the same on every project page (Django renders
    each widget through templates: a fifth of the page's time), so they are cached; a form with
    the citizen's input or errors is rendered as it is."""
    if form.is_bound:
        return ""
    return cached_html(
        f"remark-card-form:{type(form).__name__}:{association}",
        "consultations/includes/card_form.html",
        lambda: {"form": form},
    )


def _figures_html(consultation: ConsultationPage, projects) -> str:
    """The participation figures section (figures, two SVG charts, the table): the same for
    every visitor, so the consultation page keeps it in the content cache."""
    rtl = get_language_bidi()
    return render_to_string(
        "consultations/includes/figures.html",
        {
            "figures": selectors.figures(consultation=consultation, projects=projects),
            "remarks_chart": bar_chart(
                id="chart-remarks",
                title=_("Remarks per project"),
                description=_("Number of published remarks on each open project (project number)."),
                rows=[(str(p.number), p.remark_count) for p in projects],
                rtl=rtl,
                value_label=_("Remarks"),
            ),
            "supports_chart": bar_chart(
                id="chart-supports",
                title=_("Supports per project"),
                description=_("Number of citizens supporting each open project (project number)."),
                rows=[(str(p.number), p.contribution.support_count if p.contribution_id else 0) for p in projects],
                rtl=rtl,
                value_label=_("Supports"),
            ),
        },
    )
