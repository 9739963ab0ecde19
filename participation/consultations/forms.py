"""Forms of the consultation feature (validation only; writes happen in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.core.safe_text import PlainLineField, PlainTextField, clean_plain_line

from .models import CARD_FIELDS, Remark
from .services import Card

CARD_HELP = {
    "problem": _("What problem does the project face, or should it solve?"),
    "solutions": _("What do you propose?"),
    "funding_sources": _("Who could fund it: the commune, partners, associations, sponsors…"),
    "tracking_indicators": _("How can we follow that the work is done?"),
    "impact_indicators": _("How can we measure the effect on residents?"),
    "free_remark": _("Anything else you want the committee to know."),
}


class RemarkCardForm(forms.Form):
    """The remarks card (بطاقة الملاحظات): every field optional, at least one filled."""

    problem = PlainTextField(label=_("The problem"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))
    solutions = PlainTextField(label=_("Proposed solutions"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))
    funding_sources = PlainTextField(label=_("Funding sources"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))
    tracking_indicators = PlainTextField(label=_("Tracking indicators"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))
    impact_indicators = PlainTextField(label=_("Impact indicators"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))
    free_remark = PlainTextField(label=_("Free remark"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))
    for_association = forms.BooleanField(label="", required=False)

    def __init__(self, *args, association: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for name in CARD_FIELDS:
            self.fields[name].help_text = CARD_HELP[name]
        if association:
            self.fields["for_association"].label = _("On behalf of my association “%(name)s”") % {
                "name": clean_plain_line(association)
            }
        else:
            del self.fields["for_association"]

    def clean(self):
        data = super().clean()
        if Card.from_data(data).is_empty() and not self.errors:
            raise forms.ValidationError(_("Fill at least one field of the remarks card."), code="empty_card")
        return data

    def card(self) -> Card:
        return Card.from_data(self.cleaned_data)

    @classmethod
    def for_remark(cls, remark: Remark, *args, **kwargs):
        initial = {name: getattr(remark, name) for name in CARD_FIELDS}
        if remark.kind == "proposal":
            initial["proposal_title"] = remark.proposal_title
            return ProposalForm(*args, initial=initial, **kwargs)
        return cls(*args, initial=initial, **kwargs)

    def card_fields(self):
        return [self[name] for name in CARD_FIELDS]


class ProposalForm(RemarkCardForm):
    """A new-project proposal: a title and the same card."""

    proposal_title = PlainLineField(
        label=_("Title of the proposed project"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )

    field_order = ["proposal_title", *CARD_FIELDS, "for_association"]


class ProjectImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_(
            "One project per row. Columns: number, title_ar, title_fr, description_ar, description_fr, axis, "
            "estimated_cost, funding_ar, funding_fr, responsible_service_ar, responsible_service_fr."
        ),
    )
