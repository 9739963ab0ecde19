"""allauth adapter: emails rendered in the reader's language and sent through the task
framework, subjects prefixed with the commune's name, display name and terms acceptance saved
at sign-up."""

from __future__ import annotations

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from .emails import email_enqueue


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        from site_template.communes.models import CommuneSettings

        request = getattr(context, "request", None)
        site = Site.find_for_request(request) if request is not None else None
        name = CommuneSettings.for_site(site).name if site is not None else ""
        return f"[{name}] {subject}" if name else str(subject)

    def render_mail(self, template_prefix, email, context, headers=None):
        """Every email gets an HTML part: allauth's own HTML template when we wrote one, else the
        plain text laid out in the site's HTML email frame (links made clickable)."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if isinstance(message, EmailMultiAlternatives) and not message.alternatives:
            html = render_to_string("accounts/email/text_as_html.html", {**context, "text": message.body})
            message.attach_alternative(html, "text/html")
        return message

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = globals()["context"].request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        email_enqueue(message=message)

    def save_user(self, request, user, form, commit: bool = True):
        from .models import User

        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.display_name = data.get("display_name", "") or ""
        if data.get("accept_terms"):
            user.terms_accepted_at = timezone.now()
        if not user.username:
            candidate = (user.email or "")[:150]
            if not candidate or User.objects.filter(username=candidate).exists():
                candidate = f"user-{uuid.uuid4().hex[:16]}"
            user.username = candidate
        if commit:
            user.save()
        return user
