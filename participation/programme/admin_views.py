"""Staff screens of programme tracking in the Wagtail admin: the programmes the user keeps, one
programme's overview (projects, late ones, links to every tool), and for one project: change its
status (explicit transitions, public history) and post a progress update (its followers are told)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participation.core.pages import in_source_language, localized_page
from participation.core.rules import ActionRefused
from site_template.communes.roles import Role
from site_template.communes.selectors import pages_of_sites_q, site_ids_served_by

from . import rules, selectors, services
from .admin_access import programme_for_staff
from .models import STATUS_TRANSITIONS, ProgrammePage, Project, ProjectStatus


def _project_for_staff(request, project_id: int) -> Project:
    project = get_object_or_404(Project.objects.select_related("programme", "axis"), pk=project_id)
    if not rules.can_manage(request.user, project.programme):
        raise PermissionDenied
    return project


def index(request):
    """The programmes of the communes where the user is focal point (or administrator)."""
    programmes = in_source_language(ProgrammePage.objects.all()).order_by("title")
    if not request.user.is_superuser:
        served = site_ids_served_by(user=request.user, roles=[Role.FOCAL_POINT])
        programmes = programmes.filter(pages_of_sites_q(served))
    return TemplateResponse(request, "programme/admin/index.html", {"programmes": list(programmes)})


def overview(request, page_id: int):
    programme = programme_for_staff(request, page_id)
    from .figures import programme_figures

    figures = programme_figures(programme=programme)
    projects = list(Project.objects.filter(programme=programme).select_related("axis").order_by("number"))
    late = set(figures.late_project_ids)
    return TemplateResponse(
        request,
        "programme/admin/overview.html",
        {
            "programme": programme,
            "public_page": localized_page(programme).specific,
            "projects": projects,
            "late_ids": late,
            "figures": figures,
            "axes": selectors.programme_axes(programme=programme),
            "tool_links": _tool_links(programme),
        },
    )


#: The programme's other staff tools (URL name, label), linked from the overview.
TOOLS = (
    ("programme_admin:import", gettext_lazy("Import or export the spreadsheet")),
    ("programme_admin:adopt", gettext_lazy("Adopt a project from a consultation")),
    ("programme_admin:reports", gettext_lazy("Annual evaluation reports")),
)


def _tool_links(programme: ProgrammePage) -> list[dict]:
    from django.urls import reverse

    return [{"url": reverse(name, args=[programme.pk]), "label": label} for name, label in TOOLS]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"))
    changed_on = forms.DateField(label=gettext_lazy("Date of the change"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=gettext_lazy("Public note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown in the project's history. Required for a suspension or a cancellation."),
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = STATUS_TRANSITIONS.get(project.status, frozenset())
        self.fields["status"].choices = [(value, label) for value, label in ProjectStatus.choices if value in allowed]
        self.fields["changed_on"].initial = timezone.localdate()


def project_status(request, project_id: int):
    project = _project_for_staff(request, project_id)
    form = StatusForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_set_status(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except ActionRefused as refused:
            raise PermissionDenied from refused
        else:
            messages.success(request, _("The project's status is now: %(status)s.") % {
                "status": project.get_status_display()})
            return redirect("programme_admin:overview", project.programme_id)
    return TemplateResponse(
        request, "programme/admin/project_status.html",
        {"project": project, "form": form, "closed": project.is_closed,
         "history": project.status_changes.order_by("-changed_on", "-pk")},
    )


class UpdateForm(forms.Form):
    text_ar = forms.CharField(label=gettext_lazy("Text in Arabic"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5, "dir": "rtl"}))
    text_fr = forms.CharField(label=gettext_lazy("Text in French"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 5, "dir": "ltr"}))
    progress = forms.IntegerField(label=gettext_lazy("New progress (%)"), min_value=0, max_value=100, required=False)
    photo = forms.ImageField(label=gettext_lazy("Photo"), required=False)
    photo_title = forms.CharField(label=gettext_lazy("What the photo shows"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        if data.get("photo") and not (data.get("photo_title") or "").strip():
            self.add_error("photo_title", _("Describe the photo for people who cannot see it."))
        return data


def _image_from_upload(*, upload, title: str, user):
    """The uploaded photo as a Wagtail image in the root collection (so editors find it again)."""
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    image_model = get_image_model()
    image = image_model(title=title, file=upload, uploaded_by_user=user, collection=Collection.get_first_root_node())
    image.save()
    return image


def project_update(request, project_id: int):
    project = _project_for_staff(request, project_id)
    form = UpdateForm(request.POST or None, request.FILES or None, initial={"progress": project.progress})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            photo = (
                _image_from_upload(upload=data["photo"], title=data["photo_title"].strip(), user=request.user)
                if data.get("photo") else None
            )
            services.update_post(
                project=project, by=request.user, text_ar=data["text_ar"], text_fr=data.get("text_fr") or "",
                photo=photo, progress=data.get("progress"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        except ActionRefused as refused:
            raise PermissionDenied from refused
        else:
            messages.success(request, _("The update is published; the project's followers are told."))
            return redirect("programme_admin:overview", project.programme_id)
    return TemplateResponse(request, "programme/admin/project_update.html", {"project": project, "form": form})
