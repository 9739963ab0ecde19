"""The contact form: a Wagtail form page whose submissions are stored and e-mailed to the commune.

The fields are edited in the admin (the commune generator creates name, e-mail, subject, message
with labels in each language). The law 09-08 notice is shown with the form; sending is rate-limited
per IP address (``CONTACT_RATE_LIMIT`` messages per ``CONTACT_RATE_WINDOW`` seconds) and the e-mail
goes through the task framework.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from participation.core.safe_text import PlainLineField, PlainTextField


class CitizenTextFormBuilder(FormBuilder):
    """The contact form's text fields clean what the visitor typed (bidi and control characters
    out, see ``participation.core.safe_text``) as every citizen form does."""

    def create_singleline_field(self, field, options):
        options["max_length"] = 255
        options.setdefault("widget", forms.TextInput(attrs={"dir": "auto"}))
        return PlainLineField(**options)

    def create_multiline_field(self, field, options):
        options.setdefault("widget", forms.Textarea(attrs={"dir": "auto"}))
        return PlainTextField(**options)


class FormField(AbstractFormField):
    page = ParentalKey("contact.ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(AbstractEmailForm):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=["bold", "italic", "link"])
    purpose = models.TextField(
        _("purpose of the processing"),
        blank=True,
        help_text=_("Shown in the personal data notice (law 09-08, art. 5). Leave empty for the standard text."),
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("form fields")),
        FieldPanel("thank_you_text"),
        FieldPanel("purpose"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail to the commune"),
        ),
    ]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    form_builder = CitizenTextFormBuilder
    landing_page_template = "contact/contact_page_landing.html"

    class Meta:
        verbose_name = _("contact page")

    def serve(self, request, *args, **kwargs):
        """POST, then redirect to ``?sent=1`` (the thank-you text); errors re-render with the input kept."""
        from .services import contact_rate_limited

        status = 200
        context = self.get_context(request, *args, **kwargs)
        if request.method == "POST":
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
            if contact_rate_limited(request=request):
                context["rate_limited"] = True
                status = 429
            elif form.is_valid():
                self.process_form_submission(form)
                return redirect(f"{self.get_url(request)}?sent=1")
        elif request.GET.get("sent"):
            return TemplateResponse(request, self.get_landing_page_template(request), context)
        else:
            form = self.get_form(page=self, user=request.user)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def process_form_submission(self, form):
        from .services import contact_submission_create

        return contact_submission_create(page=self, form=form)

    def send_mail(self, form):  # sending goes through the task in services
        from .services import contact_email_enqueue

        contact_email_enqueue(page=self, form=form)
