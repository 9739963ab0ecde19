"""Staff screen: adopting an open project of one of the commune's consultations into the
programme, in one action (``services.project_adopt``). The items come from the other capabilities
through ``participation.core.conversion.adoptable_items``; this module knows none of them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participation.core.conversion import AdoptableItem, adoptable_items
from participation.core.models import ContributionLink, LinkRelation
from participation.core.pages import page_site
from participation.core.rules import ActionRefused
from site_template.accounts.staff import staff_view

from . import services
from .admin_access import programme_for_staff
from .models import Axis, ProgrammePage, Project


def not_yet_adopted(programme: ProgrammePage) -> list[AdoptableItem]:
    """The commune's adoptable items that no programme project came from yet (one query besides
    the items' own)."""
    site = page_site(programme)
    items = adoptable_items(site) if site else []
    adopted = set(
        ContributionLink.objects.filter(
            source_id__in=[item.contribution.pk for item in items], relation=LinkRelation.BECAME,
            target__kind=services.PROJECT_KIND,
        ).values_list("source_id", flat=True)
    )
    return [item for item in items if item.contribution.pk not in adopted]


class AdoptionForm(forms.Form):
    # A CharField with a select: a key no longer offered gets this form's own message.
    item = forms.CharField(label=gettext_lazy("Project to adopt"), widget=forms.Select)
    axis = forms.ModelChoiceField(label=gettext_lazy("Strategic axis"), queryset=Axis.objects.none(),
                                  empty_label=None)
    number = forms.IntegerField(label=gettext_lazy("Number in the programme"), min_value=1, max_value=99999)

    def __init__(self, *args, programme: ProgrammePage, items: list[AdoptableItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {item.key: item for item in items}
        self.fields["item"].widget.choices = [(item.key, f"{item.title_ar} — {item.label}") for item in items]
        self.fields["axis"].queryset = Axis.objects.filter(programme=programme).order_by("number")
        self.fields["axis"].label_from_instance = lambda axis: f"{axis.number}. {axis.title_ar}"

    def clean_item(self) -> AdoptableItem:
        item = self.items.get(self.cleaned_data["item"])
        if item is None:
            raise ValidationError(_("This project can no longer be adopted: choose another one."))
        return item


def _next_number(programme: ProgrammePage) -> int:
    return (Project.objects.filter(programme=programme).aggregate(top=Max("number"))["top"] or 0) + 1


@staff_view
def adopt(request, page_id: int):
    """The open projects the commune may still adopt, and the form that adopts one."""
    programme = programme_for_staff(request, page_id)
    items = not_yet_adopted(programme)
    form = AdoptionForm(programme=programme, items=items, initial={"number": _next_number(programme)})
    if request.method == "POST":
        form = AdoptionForm(request.POST, programme=programme, items=items)
        if form.is_valid():
            try:
                project = services.project_adopt(
                    programme=programme, item=form.cleaned_data["item"], axis=form.cleaned_data["axis"],
                    number=form.cleaned_data["number"], by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            except ActionRefused:
                form.add_error(None, _("You may not change this programme."))
            else:
                messages.success(request, _("Project %(number)s is now in the programme: “%(title)s”.")
                                 % {"number": project.number, "title": project.title_ar})
                return redirect("programme_admin:adopt", programme.pk)
    return TemplateResponse(
        request,
        "programme/admin/adopt.html",
        {"programme": programme, "items": items, "form": form, "has_axes": form.fields["axis"].queryset.exists()},
    )
