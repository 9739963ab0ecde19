"""allauth adapter: emails rendered in the reader's language and sent through the task
framework, subjects prefixed with the commune's name, display name and terms acceptance saved
at sign-up, and every redirect that would go to ``/`` (after log-in, log-out, sign-up, email
confirmation) sent to the commune's home page in the language of the flow instead: ``/`` would
pick the language from the browser, so signing up in French could land on ``/ar/``."""

from __future__ import annotations

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from site_template.i18n import current_language

from .emails import email_enqueue


def localized_home_url(request) -> str:
    """The home page of the request's commune in the active language (the URL prefix's)."""
    from site_template.pages.menus import localized_home_url as home_url

    site = Site.find_for_request(request) if request is not None else None
    return home_url(site=site, language=current_language()) if site is not None else f"/{current_language()}/"


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        return localized_home_url(request)

    def get_logout_redirect_url(self, request) -> str:
        return localized_home_url(request)

    def get_signup_redirect_url(self, request) -> str:
        return localized_home_url(request)

    def get_email_verification_redirect_url(self, email_address) -> str:
        if self.request.user.is_authenticated:
            return localized_home_url(self.request)
        return super().get_email_verification_redirect_url(email_address)

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
