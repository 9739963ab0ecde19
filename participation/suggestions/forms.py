"""The form citizens post a suggestion with, and the list filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.core.attachments import PhotoField
from participation.core.models import Category, ContributionStatus
from participation.core.safe_text import PlainLineField, PlainTextField
from site_template.communes.models import Neighbourhood

TITLE_MAX = 150
TEXT_MAX = 5_000


class SuggestionForm(forms.Form):
    title = PlainLineField(
        label=_("Title"),
        max_length=TITLE_MAX,
        min_length=5,
        widget=forms.TextInput(attrs={"dir": "auto", "maxlength": TITLE_MAX, "autocomplete": "off"}),
        help_text=_("In a few words, what do you suggest?"),
    )
    text = PlainTextField(
        label=_("Your suggestion"),
        max_length=TEXT_MAX,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto", "maxlength": TEXT_MAX}),
        help_text=_("Describe the problem or the idea and what you suggest. Plain text; links become clickable."),
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none(), empty_label=_("— Choose —"))
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood (optional)"), queryset=Neighbourhood.objects.none(), required=False, empty_label=_("— None —")
    )
    place_description = PlainLineField(
        label=_("Place (optional)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto", "maxlength": 300}),
        help_text=_("For example: the street, a landmark nearby. Do not write anyone’s personal details."),
    )
    photo = PhotoField()
    #: The contribution this suggestion is about (``?about=<id>``: a problem on a programme project).
    about = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    photo_alt = PlainLineField(
        label=_("What the photo shows (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto", "maxlength": 200}),
        help_text=_("A short description for people who cannot see the photo."),
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(site=site)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(site=site)
        if not self.fields["neighbourhood"].queryset.exists():
            del self.fields["neighbourhood"]


SORT_CHOICES = [
    ("newest", _("Newest")),
    ("supported", _("Most supported")),
    ("commented", _("Most commented")),
]


class SuggestionFilterForm(forms.Form):
    """GET filters of the list; invalid values are ignored rather than erroring."""

    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int, empty_value=None)
    neighbourhood = forms.TypedChoiceField(label=_("Neighbourhood"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, categories, neighbourhoods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories")), *[(c.pk, c.name) for c in categories]]
        self.fields["neighbourhood"].choices = [("", _("All neighbourhoods")), *[(n.pk, n.name) for n in neighbourhoods]]
        self.fields["status"].choices = [
            ("", _("All statuses")),
            *[(s.value, s.label) for s in ContributionStatus if s != ContributionStatus.WITHDRAWN],
        ]
        if not neighbourhoods:
            del self.fields["neighbourhood"]

    def values(self) -> dict:
        if not self.is_valid():
            # keep the valid parts
            data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        else:
            data = self.cleaned_data
        return {
            "category_id": data.get("category"),
            "neighbourhood_id": data.get("neighbourhood"),
            "status": data.get("status") or None,
            "sort": data.get("sort") or "newest",
        }
