"""Who may do what with a meeting. Each predicate returns a ``Permission`` whose ``reason`` the
template turns into a message (log in, verify your email, not open yet, closed…)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from wagtail.models import Site

from site_template.accounts.selectors import user_is_verified
from site_template.accounts.staff import staff_powers_active
from site_template.communes.roles import Role
from site_template.communes.selectors import user_has_role


@dataclass(frozen=True)
class Permission:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Permission(True)


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
    """A verified account may register while registration is open. ``meeting`` is the logical page."""
    window = registration_window(meeting, now=now)
    if not window:
        return window
    if not getattr(user, "is_authenticated", False):
        return Permission(False, "login")
    if not user_is_verified(user=user):
        return Permission(False, "verify_email")
    return ALLOWED


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
    """Staff who can edit the meeting page (Wagtail page permissions) or the commune's focal point;
    not before they set up the TOTP the site requires of staff (``accounts.staff``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if page.permissions_for_user(user).can_edit():
        return staff_powers_active(user)
    site = page.get_site() or Site.objects.filter(is_default_site=True).first()
    return site is not None and user_has_role(user=user, site=site, role=Role.FOCAL_POINT)
