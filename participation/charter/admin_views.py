"""Staff screens of the participation charter in the Wagtail admin (``/admin/charter/``), for the
commune's focal point (or administrator): the charters of the communes the user serves; one
charter's overview (its commitments by principle with their status, due date, late flag, current
value, typed or computed, and the citizens' view; its evaluations with the buttons to publish or
take them back; the form that starts a new evaluation; a status form per commitment); the
status-change and new-evaluation screens (also where a refused form comes back with what was
typed). Thin: reads here, writes through ``services``.

Every view is ``@staff_view`` and works on the page named by ``page_id`` (any language copy; a page
of another commune answers 403 before the view runs, ``communes.admin_scoping.communes_only``);
a member of the commune without the focal point's role gets Wagtail's "permission denied"."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from participation.core.admin_access import page_for_staff
from participation.core.forms import add_validation_errors
from participation.core.indicators import indicator_sources
from participation.core.pages import in_source_language, localized_page, site_id_of
from participation.core.rules import ActionRefused
from participation.core.selectors import rating_distributions
from site_template.accounts.staff import staff_view
from site_template.communes.roles import Role
from site_template.communes.selectors import pages_of_sites_q, site_ids_served_by

from . import rules, services
from .figures import commitment_values
from .models import CharterPage, CitizenView, Commitment, CommitmentStatus, Evaluation, Evaluator, Principle

# --- access ------------------------------------------------------------------------------------


def charter_for_staff(request, page_id: int) -> CharterPage:
    """The logical charter of page ``page_id`` (404 if none), if ``rules.can_manage_charter`` lets
    the user keep it (Wagtail's "permission denied" otherwise)."""
    return page_for_staff(request, page_class=CharterPage, page_id=page_id, rule=rules.can_manage_charter)


def _commitment_of(charter: CharterPage, commitment_id: int) -> Commitment:
    commitment = Commitment.objects.filter(charter=charter, pk=commitment_id).select_related("principle").first()
    if commitment is None:
        raise Http404
    commitment.charter = charter
    return commitment


def _evaluation_of(charter: CharterPage, evaluation_id: int) -> Evaluation:
    evaluation = Evaluation.objects.filter(charter=charter, pk=evaluation_id).first()
    if evaluation is None:
        raise Http404
    evaluation.charter = charter
    return evaluation


# --- forms -------------------------------------------------------------------------------------


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=CommitmentStatus.choices)
    note_ar = forms.CharField(
        label=gettext_lazy("Public note in Arabic"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "rtl", "lang": "ar"}),
    )
    note_fr = forms.CharField(
        label=gettext_lazy("Public note in French"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr", "lang": "fr"}),
    )

    @classmethod
    def for_commitment(cls, commitment: Commitment, data=None) -> StatusForm:
        return cls(
            data, auto_id=f"id_commitment{commitment.pk}_%s",
            initial={"status": commitment.status, "note_ar": commitment.status_note_ar,
                     "note_fr": commitment.status_note_fr},
        )


class EvaluationStartForm(forms.Form):
    evaluated_on = forms.DateField(label=gettext_lazy("Date of the evaluation"),
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    evaluator = forms.ChoiceField(label=gettext_lazy("Evaluated by"), choices=Evaluator.choices)
    evaluator_name = forms.CharField(
        label=gettext_lazy("Name of the evaluating body"), required=False, max_length=255,
        help_text=gettext_lazy("e.g. the association or the members of the committee."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluated_on"].initial = timezone.localdate()


# --- what the overview shows -------------------------------------------------------------------


def _commitment_rows(charter: CharterPage, *, today) -> list[dict]:
    """The principles of the commune in order, each with its commitments and what staff need
    to see of them (a fixed number of queries, plus one measure per computed indicator)."""
    principles = list(Principle.objects.filter(site_id=site_id_of(charter)).order_by("number"))
    commitments = list(
        Commitment.objects.filter(charter=charter).select_related("principle").order_by("principle__number", "number")
    )
    for commitment in commitments:
        commitment.charter = charter
    sources = {source.key: source for source in indicator_sources()}
    views = rating_distributions(contributions=[c.contribution_id for c in commitments if c.contribution_id])
    values = commitment_values(commitments, site_id=site_id_of(charter), adoption_date=charter.adoption_date,
                               today=today)
    by_principle: dict[int, list[dict]] = defaultdict(list)
    for commitment in commitments:
        figure = values[commitment.pk]
        counted = views.get(commitment.contribution_id, {})
        by_principle[commitment.principle_id].append({
            "commitment": commitment,
            "late": commitment.is_late(today),
            "computed": commitment.is_computed,
            "source": sources.get(commitment.indicator_source),
            "value": figure.value,
            "reading": figure,
            "views": [
                {"value": choice.value, "label": choice.label, "count": counted.get(choice.value, 0)}
                for choice in reversed(CitizenView)
            ],
            "views_total": sum(counted.values()),
            "status_form": StatusForm.for_commitment(commitment),
        })
    rows = [{"principle": principle, "commitments": by_principle.get(principle.pk, [])} for principle in principles]
    known = {principle.pk for principle in principles}
    for principle_id, items in by_principle.items():  # a principle of another commune (should not happen)
        if principle_id not in known:
            rows.append({"principle": items[0]["commitment"].principle, "commitments": items})
    return rows


def _overview_response(request, charter: CharterPage):
    today = timezone.localdate()
    rows = _commitment_rows(charter, today=today)
    evaluations = list(
        Evaluation.objects.filter(charter=charter).annotate(findings_count=Count("findings"))
        .order_by("-evaluated_on", "-pk")
    )
    commitments_count = sum(len(row["commitments"]) for row in rows)
    late_count = sum(1 for row in rows for item in row["commitments"] if item["late"])
    return TemplateResponse(
        request, "charter/admin/charter_overview.html",
        {
            "charter": charter,
            "public_page": localized_page(charter).specific,
            "rows": rows,
            "commitments_count": commitments_count,
            "late_count": late_count,
            "evaluations": evaluations,
            "start_form": EvaluationStartForm(),
            "today": today,
        },
    )


# --- views -------------------------------------------------------------------------------------


@staff_view
def index(request):
    """The charters of the communes where the user is focal point (or administrator)."""
    charters = in_source_language(CharterPage.objects.all()).order_by("title")
    if not request.user.is_superuser:
        charters = charters.filter(pages_of_sites_q(site_ids_served_by(user=request.user, roles=[Role.FOCAL_POINT])))
    charters = charters.annotate(
        commitments_count=Count("commitments", distinct=True), evaluations_count=Count("evaluations", distinct=True),
    )
    return TemplateResponse(request, "charter/admin/charter_index.html", {"charters": list(charters)})


@staff_view
def overview(request, page_id: int):
    charter = charter_for_staff(request, page_id)
    return _overview_response(request, charter)


@staff_view
def commitment_status(request, page_id: int, commitment_id: int):
    """GET: the status form of one commitment; POST: the change (its followers are told)."""
    charter = charter_for_staff(request, page_id)
    commitment = _commitment_of(charter, commitment_id)
    form = StatusForm.for_commitment(commitment, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_set_status(commitment=commitment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        except ActionRefused as refused:
            raise PermissionDenied from refused
        else:
            messages.success(request, _("Commitment %(number)s is now: %(status)s. Its followers are told.") % {
                "number": commitment.number, "status": commitment.get_status_display()})
            return redirect(reverse("charter_admin:overview", args=[charter.pk]) + f"#commitment-{commitment.pk}")
    return TemplateResponse(
        request, "charter/admin/charter_commitment_status.html",
        {"charter": charter, "commitment": commitment, "form": form},
    )


@staff_view
def evaluation_new(request, page_id: int):
    """GET: the form; POST: a new unpublished evaluation, its findings prefilled, then its form."""
    charter = charter_for_staff(request, page_id)
    form = EvaluationStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.evaluation_start(charter=charter, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        except ActionRefused as refused:
            raise PermissionDenied from refused
        else:
            messages.success(request, _("The evaluation is started with a finding per commitment: correct them, "
                                        "write what the evaluators found, then publish it."))
            return redirect("wagtailsnippets_charter_evaluation:edit", evaluation.pk)
    return TemplateResponse(
        request, "charter/admin/charter_evaluation_new.html", {"charter": charter, "form": form},
    )


@staff_view
@require_POST
def evaluation_publish(request, page_id: int, evaluation_id: int):
    charter = charter_for_staff(request, page_id)
    evaluation = _evaluation_of(charter, evaluation_id)
    try:
        services.evaluation_publish(evaluation=evaluation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ActionRefused as refused:
        raise PermissionDenied from refused
    else:
        messages.success(request, _("The evaluation of %(date)s is published: citizens see it.") % {
            "date": evaluation.evaluated_on.isoformat()})
    return redirect(reverse("charter_admin:overview", args=[charter.pk]) + "#evaluations")


@staff_view
@require_POST
def evaluation_unpublish(request, page_id: int, evaluation_id: int):
    charter = charter_for_staff(request, page_id)
    evaluation = _evaluation_of(charter, evaluation_id)
    try:
        services.evaluation_unpublish(evaluation=evaluation, by=request.user)
    except ActionRefused as refused:
        raise PermissionDenied from refused
    messages.success(request, _("The evaluation of %(date)s is no longer published.") % {
        "date": evaluation.evaluated_on.isoformat()})
    return redirect(reverse("charter_admin:overview", args=[charter.pk]) + "#evaluations")
