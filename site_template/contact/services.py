"""Writes for the contact form: store the submission, e-mail the commune (through a task), and a
light per-IP rate limit (cache based)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

DEFAULT_RATE_LIMIT = 5  # messages
DEFAULT_RATE_WINDOW = 600  # seconds


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def contact_rate_limited(*, request) -> bool:
    """Counts this POST for the client's IP; True once it exceeds the limit within the window."""
    limit = int(getattr(settings, "CONTACT_RATE_LIMIT", DEFAULT_RATE_LIMIT))
    window = int(getattr(settings, "CONTACT_RATE_WINDOW", DEFAULT_RATE_WINDOW))
    key = f"contact:rate:{_client_ip(request)}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


@task()
def contact_email_send(*, subject: str, body: str, recipients: list[str], reply_to: str = "") -> None:
    from django.core.mail import EmailMessage

    if reply_to:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, reply_to=[reply_to]).send()
    else:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def _recipients(page) -> list[str]:
    from site_template.communes.models import CommuneSettings

    addresses = [a.strip() for a in (page.to_address or "").split(",") if a.strip()]
    if not addresses:
        site = page.get_site()
        email = CommuneSettings.for_site(site).email if site else ""
        addresses = [email] if email else []
    return addresses


def contact_email_enqueue(*, page, form) -> None:
    recipients = _recipients(page)
    if not recipients:
        return
    body = page.render_email(form)
    subject = page.subject or page.title
    user_subject = form.cleaned_data.get("subject")
    if user_subject:
        subject = f"{subject} — {user_subject}"
    reply_to = form.cleaned_data.get("email") or ""
    transaction.on_commit(
        lambda: contact_email_send.enqueue(subject=subject, body=body, recipients=recipients, reply_to=reply_to)
    )


@transaction.atomic
def contact_submission_create(*, page, form):
    """Stores the submission and queues the e-mail to the commune."""
    submission = page.get_submission_class().objects.create(
        form_data=form.cleaned_data,
        page=page,
    )
    contact_email_enqueue(page=page, form=form)
    return submission
