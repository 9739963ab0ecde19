"""Writes for citizen meetings. Every function is keyword-only and atomic; registrations lock the
meeting row (``select_for_update``; on SQLite the IMMEDIATE transaction mode serialises writers),
so the number of confirmed places never exceeds the capacity, even under concurrent requests.
A refused registration change raises the core ``ActionRefused`` (``.reason``: a rules reason)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from participation.core.events import ParticipationEvent, announce
from participation.core.pages import publish_missing_translations, source_language
from participation.core.rules import require
from participation.notifications.services import follow_target_toggle

from . import rules, selectors
from .models import MeetingPage, MeetingTheme, Registration, RegistrationStatus


def _lock_meeting(meeting: MeetingPage) -> MeetingPage:
    return MeetingPage.objects.select_for_update(of=("self",)).get(pk=meeting.pk)


def _email_on_commit(registration: Registration, kind: str) -> None:
    from .emails import send_registration_email

    registration_id = registration.pk
    transaction.on_commit(lambda: send_registration_email.enqueue(registration_id=registration_id, kind=kind))


def _has_room(meeting: MeetingPage) -> bool:
    if meeting.capacity is None:
        return True
    return meeting.registrations.confirmed().count() < meeting.capacity


@transaction.atomic
def registration_create(
    *, meeting: MeetingPage, user, language: str | None = None, now: datetime | None = None
) -> Registration:
    """Registers ``user`` for the logical ``meeting``: a confirmed place while there is room, else
    the waiting list. Registering again while registered changes nothing (no second email).
    ``language``: of the emails (default: the source language)."""
    now = now or timezone.now()
    meeting = _lock_meeting(meeting)
    require(rules.can_register(user, meeting, now=now))
    registration = Registration.objects.filter(meeting=meeting, user=user).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        return registration
    status = RegistrationStatus.CONFIRMED if _has_room(meeting) else RegistrationStatus.WAITLISTED
    if registration is None:
        registration = Registration(meeting=meeting, user=user)
    registration.status = status
    registration.language = (language or source_language())[:2]
    registration.status_changed_at = now
    registration.promoted_at = None
    registration.reminder_sent_at = None
    registration.save()
    _email_on_commit(registration, status)
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, user, now: datetime | None = None) -> Registration | None:
    """Cancels the citizen's own registration. When it freed a confirmed place, the first person on
    the waiting list is promoted (and emailed). Returns the promoted registration, if any."""
    now = now or timezone.now()
    meeting = _lock_meeting(registration.meeting)
    registration = Registration.objects.select_for_update().select_related("meeting").get(pk=registration.pk)
    require(rules.can_cancel(user, registration, now=now))
    freed_place = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.status_changed_at = now
    registration.save(update_fields=["status", "status_changed_at"])
    _email_on_commit(registration, "cancelled")
    promoted = _promote_from_waitlist(meeting=meeting, now=now) if freed_place else []
    return promoted[0] if promoted else None


def _promote_from_waitlist(*, meeting: MeetingPage, now: datetime) -> list[Registration]:
    """Fills free places from the waiting list, first come first served. Caller holds the lock."""
    promoted: list[Registration] = []
    if meeting.starts_at <= now:
        return promoted
    while _has_room(meeting):
        nxt = meeting.registrations.waitlist_order().select_for_update().first()
        if nxt is None:
            break
        nxt.status = RegistrationStatus.CONFIRMED
        nxt.status_changed_at = now
        nxt.promoted_at = now
        nxt.save(update_fields=["status", "status_changed_at", "promoted_at"])
        _email_on_commit(nxt, "promoted")
        promoted.append(nxt)
    return promoted


@transaction.atomic
def meeting_fill_from_waitlist(*, meeting: MeetingPage, now: datetime | None = None) -> list[Registration]:
    """After staff raise the capacity: promote as many waiting people as the new places allow."""
    now = now or timezone.now()
    return _promote_from_waitlist(meeting=_lock_meeting(meeting), now=now)


def reminders_send(*, now: datetime | None = None) -> int:
    """Sends the reminder to every confirmed registrant of a meeting starting before the end of
    tomorrow (Moroccan time). Each registration is marked inside its own transaction with a
    conditional update, so running the command twice (or twice at once) never sends twice."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    window_end = timezone.make_aware(datetime.combine(tomorrow + timedelta(days=1), time.min))
    ids = list(
        Registration.objects.confirmed()
        .filter(reminder_sent_at__isnull=True, meeting__live=True,
                meeting__starts_at__gt=now, meeting__starts_at__lt=window_end)
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in ids:
        with transaction.atomic():
            marked = Registration.objects.filter(
                pk=pk, reminder_sent_at__isnull=True, status=RegistrationStatus.CONFIRMED
            ).update(reminder_sent_at=now)
            if marked:
                _email_on_commit(Registration(pk=pk), "reminder")
                sent += 1
    return sent


@transaction.atomic
def meeting_report_thread(*, meeting: MeetingPage):
    """The core Contribution (kind "meeting") citizens comment on under the meeting's report.
    Created once per logical meeting, under the meeting row lock."""
    from participation.core.services import contribution_create

    meeting = _lock_meeting(meeting)
    thread = selectors.report_thread(meeting=meeting).first()
    if thread is None:
        thread = contribution_create(page=meeting, author=None, kind=selectors.REPORT_THREAD_KIND,
                                     title=meeting.title[:200], text=meeting.summary or meeting.title,
                                     entered_by_staff=True)
    return thread


def meeting_translations_ensure(*, meeting: MeetingPage) -> list[MeetingPage]:
    """The meeting gets its copy in every other language at once (``core.pages.publish_missing_translations``)."""
    return publish_missing_translations(meeting)


@transaction.atomic
def theme_follow_toggle(*, user, theme: MeetingTheme, language: str | None = None) -> bool:
    """Follows or unfollows the meetings of ``theme`` (a follow kept by the notifications app);
    returns True when now following."""
    return follow_target_toggle(user=user, target=theme, language=language)


@transaction.atomic
def meeting_announce(*, meeting: MeetingPage, now: datetime | None = None) -> int:
    """Tells the followers of the meeting's theme (and of the meeting page) about a new upcoming
    meeting, on the site and by email as each prefers: once ever per meeting, however often it is
    published. Returns how many people were told."""
    now = now or timezone.now()
    meeting = _lock_meeting(meeting)
    if meeting.theme_id is None or meeting.starts_at <= now or not meeting.live:
        return 0
    return announce(
        ParticipationEvent.ANNOUNCED,
        page=meeting,
        actor=None,
        also_followers_of=[meeting.theme],
        sentence=gettext_noop("New citizen meeting: “%(title)s”."),
    )
