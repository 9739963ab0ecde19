"""Forms of the accounts app: sign-up (with a bot check that needs no outside service),
profile, statistics consent, and account deletion."""

from __future__ import annotations

import time

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from participation.core.safe_text import PlainLineField
from site_template.communes.models import Neighbourhood

from .models import AgeBracket, Gender, User

BOT_CHECK_SALT = "accounts.signup.started"
HONEYPOT_FIELD = "website"


def signup_started_token() -> str:
    """A signed timestamp put in the sign-up form when it is shown."""
    return signing.dumps(time.time(), salt=BOT_CHECK_SALT)


class SignupForm(AllauthSignupForm):
    """allauth's sign-up (email + password twice) plus a public display name, acceptance of the
    terms of participation and a privacy-respecting bot check:

    * a honeypot field hidden from people (and from screen readers) that bots fill in;
    * the time the form was shown, signed: a form sent back faster than
      ``ACCOUNTS_SIGNUP_MIN_SECONDS`` (default 3) is refused, a stale one (older than
      ``ACCOUNTS_SIGNUP_MAX_AGE``, default 2 hours) is shown again with a fresh timestamp.
    No outside service, no cookie, nothing stored."""

    display_name = PlainLineField(
        label=_("Public display name"),
        max_length=60,
        required=True,
        help_text=_("Shown next to your contributions. You may use a first name or a nickname."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "dir": "auto"}),
    )
    accept_terms = forms.BooleanField(
        label=_("I have read and accept the terms of participation"),
        required=True,
        error_messages={"required": _("You must accept the terms of participation to create an account.")},
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["email", "display_name", "password1", "password2", "accept_terms", "started", "website"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = signup_started_token()
        self.is_bot = False

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"]  # PlainLineField: controls out, one line
        if not name:
            raise forms.ValidationError(_("Enter a display name."))
        return name

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            # Answer as if all went well (see try_save); a bot learns nothing.
            self.is_bot = True
            return cleaned
        min_seconds = getattr(settings, "ACCOUNTS_SIGNUP_MIN_SECONDS", 3)
        max_age = getattr(settings, "ACCOUNTS_SIGNUP_MAX_AGE", 2 * 3600)
        try:
            started = float(signing.loads(cleaned.get("started") or "", salt=BOT_CHECK_SALT, max_age=max_age))
        except (signing.BadSignature, ValueError, TypeError):
            self._renew_started()
            raise forms.ValidationError(
                _("This form has expired or could not be checked. Please check your entries and send it again."),
                code="bot_check_expired",
            ) from None
        if time.time() - started < min_seconds:
            self._renew_started()
            raise forms.ValidationError(
                _("The form was sent too quickly. Please check your entries and send it again."),
                code="bot_check_too_fast",
            )
        return cleaned

    def _renew_started(self) -> None:
        data = self.data.copy()
        data[self.add_prefix("started")] = signup_started_token()
        self.data = data

    def try_save(self, request):
        if self.is_bot:
            from allauth.account.adapter import get_adapter

            return None, get_adapter().respond_email_verification_sent(request, None)
        return super().try_save(request)


class ProfileForm(forms.ModelForm):
    """What every user may change about their public identity and association."""

    class Meta:
        model = User
        fields = ["display_name", "association_name"]
        field_classes = {"display_name": PlainLineField, "association_name": PlainLineField}
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "nickname"})}



class StatisticsForm(forms.Form):
    """Optional data for anonymous statistics, only with explicit consent."""

    consent = forms.BooleanField(
        label=_("I agree that the commune uses the data below, only for anonymous participation statistics"),
        required=False,
        help_text=_(
            "You may withdraw your consent at any time: untick the box and save, and the data below is erased."
        ),
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("I prefer not to say")), *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    age_bracket = forms.ChoiceField(
        label=_("Age"),
        choices=[("", _("I prefer not to say")), *AgeBracket.choices],
        required=False,
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        empty_label=_("I prefer not to say"),
    )

    def __init__(self, *args, site=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        queryset = Neighbourhood.objects.filter(site=site) if site is not None else Neighbourhood.objects.none()
        self.fields["neighbourhood"].queryset = queryset
        if not queryset.exists():
            del self.fields["neighbourhood"]

    def clean(self) -> dict:
        cleaned = super().clean()
        given = any(cleaned.get(name) for name in ("gender", "age_bracket", "neighbourhood"))
        if given and not cleaned.get("consent"):
            raise forms.ValidationError(
                _("Tick the consent box to give these details, or leave them empty."), code="consent_missing"
            )
        return cleaned


class DeleteAccountForm(forms.Form):
    """Deleting one's account needs the current password."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted for good"),
        required=True,
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="password_incorrect")
        return password
