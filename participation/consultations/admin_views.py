"""Staff views in the Wagtail admin for one consultation: overview, spreadsheet import of the
projects, paper remarks typed in on behalf of participants, and the committee's synthesis."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from participation.core.pages import in_source_language, localized_page
from participation.core.safe_text import PlainLineField

from . import rules, selectors, services
from .forms import ProjectImportForm, RemarkCardForm
from .imports import projects_import
from .models import ConsultationPage, Decision, OpenProject, Remark, RemarkStatus


def _consultation_for_staff(request, page_id: int) -> ConsultationPage:
    page = get_object_or_404(ConsultationPage, pk=page_id)
    consultation = page.logical_consultation()
    if not rules.can_manage(request.user, consultation):
        raise PermissionDenied
    return consultation


def index(request):
    """The consultations this staff member runs (focal point of their commune)."""
    from .wagtail_hooks import _managed_consultation_ids

    qs = in_source_language(ConsultationPage.objects.all()).order_by("-opens_at")
    if not request.user.is_superuser:
        qs = qs.filter(pk__in=_managed_consultation_ids(request.user))
    return TemplateResponse(request, "consultations/admin/index.html", {"consultations": list(qs)})


def overview(request, page_id: int):
    consultation = _consultation_for_staff(request, page_id)
    projects = list(selectors.projects_for(consultation=consultation))
    return TemplateResponse(
        request,
        "consultations/admin/overview.html",
        {
            "consultation": consultation,
            "public_page": localized_page(consultation).specific,
            "projects": projects,
            "figures": selectors.figures(consultation=consultation, projects=projects),
            "phase": consultation.phase,
        },
    )


def import_projects(request, page_id: int):
    consultation = _consultation_for_staff(request, page_id)
    report = None
    form = ProjectImportForm()
    if request.method == "POST":
        form = ProjectImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = projects_import(consultation=consultation, content=upload.read(), filename=upload.name)
            if report.ok:
                messages.success(
                    request,
                    ngettext("%(count)s project imported.", "%(count)s projects imported.", len(report.created))
                    % {"count": len(report.created)},
                )
                return redirect("consultations_admin:overview", consultation.pk)
    return TemplateResponse(
        request,
        "consultations/admin/import.html",
        {"consultation": consultation, "form": form, "report": report},
    )


class PaperRemarkForm(RemarkCardForm):
    """A remarks card collected on paper, typed in by staff."""

    on_behalf_of_name = PlainLineField(label=gettext_lazy("Participant's name (as written on the card)"), max_length=120)
    association_name = PlainLineField(label=gettext_lazy("Association (if any)"), max_length=200, required=False)
    project = forms.ModelChoiceField(
        label=gettext_lazy("Project"),
        queryset=OpenProject.objects.none(),
        required=False,
        empty_label=gettext_lazy("— A new project proposal —"),
    )
    proposal_title = forms.CharField(
        label=gettext_lazy("Title of the proposed project"), max_length=200, required=False
    )

    field_order = ["on_behalf_of_name", "association_name", "project", "proposal_title"]

    def __init__(self, *args, consultation: ConsultationPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = OpenProject.objects.filter(consultation=consultation).order_by("number")

    def clean(self):
        data = super().clean()
        if not data.get("project") and not (data.get("proposal_title") or "").strip():
            self.add_error("proposal_title", _("Choose a project, or give the proposed project a title."))
        return data


def paper_remark(request, page_id: int):
    consultation = _consultation_for_staff(request, page_id)
    form = PaperRemarkForm(consultation=consultation)
    if request.method == "POST":
        form = PaperRemarkForm(request.POST, consultation=consultation)
        if form.is_valid():
            try:
                services.paper_remark_create(
                    consultation=consultation,
                    entered_by=request.user,
                    on_behalf_of_name=form.cleaned_data["on_behalf_of_name"],
                    association_name=form.cleaned_data["association_name"],
                    project=form.cleaned_data["project"],
                    proposal_title=form.cleaned_data["proposal_title"],
                    card=form.card(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The paper remark is recorded. You can type in the next one."))
                return redirect("consultations_admin:paper", consultation.pk)
    return TemplateResponse(
        request, "consultations/admin/paper.html", {"consultation": consultation, "form": form}
    )


class ProjectSynthesisForm(forms.ModelForm):
    class Meta:
        model = OpenProject
        fields = ["decision", "decision_reason_ar", "decision_reason_fr", "revised_text_ar", "revised_text_fr"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields[1:]}


def synthesis(request, page_id: int, project_id: int | None = None):
    """The committee's synthesis: per project (decision, reason, revised text) and per remark."""
    consultation = _consultation_for_staff(request, page_id)
    projects = list(selectors.projects_for(consultation=consultation))
    project = None
    if project_id is not None:
        project = get_object_or_404(OpenProject, pk=project_id, consultation=consultation)
    remarks_qs = (
        Remark.objects.filter(consultation=consultation, status=RemarkStatus.PUBLISHED, project=project)
        .select_related("author")
        .order_by("created_at", "id")
    )
    remarks = Paginator(remarks_qs, 50).get_page(request.GET.get("page"))
    project_form = ProjectSynthesisForm(instance=project) if project else None
    closed = consultation.phase == "closed"
    if request.method == "POST":
        if not closed:
            messages.error(request, _("The synthesis is written once the consultation is closed."))
            return redirect(request.get_full_path())
        try:
            if project is not None:
                project_form = ProjectSynthesisForm(request.POST, instance=project)
                if project_form.is_valid() and project_form.cleaned_data["decision"]:
                    data = project_form.cleaned_data
                    services.project_set_synthesis(
                        project=project,
                        decision=data["decision"],
                        reason_ar=data["decision_reason_ar"],
                        reason_fr=data["decision_reason_fr"],
                        revised_text_ar=data["revised_text_ar"],
                        revised_text_fr=data["revised_text_fr"],
                        by=request.user,
                    )
            for remark in remarks.object_list:
                decision = request.POST.get(f"decision-{remark.pk}", "")
                reason = request.POST.get(f"reason-{remark.pk}", "")
                if decision and (decision != remark.decision or reason.strip() != remark.decision_reason):
                    services.remark_set_decision(remark=remark, decision=decision, reason=reason, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if project_form is None or not project_form.errors:
                messages.success(request, _("The synthesis is saved."))
                return redirect(request.get_full_path())
    return TemplateResponse(
        request,
        "consultations/admin/synthesis.html",
        {
            "consultation": consultation,
            "projects": projects,
            "project": project,
            "project_form": project_form,
            "remarks": remarks,
            "decisions": Decision.choices,
            "closed": closed,
        },
    )
