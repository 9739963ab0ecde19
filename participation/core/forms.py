"""Forms of the generic participation endpoints (comments, reports) and of the admin side."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import STATUS_TRANSITIONS, ContributionStatus, ReportReason
from .safe_text import PlainTextField

COMMENT_MAX_LENGTH = 5_000


class CommentForm(forms.Form):
    text = PlainTextField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto", "maxlength": COMMENT_MAX_LENGTH}),
        help_text=_("Plain text; links become clickable. Be respectful: comments are public."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CommentEditForm(forms.Form):
    text = PlainTextField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto", "maxlength": COMMENT_MAX_LENGTH}),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why are you reporting this?"), choices=ReportReason.choices, widget=forms.RadioSelect)
    details = PlainTextField(
        label=_("Details (optional)"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto", "maxlength": 2_000}),
    )


class OfficialAnswerForm(forms.Form):
    """Admin: status change and/or official answer for one contribution."""

    status = forms.ChoiceField(label=_("Status"))
    answer = forms.CharField(
        label=_("Official answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=_("Published on the contribution's page; followers are notified."),
    )
    reason = forms.CharField(
        label=_("Reason for the status change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Shown in the public history. Required for “not retained”."),
    )

    def __init__(self, *args, contribution, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = [contribution.status, *sorted(STATUS_TRANSITIONS.get(contribution.status, set()))]
        self.fields["status"].choices = [(s, ContributionStatus(s).label) for s in allowed]
        self.fields["status"].initial = contribution.status
        self.fields["answer"].initial = contribution.official_answer


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the author)"), widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}), max_length=2_000
    )


class RestoreForm(forms.Form):
    reason = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BlockForm(forms.Form):
    days = forms.IntegerField(label=_("Block for (days)"), min_value=1, max_value=3650, initial=7)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}), max_length=2_000)


def add_validation_errors(form: forms.Form, error: ValidationError) -> None:
    """Shows a service's ``ValidationError`` on ``form``: each field's messages on that field (a
    field the form does not have: at the top), a plain error at the top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
