from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import EmailFrequency


class PreferenceForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("Notification emails"), choices=EmailFrequency.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(label=_("Language of the emails"), choices=settings.LANGUAGES)
