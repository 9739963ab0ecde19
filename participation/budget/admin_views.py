"""The communicator's screens of the citizen budget in the Wagtail admin: the budgets of the
communes they serve with their publication duties; one budget's overview (its years, their lines
and totals, what is published and what is due, the buttons to publish or take back, the questions
awaiting the commune's answer); a year's form (year, approval date, summaries, documents); the
publication actions (POST). Thin: reads here, writes through ``publication``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, DecimalField, F, Q, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from participation.core.forms import add_validation_errors
from participation.core.models import Contribution, ContributionStatus
from participation.core.pages import in_source_language, localized_page
from participation.core.rules import ActionRefused
from site_template.accounts.staff import staff_view
from site_template.communes.roles import Role
from site_template.communes.selectors import pages_of_sites_q, site_ids_served_by

from . import duties, publication
from .admin_access import budget_for_staff, year_of
from .models import QUESTION_KIND, BudgetPage, BudgetYear, Direction

#: Questions listed on the overview (the oldest first; the core's contributions screen has them all).
QUESTIONS_SHOWN = 50


@staff_view
def index(request):
    """The citizen budgets of the communes where the user is communicator (or administrator),
    each with its years' duties."""
    budgets = in_source_language(BudgetPage.objects.all()).order_by("title")
    if not request.user.is_superuser:
        budgets = budgets.filter(pages_of_sites_q(site_ids_served_by(user=request.user, roles=[Role.COMMUNICATOR])))
    budgets = list(budgets)
    years: dict[int, list[BudgetYear]] = {}
    for budget_year in BudgetYear.objects.filter(budget__in=budgets):
        years.setdefault(budget_year.budget_id, []).append(budget_year)
    today = timezone.localdate()
    rows = [
        {"budget": budget, "years": duties.duties_of_years(
            years.get(budget.pk, []), settings=duties.budget_settings(budget), today=today)}
        for budget in budgets
    ]
    return TemplateResponse(request, "budget/admin/index.html", {"rows": rows})


def _amount(direction: str, expression) -> Sum:
    return Sum(expression, filter=Q(lines__direction=direction), output_field=DecimalField(max_digits=18, decimal_places=2))


def _years(budget: BudgetPage) -> list[BudgetYear]:
    """The budget's years, latest first, with their lines counted and totalled (one query)."""
    final = F("lines__voted") + F("lines__amendments")
    return list(
        BudgetYear.objects.filter(budget=budget)
        .select_related("budget_document", "account_document")
        .annotate(
            lines_count=Count("lines"),
            missing_executed=Count("lines", filter=Q(lines__executed__isnull=True)),
            revenue_final=_amount(Direction.REVENUE, final), expense_final=_amount(Direction.EXPENSE, final),
            revenue_executed=_amount(Direction.REVENUE, "lines__executed"),
            expense_executed=_amount(Direction.EXPENSE, "lines__executed"),
        )
        .order_by("-year")
    )


def _questions(budget: BudgetPage):
    """The citizens' questions about the budget's lines that await the commune's answer."""
    return (
        Contribution.objects.filter(page_id=budget.pk, kind=QUESTION_KIND, answered_at__isnull=True)
        .exclude(status=ContributionStatus.WITHDRAWN).order_by("created_at")
    )


def _import_url(budget: BudgetPage) -> str:
    return reverse("budget_admin:import", args=[budget.pk])


class PublishForm(forms.Form):
    what = forms.ChoiceField(choices=duties.DutyKind.choices)
    published_on = forms.DateField(
        label=gettext_lazy("Publication date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("The day it was really posted, for a year entered afterwards; empty: today."),
    )

    def clean_published_on(self):
        value = self.cleaned_data.get("published_on")
        if value and value > timezone.localdate():
            raise ValidationError(_("A publication date cannot be in the future."))
        return value


def _overview_response(request, budget: BudgetPage, *, failed: dict | None = None, status: int = 200):
    """``failed``: the publication that was refused (year id, what, the date typed, the errors)."""
    settings = duties.budget_settings(budget)
    today = timezone.localdate()
    rows = []
    for budget_year in _years(budget):
        year_duties = duties.year_duties(budget_year, settings=settings, today=today)
        rows.append({"year": budget_year, "duties": year_duties})
    questions = _questions(budget)
    return TemplateResponse(
        request, "budget/admin/overview.html",
        {
            "budget": budget,
            "public_page": localized_page(budget).specific,
            "rows": rows,
            "settings": settings,
            "today": today,
            "questions": list(questions.select_related("author")[:QUESTIONS_SHOWN]),
            "questions_count": questions.count(),
            "import_url": _import_url(budget),
            "failed": failed or {},
        },
        status=status,
    )


@staff_view
def overview(request, page_id: int):
    budget = budget_for_staff(request, page_id)
    return _overview_response(request, budget)


class BudgetYearForm(forms.ModelForm):
    class Meta:
        model = BudgetYear
        fields = list(publication.YEAR_FIELDS)
        widgets = {
            "approved_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary_ar": forms.Textarea(attrs={"rows": 4, "dir": "rtl", "lang": "ar"}),
            "summary_fr": forms.Textarea(attrs={"rows": 4, "dir": "ltr", "lang": "fr"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.documents import get_document_model
        from wagtail.documents.widgets import AdminDocumentChooser
        from wagtail.permissions import policy_registry

        documents = policy_registry.get_by_type(get_document_model()).instances_user_has_any_permission_for(
            user, ["choose"])
        for name in ("budget_document", "account_document"):
            self.fields[name].queryset = documents
            self.fields[name].widget = AdminDocumentChooser()

    def validate_unique(self):
        """One year per budget: ``publication.budget_year_save`` says so (the budget is not a field)."""


@staff_view
def year_edit(request, page_id: int, year_id: int | None = None):
    """A new year (``year_id`` None) or a year's description."""
    budget = budget_for_staff(request, page_id)
    budget_year = year_of(budget, year_id) if year_id else BudgetYear(budget=budget)
    initial = {} if year_id else {"year": timezone.localdate().year + 1}
    form = BudgetYearForm(request.POST or None, instance=budget_year, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = publication.budget_year_save(budget_year=form.instance, by=request.user)
        except ValidationError as error:
            add_validation_errors(form, error)
        except ActionRefused as refused:
            raise PermissionDenied from refused
        else:
            messages.success(request, _("The year %(year)s is saved.") % {"year": saved.year})
            return redirect("budget_admin:overview", budget.pk)
    return TemplateResponse(request, "budget/admin/year_edit.html", {
        "budget": budget, "budget_year": budget_year if year_id else None, "form": form,
    })


PUBLISH = {duties.DutyKind.BUDGET: publication.budget_publish, duties.DutyKind.ACCOUNT: publication.account_publish}
UNPUBLISH = {duties.DutyKind.BUDGET: publication.budget_unpublish,
             duties.DutyKind.ACCOUNT: publication.account_unpublish}


@staff_view
@require_POST
def year_publish(request, page_id: int, year_id: int):
    """POST ``what=budget|account`` and an optional ``published_on`` (a past day)."""
    budget = budget_for_staff(request, page_id)
    budget_year = year_of(budget, year_id)
    if request.POST.get("what") not in PUBLISH:
        messages.error(request, _("Choose the budget or the administrative account."))
        return redirect("budget_admin:overview", budget.pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        what = form.cleaned_data["what"]
        try:
            PUBLISH[what](budget_year=budget_year, by=request.user, published_on=form.cleaned_data["published_on"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        except ActionRefused as refused:
            raise PermissionDenied from refused
        else:
            if what == duties.DutyKind.BUDGET:
                message = _("The budget of %(year)s is published: citizens see it.")
            else:
                message = _("The administrative account of %(year)s is published: citizens see the executed amounts.")
            messages.success(request, message % {"year": budget_year.year})
            return redirect("budget_admin:overview", budget.pk)
    errors = [message for messages_ in form.errors.values() for message in messages_]
    failed = {"year_id": budget_year.pk, "what": request.POST.get("what", ""),
              "published_on": request.POST.get("published_on", ""), "errors": errors}
    return _overview_response(request, budget, failed=failed)


@staff_view
@require_POST
def year_unpublish(request, page_id: int, year_id: int):
    """POST ``what=budget|account``: citizens no longer see it."""
    budget = budget_for_staff(request, page_id)
    budget_year = year_of(budget, year_id)
    what = request.POST.get("what")
    if what not in UNPUBLISH:
        messages.error(request, _("Choose the budget or the administrative account."))
        return redirect("budget_admin:overview", budget.pk)
    try:
        UNPUBLISH[what](budget_year=budget_year, by=request.user)
    except ValidationError as error:
        return _overview_response(request, budget, failed={
            "year_id": budget_year.pk, "what": what, "published_on": "", "errors": error.messages})
    except ActionRefused as refused:
        raise PermissionDenied from refused
    if what == duties.DutyKind.BUDGET:
        message = _("The budget of %(year)s is no longer published.")
    else:
        message = _("The administrative account of %(year)s is no longer published.")
    messages.success(request, message % {"year": budget_year.year})
    return redirect("budget_admin:overview", budget.pk)
