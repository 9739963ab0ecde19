"""The consultation page's routes (RoutablePageMixin). Thin: reads through selectors, writes
through services, permissions through rules. Everything works without JavaScript (POST + redirect;
invalid forms re-render with what was typed)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from site_template.accounts.staff import staff_view


class ConsultationRoutes(RoutablePageMixin):
    """Mixed into ``ConsultationPage``; ``self`` is the page in the visitor's language."""

    # -- hooks read by participation.core ------------------------------------------------------
    def participation_closed_reason(self, *, action: str) -> str | None:
        """Supports, comments and new remarks only while the consultation is open."""
        from .models import Phase
        from .selectors import logical_consultation

        return None if logical_consultation(self).phase == Phase.OPEN else "closed"

    def contribution_url(self, contribution) -> str:
        """Where core endpoints send people back: the project or the remark sub-page."""
        from .models import OpenProject, Remark

        number = OpenProject.objects.filter(contribution=contribution).values_list("number", flat=True).first()
        if number is not None:
            return self.url + self.reverse_subpage("project_route", args=[number])
        remark_id = Remark.objects.filter(contribution=contribution).values_list("pk", flat=True).first()
        if remark_id is not None:
            return self.url + self.reverse_subpage("remark_route", args=[remark_id])
        return self.url

    # -- helpers --------------------------------------------------------------------------------
    def _base_context(self, request, consultation, *, suffix: str = "") -> dict:
        from .rules import can_manage, can_remark, confirmed_association

        return {
            "consultation": consultation,
            "phase": consultation.phase,
            "permission": can_remark(request.user, consultation),
            "association": confirmed_association(request.user),
            "is_manager": can_manage(request.user, consultation),
            "translation_suffix": suffix,
            "rtl": get_language_bidi(),
        }

    def _project(self, consultation, number: int, user=None):
        from .selectors import projects_for

        project = projects_for(consultation=consultation, user=user).filter(number=number).first()
        if project is None:
            raise Http404
        return project

    def _remark(self, consultation, remark_id: int):
        from .models import Remark

        remark = (
            Remark.objects.select_related("author", "project", "contribution")
            .filter(consultation=consultation, pk=remark_id)
            .first()
        )
        if remark is None:
            raise Http404
        return remark

    def _cache_for_anonymous(self, request, response, consultation):
        """Anonymous pages may be served from the shared page cache, unless the phase changes
        (opening or closing) before the cached copy would expire."""
        from django.conf import settings

        from participation.core.caching import mark_anonymous_cacheable

        from . import clock

        if request.user.is_authenticated:
            return response
        timeout = int(getattr(settings, "PARTICIPATION_PAGE_CACHE_SECONDS", 300) or 0)
        now = clock.now()
        boundary = next((b for b in (consultation.opens_at, consultation.closes_at) if b > now), None)
        if boundary is None or (boundary - now).total_seconds() > timeout:
            mark_anonymous_cacheable(response)
        return response

    def _remark_list_html(
        self, request, key: str, remarks, *, consultation, page_number, anchor: str, empty_text: str
    ):
        """A page of remarks (``remarks(page_number)``, a paginator page) as HTML from the
        content cache: the same for every visitor."""
        from participation.core.fragments import cached_html
        from participation.core.selectors import page_number_key

        number = page_number_key(page_number)
        return cached_html(
            f"{key}:{number}",
            "consultations/includes/remark_list.html",
            lambda: {
                "request": request,  # page URLs (the same for every request to this site)
                "remarks": remarks(number),
                "page": self,
                "consultation": consultation,
                "anchor": anchor,
                "empty_text": empty_text,
            },
        )

    @staticmethod
    def _empty_card_form_html(form, association: str) -> str:
        """The fields of an empty remarks card are the same on every project page (Django
        renders each widget through templates: a fifth of the page's time), so they are cached;
        a form with the citizen's input or errors is rendered as it is."""
        if form.is_bound:
            return ""
        from participation.core.fragments import cached_html

        return cached_html(
            f"remark-card-form:{type(form).__name__}:{association}", "consultations/includes/card_form.html",
            lambda: {"form": form},
        )

    def _refused(self, request, reason: str):
        messages.error(request, _("This action is not possible: %(reason)s") % {"reason": _reason_text(reason)})

    # -- routes ---------------------------------------------------------------------------------
    @path("")
    def index_route(self, request):
        from participation.core.caching import content_cached
        from participation.core.fragments import cached_html

        from .selectors import (
            has_asked_opening_notice,
            logical_consultation,
            own_remarks,
            projects_for_display,
            proposals,
        )

        consultation = logical_consultation(self)
        # The rows are only read when a cached part is rebuilt or the synthesis is shown.
        projects = SimpleLazyObject(lambda: projects_for_display(consultation=consultation))
        context = self._base_context(request, consultation)
        context.update(
            {
                "projects": projects,  # the synthesis section lists them
                "projects_html": cached_html(
                    f"consultation-projects:{self.pk}",
                    "consultations/includes/project_cards.html",
                    lambda: {"request": request, "page": self, "consultation": consultation, "projects": projects},
                ),
                "figures_html": content_cached(
                    f"consultation-figures-html:{consultation.pk}:{get_language()}",
                    lambda: _figures_html(consultation, projects),
                ),
                "proposals_html": self._remark_list_html(
                    request,
                    f"consultation-proposals:{self.pk}",
                    lambda number: proposals(consultation=consultation, page_number=number),
                    consultation=consultation,
                    page_number=request.GET.get("page"),
                    anchor="proposals-title",
                    empty_text=_("No proposal yet."),
                ),
                "own_remarks": own_remarks(consultation=consultation, user=request.user)[:20],
                "asked_notice": has_asked_opening_notice(consultation=consultation, user=request.user),
            }
        )
        response = self.render(request, template="consultations/consultation_page.html", context_overrides=context)
        return self._cache_for_anonymous(request, response, consultation)

    @path("projects/<id:number>/")
    def project_route(self, request, number: int):
        from .forms import RemarkCardForm
        from .selectors import logical_consultation, project_remarks
        from .services import ConsultationActionRefused, remark_create

        consultation = logical_consultation(self)
        project = self._project(consultation, number, request.user)
        context = self._base_context(request, consultation, suffix=f"projects/{number}/")
        form = RemarkCardForm(association=context["association"])
        if request.method == "POST":
            if not context["permission"]:
                self._refused(request, context["permission"].reason)
                return redirect(self.url + self.reverse_subpage("project_route", args=[number]))
            form = RemarkCardForm(request.POST, association=context["association"])
            _check_rate(request, form)
            if form.is_valid():
                try:
                    remark = remark_create(
                        consultation=consultation,
                        project=project,
                        author=request.user,
                        card=form.card(),
                        for_association=form.cleaned_data.get("for_association", False),
                        language=get_language(),
                    )
                except ConsultationActionRefused as exc:
                    self._refused(request, exc.reason)
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("Thank you: your remark is published."))
                    return redirect(
                        self.url + self.reverse_subpage("project_route", args=[number]) + f"#remark-{remark.pk}"
                    )
        elif request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        context.update(
            {
                "project": project,
                "remarks_html": self._remark_list_html(
                    request,
                    f"project-remarks:{self.pk}:{project.pk}",
                    lambda number: project_remarks(project=project, page_number=number),
                    consultation=consultation,
                    page_number=request.GET.get("page"),
                    anchor="remarks-title",
                    empty_text=_("No remark yet."),
                ),
                "form": form,
                "card_form_html": self._empty_card_form_html(form, context["association"]),
            }
        )
        response = self.render(request, template="consultations/project_page.html", context_overrides=context)
        if request.method == "GET":
            self._cache_for_anonymous(request, response, consultation)
        return response

    @path("propose/")
    def propose_route(self, request):
        from .forms import ProposalForm
        from .selectors import logical_consultation
        from .services import ConsultationActionRefused, remark_create

        consultation = logical_consultation(self)
        context = self._base_context(request, consultation, suffix="propose/")
        form = ProposalForm(association=context["association"])
        if request.method == "POST" and context["permission"]:
            form = ProposalForm(request.POST, association=context["association"])
            _check_rate(request, form)
            if form.is_valid():
                try:
                    remark = remark_create(
                        consultation=consultation,
                        author=request.user,
                        card=form.card(),
                        proposal_title=form.cleaned_data["proposal_title"],
                        for_association=form.cleaned_data.get("for_association", False),
                        language=get_language(),
                    )
                except ConsultationActionRefused as exc:
                    self._refused(request, exc.reason)
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("Thank you: your project proposal is published."))
                    return redirect(self.url + self.reverse_subpage("remark_route", args=[remark.pk]))
        elif request.method == "POST":
            self._refused(request, context["permission"].reason)
            return redirect(self.url)
        context["form"] = form
        return self.render(request, template="consultations/proposal_form.html", context_overrides=context)

    @path("remarks/<id:remark_id>/")
    def remark_route(self, request, remark_id: int):
        from .models import RemarkStatus
        from .rules import can_change_remark
        from .selectors import logical_consultation

        consultation = logical_consultation(self)
        remark = self._remark(consultation, remark_id)
        hidden = remark.contribution_id and remark.contribution.visibility != "visible"
        is_author = request.user.is_authenticated and remark.author_id == request.user.pk
        if (remark.status != RemarkStatus.PUBLISHED or hidden) and not is_author:
            raise Http404
        context = self._base_context(request, consultation, suffix=f"remarks/{remark_id}/")
        context.update({"remark": remark, "can_change": can_change_remark(request.user, remark, consultation)})
        if remark.contribution_id:
            from participation.core import rules as core_rules
            from participation.core.selectors import comment_thread

            context.update(
                {
                    "thread": comment_thread(
                        contribution=remark.contribution,
                        viewer=request.user,
                        page_number=request.GET.get("comments") or 1,
                        reply_to=request.GET.get("reply"),
                    ),
                    "comment_permission": core_rules.can_comment(request.user, remark.contribution, page=self),
                    "can_answer": core_rules.can_answer(request.user, site=remark.contribution.site),
                    "next": request.path,
                }
            )
        return self.render(request, template="consultations/remark_page.html", context_overrides=context)

    @path("remarks/<id:remark_id>/edit/")
    def edit_remark_route(self, request, remark_id: int):
        from .forms import RemarkCardForm
        from .rules import can_change_remark
        from .selectors import logical_consultation
        from .services import ConsultationActionRefused, remark_update

        consultation = logical_consultation(self)
        remark = self._remark(consultation, remark_id)
        permission = can_change_remark(request.user, remark, consultation)
        if not permission:
            if permission.reason == "login":
                return redirect(f"/{get_language()}/accounts/login/?next={request.path}")
            raise PermissionDenied
        context = self._base_context(request, consultation, suffix=f"remarks/{remark_id}/edit/")
        form = RemarkCardForm.for_remark(remark)
        if request.method == "POST":
            form_class = type(form)
            form = form_class(request.POST)
            if form.is_valid():
                try:
                    remark_update(
                        remark=remark,
                        by=request.user,
                        card=form.card(),
                        proposal_title=form.cleaned_data.get("proposal_title"),
                    )
                except ConsultationActionRefused as exc:
                    self._refused(request, exc.reason)
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("Your remark is updated."))
                    return redirect(self.url + self.reverse_subpage("remark_route", args=[remark.pk]))
        context.update({"remark": remark, "form": form})
        return self.render(request, template="consultations/remark_edit.html", context_overrides=context)

    @path("remarks/<id:remark_id>/withdraw/")
    def withdraw_remark_route(self, request, remark_id: int):
        from .rules import can_change_remark
        from .selectors import logical_consultation
        from .services import ConsultationActionRefused, remark_withdraw

        consultation = logical_consultation(self)
        remark = self._remark(consultation, remark_id)
        if not can_change_remark(request.user, remark, consultation):
            raise PermissionDenied
        if request.method == "POST":
            try:
                remark_withdraw(remark=remark, by=request.user)
            except ConsultationActionRefused as exc:
                self._refused(request, exc.reason)
                return redirect(self.url)
            messages.success(request, _("Your remark is withdrawn."))
            if remark.project_id:
                return redirect(self.url + self.reverse_subpage("project_route", args=[remark.project.number]))
            return redirect(self.url)
        context = self._base_context(request, consultation, suffix=f"remarks/{remark_id}/withdraw/")
        context["remark"] = remark
        return self.render(request, template="consultations/remark_withdraw.html", context_overrides=context)

    @path("notify/")
    def notify_route(self, request):
        from .selectors import logical_consultation
        from .services import ConsultationActionRefused, opening_notice_request

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.is_authenticated:
            return redirect(f"/{get_language()}/accounts/login/?next={self.url}")
        consultation = logical_consultation(self)
        try:
            created = opening_notice_request(consultation=consultation, user=request.user, language=get_language())
        except ConsultationActionRefused:
            messages.info(request, _("The consultation is already open."))
            return redirect(self.url)
        if created:
            messages.success(request, _("We will email you when the consultation opens."))
        else:
            messages.info(request, _("You already asked to be notified."))
        return redirect(self.url)

    @path("export/csv/", name="export_csv")
    @staff_view
    def export_csv_route(self, request):
        return self._export(request, "csv")

    @path("export/xlsx/", name="export_xlsx")
    @staff_view
    def export_xlsx_route(self, request):
        return self._export(request, "xlsx")

    def _export(self, request, fmt: str):
        from .reports import remarks_export
        from .rules import can_manage
        from .selectors import logical_consultation

        consultation = logical_consultation(self)
        if not can_manage(request.user, consultation):
            raise PermissionDenied
        return remarks_export(consultation=consultation, fmt=fmt)

    @path("report/pdf/", name="report_pdf")
    @staff_view
    def report_pdf_route(self, request):
        from .reports import report_pdf
        from .rules import can_manage
        from .selectors import logical_consultation

        consultation = logical_consultation(self)
        if not can_manage(request.user, consultation):
            raise PermissionDenied
        return report_pdf(consultation=consultation, page=self, language=get_language())


#: A consultation puts many projects to citizens at once: a higher rate than other new contributions.
REMARK_RATE = "40/h"


def _check_rate(request, form) -> None:
    """Adds a form error (keeping what was typed) when the account or address posts too fast."""
    from participation.core.ratelimit import ratelimit_exceeded, ratelimit_message

    if form.is_valid() and ratelimit_exceeded(request, "remark", REMARK_RATE):
        form.add_error(None, ratelimit_message("remark", REMARK_RATE))


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


def _figures_html(consultation, projects) -> str:
    """The participation figures section (figures, two SVG charts, the table): the same for
    every visitor, so the consultation page keeps it in the content cache."""
    from django.template.loader import render_to_string

    from .charts import bar_chart
    from .selectors import figures

    rtl = get_language_bidi()
    return render_to_string(
        "consultations/includes/figures.html",
        {
            "figures": figures(consultation=consultation, projects=projects),
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
