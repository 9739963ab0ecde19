"""Emails of the information-request feature, rendered in the reader's language and sent through
the task framework (``site_template.accounts.emails.email_enqueue``). The officers' emails are in
the source language, the commune's working language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from participation.core.pages import localized_page, source_language
from site_template.accounts.emails import email_enqueue
from site_template.communes.models import CommuneRole, CommuneSettings
from site_template.communes.roles import Role

from .models import Complaint, InfoRequest


def status_url(*, request: InfoRequest, token: str) -> str:
    page = localized_page(request.page, request.language).specific
    return page.get_full_url() + page.reverse_subpage("status", kwargs={"token": token})


def _send(*, to: list[str], subject: str, template: str, context: dict, language: str) -> None:
    to = [address for address in to if address]
    if not to:
        return
    with translation.override(language):
        body = render_to_string(template, context)
        message = EmailMessage(subject=str(subject), body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    email_enqueue(message=message)


def officer_emails(*, site: Site) -> list[str]:
    roles = CommuneRole.objects.filter(site=site, role__in=[Role.INFORMATION_OFFICER, Role.ADMINISTRATOR])
    emails = set()
    for role in roles.prefetch_related("group__user_set"):
        for user in role.group.user_set.all():
            if user.is_active and user.email:
                emails.add(user.email)
    return sorted(emails)


def _context(request: InfoRequest, **extra) -> dict:
    return {"request": request, "commune": CommuneSettings.for_site(request.site), **extra}


def send_receipt(*, request: InfoRequest, token: str) -> None:
    with translation.override(request.language):
        subject = _("Your information request %(number)s has been received") % {"number": request.tracking_number}
    _send(
        to=[request.email], subject=subject, template="info_requests/emails/receipt.txt",
        context=_context(request, status_url=status_url(request=request, token=token)), language=request.language,
    )


def send_update(*, request: InfoRequest, kind: str, message: str) -> None:
    with translation.override(request.language):
        subject = _("Your information request %(number)s: %(status)s") % {
            "number": request.tracking_number, "status": request.get_status_display(),
        }
    _send(
        to=[request.email], subject=subject, template="info_requests/emails/update.txt",
        context=_context(request, kind=kind, message=message), language=request.language,
    )


def notify_officers_new(*, request: InfoRequest) -> None:
    with translation.override(source_language()):
        subject = _("New information request %(number)s") % {"number": request.tracking_number}
    _send(to=officer_emails(site=request.site), subject=subject, template="info_requests/emails/officer_new.txt",
          context=_context(request, admin_url=admin_url(request)), language=source_language())


def notify_officers_complaint(*, complaint: Complaint) -> None:
    request = complaint.request
    with translation.override(source_language()):
        subject = _("Complaint about information request %(number)s") % {"number": request.tracking_number}
    _send(to=officer_emails(site=request.site), subject=subject,
          template="info_requests/emails/officer_complaint.txt",
          context=_context(request, complaint=complaint, admin_url=admin_url(request)), language=source_language())


def send_reminder(*, site: Site, due_soon: list[InfoRequest], overdue: list[InfoRequest],
                  complaints: list | None = None, data_requests: list | None = None) -> int:
    to = officer_emails(site=site)
    complaints, data_requests = complaints or [], data_requests or []
    if not to or not (due_soon or overdue or complaints or data_requests):
        return 0
    with translation.override(source_language()):
        subject = _("Information requests — overdue: %(overdue)s, due soon: %(soon)s") % {
            "overdue": len(overdue), "soon": len(due_soon),
        }
    _send(to=to, subject=subject, template="info_requests/emails/reminder.txt",
          context={"commune": CommuneSettings.for_site(site), "due_soon": due_soon, "overdue": overdue,
                   "complaints": complaints, "data_requests": data_requests,
                   "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")},
          language=source_language())
    return len(to)


def admin_url(request: InfoRequest) -> str:
    from django.urls import reverse

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("info_requests:process", args=[request.pk])
