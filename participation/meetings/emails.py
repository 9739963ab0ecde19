"""Emails to registrants, each with the meeting's iCalendar file attached. Sent through
django_tasks (immediate backend in dev/tests, a worker in production), in the language the
citizen used when registering."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from participation.core.pages import page_site

from .models import Registration

KINDS = ("confirmed", "waitlisted", "promoted", "reminder", "cancelled")


def _subject(kind: str, title: str) -> str:
    subjects = {
        "confirmed": _("Registration confirmed: %(title)s"),
        "waitlisted": _("You are on the waiting list: %(title)s"),
        "promoted": _("A place is free, you are registered: %(title)s"),
        "reminder": _("Reminder, tomorrow: %(title)s"),
        "cancelled": _("Registration cancelled: %(title)s"),
    }
    return subjects[kind] % {"title": title}


def registration_email(*, registration: Registration, kind: str) -> EmailMessage:
    """Builds (does not send) the email for ``kind``; call it with the citizen's language active."""
    from . import ical, selectors

    meeting = registration.meeting
    page = selectors.meeting_in_language(meeting=meeting, language=translation.get_language())
    url = page.get_full_url()
    site = page_site(meeting)
    domain = site.hostname if site else "localhost"
    commune = selectors.commune_name(site=site)
    context = {
        "registration": registration,
        "kind": kind,
        "meeting": meeting,
        "page": page,
        "url": url,
        "commune": commune,
        "online_link": meeting.online_url if meeting.is_online and kind != "cancelled" else "",
        "cancel_url": url + "#registration",
    }
    body = render_to_string("meetings/email/registration.txt", context)
    message = EmailMessage(
        subject=_subject(kind, page.title),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.user.email],
    )
    if kind in ("confirmed", "promoted", "reminder"):
        event = ical.meeting_event(meeting=meeting, page=page, url=url, domain=domain, include_online_link=True)
        message.attach("meeting.ics", ical.calendar_bytes([event]), "text/calendar; charset=utf-8; method=PUBLISH")
    return message


@task()
def send_registration_email(*, registration_id: int, kind: str) -> bool:
    registration = (
        Registration.objects.select_related("meeting", "user").filter(pk=registration_id).first()
    )
    if registration is None or not registration.user.email:
        return False
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        registration_email(registration=registration, kind=kind).send()
    return True
