"""Who may do what with a meeting. Each predicate returns a core ``Permission`` whose ``reason``
the views turn into a message (log in, verify your email, blocked, not open yet, closed…); the
services check them with ``participation.core.rules.require``."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from participation.core.pages import request_site, site_id_of
from participation.core.rules import ALLOWED, Permission, can_act, is_focal_point
from site_template.accounts.staff import staff_powers_active


def registration_window(meeting, *, now: datetime | None = None) -> Permission:
    """Is the meeting taking registrations right now (whoever asks)?"""
    now = now or timezone.now()
    if not meeting.registration_required:
        return Permission(False, "no_registration")
    if meeting.starts_at <= now:
        return Permission(False, "past")
    if meeting.registration_opens_at and now < meeting.registration_opens_at:
        return Permission(False, "not_open_yet")
    if now >= meeting.registration_closes:
        return Permission(False, "closed")
    return ALLOWED


def can_register(user, meeting, *, now: datetime | None = None) -> Permission:
    """An account that may act on the meeting's commune (``core.rules.can_act``: logged in,
    verified, not blocked there) may register while registration is open. ``meeting`` is the
    logical page."""
    window = registration_window(meeting, now=now)
    if not window:
        return window
    return can_act(user, site_id=site_id_of(meeting))


def can_cancel(user, registration, *, now: datetime | None = None) -> Permission:
    """A registrant may cancel until the meeting starts."""
    now = now or timezone.now()
    if registration is None or registration.user_id != getattr(user, "pk", None):
        return Permission(False, "not_registered")
    if registration.status == "cancelled":
        return Permission(False, "not_registered")
    if registration.meeting.starts_at <= now:
        return Permission(False, "past")
    return ALLOWED


def can_manage_meeting(user, page) -> bool:
    """Staff who can edit the meeting page (Wagtail page permissions) or the focal point of its
    commune (the default site's for a page outside every site); not before they set up the TOTP
    the site requires of staff (``accounts.staff``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if page.permissions_for_user(user).can_edit():
        return staff_powers_active(user)
    site = request_site(None, page)
    return site is not None and is_focal_point(user, site_id=site.pk)
