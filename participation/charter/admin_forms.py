"""The charter's snippet forms in the Wagtail admin (``base_form_class`` of the viewsets in
``wagtail_hooks``):

* ``CommitmentAdminForm``: the computed indicator is a choice among what the installed capabilities
  compute (``participation.core.indicators.indicator_choices()``) or "typed by hand"; the programme
  project among the commune's tracked items (``participation.core.conversion.tracked_items``);
* ``EvaluationAdminForm``: the findings name only commitments of the user's communes, and of the
  evaluation's charter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from participation.core.conversion import tracked_items
from participation.core.indicators import indicator_choices
from participation.core.models import Contribution
from participation.core.pages import site_id_of
from site_template.communes.roles import Role
from site_template.communes.selectors import site_ids_served_by

from .models import Commitment

TYPED = ""


def _user_site_ids(user) -> frozenset[int]:
    if user is None:
        return frozenset()
    return site_ids_served_by(user=user, roles=[Role.FOCAL_POINT])


class CommitmentAdminForm(WagtailAdminModelForm):
    """A commitment: its computed indicator picked from the registry (an unknown key already
    stored stays offered, marked, so that saving the form does not lose it), its programme project
    from the commune's tracked items."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tracked_labels: dict[int, str] = {}
        self._tracked_sites: dict[int, int] = {}
        if "indicator_source" in self.fields:
            self._indicator_field()
        if "programme_project" in self.fields:
            self._programme_field()

    def _indicator_field(self) -> None:
        old = self.fields["indicator_source"]
        choices = [(TYPED, _("Typed by hand (no computed indicator)")), *indicator_choices()]
        current = self.instance.indicator_source if self.instance else ""
        if current and current not in {key for key, _label in choices}:
            choices.append((current, _("%(key)s (not computed on this site)") % {"key": current}))
        self.fields["indicator_source"] = forms.ChoiceField(
            label=old.label, help_text=old.help_text, required=False, choices=choices,
        )

    def _sites(self) -> list[Site]:
        charter_id = getattr(self.instance, "charter_id", None)
        if charter_id:
            site_id = site_id_of(self.instance.charter)
            return list(Site.objects.filter(pk=site_id)) if site_id else []
        user = getattr(self, "for_user", None)
        if user is not None and user.is_superuser:
            return list(Site.objects.all())
        return list(Site.objects.filter(pk__in=_user_site_ids(user)))

    def _programme_field(self) -> None:
        for site in self._sites():
            for item in tracked_items(site):
                self._tracked_labels[item.contribution.pk] = item.label
                self._tracked_sites[item.contribution.pk] = site.pk
        current = getattr(self.instance, "programme_project_id", None)
        if current and current not in self._tracked_labels:
            self._tracked_labels[current] = str(Contribution.objects.filter(pk=current).first() or current)
        field = self.fields["programme_project"]
        field.queryset = Contribution.objects.filter(pk__in=list(self._tracked_labels)).order_by("pk")
        labels = self._tracked_labels
        field.label_from_instance = lambda contribution: labels.get(contribution.pk, contribution.title)

    def clean(self):
        data = super().clean()
        project = data.get("programme_project")
        charter = data.get("charter")
        if project is not None and charter is not None:
            site_id = site_id_of(charter)
            tracked_site = self._tracked_sites.get(project.pk)
            if tracked_site is not None and tracked_site != site_id:
                self.add_error("programme_project", _("This project belongs to another commune's programme."))
            elif tracked_site is None and project.site_id != site_id:
                self.add_error("programme_project", _("This project belongs to another commune's programme."))
        return data


class EvaluationAdminForm(WagtailAdminModelForm):
    """An evaluation and its findings: a finding names a commitment of the evaluation's charter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        commitments = Commitment.objects.select_related("charter").order_by("charter", "number")
        if getattr(self.instance, "charter_id", None):
            commitments = commitments.filter(charter_id=self.instance.charter_id)
        else:
            user = getattr(self, "for_user", None)
            if not (user is not None and user.is_superuser):
                from site_template.communes.selectors import pages_of_sites_q

                commitments = commitments.filter(pages_of_sites_q(_user_site_ids(user), prefix="charter__"))
        formset = self.formsets.get("findings") if hasattr(self, "formsets") else None
        if formset is not None:
            base = formset.form
            field = base.base_fields["commitment"]
            narrowed = field.__class__(queryset=commitments, label=field.label, required=field.required,
                                       widget=field.widget)
            formset.form = type(base.__name__, (base,), {"commitment": narrowed})
            formset.__dict__.pop("forms", None)

    def clean(self):
        data = super().clean()
        charter = data.get("charter")
        formset = self.formsets.get("findings") if hasattr(self, "formsets") else None
        if charter is None or formset is None:
            return data
        seen = set()
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            commitment = form.cleaned_data.get("commitment")
            if commitment is None:
                continue
            if commitment.charter_id != charter.pk:
                form.add_error("commitment", _("This commitment belongs to another charter."))
            elif commitment.pk in seen:
                form.add_error("commitment", _("This commitment already has a finding in this evaluation."))
            seen.add(commitment.pk)
        return data


# --- the label's questionnaire ---------------------------------------------------------------


def _deleted_rows(form, formset_name: str) -> list:
    """The saved rows of ``form``'s inline formset ``formset_name`` marked for deletion."""
    formset = getattr(form, "formsets", {}).get(formset_name)
    if formset is None or not formset.is_valid():
        return []
    return [row.instance for row in formset.deleted_forms if row.instance.pk]


class QuestionAdminForm(WagtailAdminModelForm):
    """A question and its answers: an answer a self-assessment gave (or a verification chose) is
    kept, since the assessment's page shows it; its text and points may still change (the
    validated scores are frozen)."""

    def clean(self):
        cleaned = super().clean()
        from django.db.models import Q

        from .models import Answer

        for choice in _deleted_rows(self, "choices"):
            if Answer.objects.filter(Q(choice=choice) | Q(verified_choice=choice)).exists():
                self.add_error(None, _("The answer “%(answer)s” was given in a self-assessment: it cannot be "
                                       "removed (change its text instead).") % {"answer": choice.text})
        return cleaned


class QuestionnaireAdminForm(WagtailAdminModelForm):
    """A questionnaire and its sections: a section whose questions a self-assessment answered is
    kept."""

    def clean(self):
        cleaned = super().clean()
        from .models import Answer

        for section in _deleted_rows(self, "sections"):
            if Answer.objects.filter(question__section=section).exists():
                self.add_error(None, _("The section “%(section)s” was answered in a self-assessment: it cannot "
                                       "be removed.") % {"section": section.title})
        return cleaned
