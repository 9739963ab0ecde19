"""The citizen budget's forms (cleaning and translated errors only)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.core.safe_text import PlainLineField, PlainTextField

QUESTION_TITLE_MAX = 200
QUESTION_TEXT_MAX = 2_000


class QuestionForm(forms.Form):
    """A citizen's question about a budget line: plain text (the core's safe text), kept as typed
    when an error sends the form back."""

    title = PlainLineField(
        label=_("Your question in one line"),
        max_length=QUESTION_TITLE_MAX,
        min_length=5,
        widget=forms.TextInput(attrs={"dir": "auto", "maxlength": QUESTION_TITLE_MAX, "autocomplete": "off"}),
        error_messages={"required": _("Write your question in one line.")},
    )
    text = PlainTextField(
        label=_("Details"),
        max_length=QUESTION_TEXT_MAX,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto", "maxlength": QUESTION_TEXT_MAX}),
        help_text=_("What you would like to know about this line. Plain text; the question and your public name "
                    "are published, and the commune answers here."),
        error_messages={"required": _("Explain your question in a few words.")},
    )
