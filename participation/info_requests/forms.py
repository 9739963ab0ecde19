"""Public forms: the request (law 31-13 art. 14), the complaint (art. 19), data rights (09-08 art. 8)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.core.safe_text import PlainLineField, PlainTextField

from .models import AccessForm, Art7Exception, DataRequest, IdDocument, RefusalGround

CIN_RE = re.compile(r"^[A-Z]{1,2}[0-9]{1,7}$")
RESIDENCE_RE = re.compile(r"^[A-Z0-9]{4,20}$")
PHONE_RE = re.compile(r"^\+?[0-9 .-]{8,20}$")


class InfoRequestForm(forms.Form):
    full_name = PlainLineField(label=_("Full name"), max_length=200,
                               widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}))
    postal_address = PlainTextField(label=_("Postal address"), max_length=500,
                                    widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address",
                                                                 "dir": "auto"}))
    id_document = forms.ChoiceField(label=_("Identity document"), choices=IdDocument.choices,
                                    initial=IdDocument.CIN, widget=forms.RadioSelect)
    id_number = forms.CharField(
        label=_("Document number"), max_length=20,
        help_text=_("The number of your national identity card (e.g. AB123456) or of your residence document."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "dir": "ltr"}),
    )
    email = forms.EmailField(label=_("Email"), required=False,
                             help_text=_("If you have one: the receipt and the answer are sent there."),
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}))
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "dir": "ltr"}))
    subject = PlainLineField(label=_("Subject of your request"), max_length=200,
                             widget=forms.TextInput(attrs={"dir": "auto"}),
                             help_text=_("A short title, e.g. “Budget of the commune for 2025”."))
    information_requested = PlainTextField(
        label=_("The information you are asking for"), max_length=5000,
        help_text=_("Describe the information or documents as precisely as you can (period, place, subject)."),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    access_form = forms.ChoiceField(label=_("How would you like to receive it?"), choices=AccessForm.choices,
                                    initial=AccessForm.EMAIL, widget=forms.RadioSelect)
    is_urgent = forms.BooleanField(
        label=_("My request is urgent"), required=False,
        help_text=_("Only when the information is needed to protect a person's life, safety or liberty (law 31-13, art. 17): answer within 3 days."),
    )
    urgency_justification = PlainTextField(label=_("Why is it urgent?"), max_length=2000, required=False,
                                           widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))

    def clean_id_number(self) -> str:
        return re.sub(r"[\s-]", "", self.cleaned_data["id_number"]).upper()

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(_("Enter a phone number with digits only, e.g. 0612345678."))
        return phone

    def clean(self):
        data = super().clean()
        number = data.get("id_number", "")
        if number:
            pattern = CIN_RE if data.get("id_document") == IdDocument.CIN else RESIDENCE_RE
            if not pattern.match(number):
                message = (_("A national identity card number is one or two letters followed by digits, e.g. AB123456.")
                           if data.get("id_document") == IdDocument.CIN
                           else _("Enter the residence document number (letters and digits)."))
                self.add_error("id_number", message)
        if data.get("access_form") == AccessForm.EMAIL and not data.get("email"):
            self.add_error("email", _("Give an email address to receive the answer by email, or choose another form of access."))
        if data.get("is_urgent") and not (data.get("urgency_justification") or "").strip():
            self.add_error("urgency_justification", _("Explain why the request is urgent."))
        return data


class ComplaintForm(forms.Form):
    text = PlainTextField(
        label=_("Your complaint"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_("Say what is missing or why you disagree with the answer."),
    )


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you ask for?"), choices=DataRequest.Kind.choices, widget=forms.RadioSelect)
    text = PlainTextField(label=_("Details"), max_length=2000, required=False,
                          widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
                           help_text=_("For a rectification, give the correct information."))

    def __init__(self, *args, can_erase: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_erase:
            self.fields["kind"].choices = [(DataRequest.Kind.RECTIFICATION, DataRequest.Kind.RECTIFICATION.label)]


# Officer forms (Wagtail admin) -----------------------------------------------------------------

class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    message = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))
    partial = forms.BooleanField(
        label=_("Partial answer (art. 8: an exempt part is withheld, the rest is given)"), required=False
    )
    files = forms.FileField(label=_("Attachments"), required=False,
                            widget=forms.ClearableFileInput(attrs={"multiple": False}))
    publish = forms.BooleanField(label=_("Publish the question and the answer in the public register"), required=False)

    def clean_files(self):
        upload = self.cleaned_data.get("files")
        if upload and upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if upload:
            from django.conf import settings

            extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            if extension not in settings.WAGTAILDOCS_EXTENSIONS:
                raise forms.ValidationError(_("This type of file is not accepted."))
        return upload


class RefuseForm(forms.Form):
    ground = forms.ChoiceField(label=_("Refusal ground (law 31-13, art. 18)"), choices=RefusalGround.choices)
    exception = forms.ChoiceField(label=_("Art. 7 exception"), required=False,
                                  choices=[("", "—"), *Art7Exception.choices])
    reason = forms.CharField(label=_("Reasons given to the requester"), widget=forms.Textarea(attrs={"rows": 4}))


class TransferForm(forms.Form):
    body = forms.CharField(label=_("Body the request is transferred to"), max_length=200)
    message = forms.CharField(label=_("Message to the requester"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MessageForm(forms.Form):
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    internal = forms.BooleanField(label=_("Internal note (not shown to the requester)"), required=False)


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.listed_name


class AssignForm(forms.Form):
    officer = OfficerChoiceField(label=_("Assign to"), queryset=None, required=False)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


class ComplaintAnswerForm(forms.Form):
    complaint = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("Answer of the head of the commune"), widget=forms.Textarea(attrs={"rows": 4}))


class DataHandleForm(forms.Form):
    data_request = forms.IntegerField(widget=forms.HiddenInput)
    done = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "1",
                                  choices=[("1", _("Done")), ("0", _("Refused"))])
    response = forms.CharField(label=_("Response"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

