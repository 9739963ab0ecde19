"""Who may do what, as small predicates returning a ``Permission`` whose ``reason`` a template
can show (see ``participation_core/includes/permission_notice.html``).

Features add their phase rule on top: a participation page may define
``participation_closed_reason(self, *, action: str) -> str | None`` (action is "contribute",
"comment" or "support"); a non-empty return value (e.g. "closed") refuses the action.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from site_template.accounts.selectors import user_is_verified
from site_template.communes.roles import Role
from site_template.communes.selectors import user_has_role

from .models import Comment, Contribution, UserBlock

LOGIN = "login"
VERIFY_EMAIL = "verify_email"
BLOCKED = "blocked"
CLOSED = "closed"
HIDDEN = "hidden"
OWN = "own"
FORBIDDEN = "forbidden"
TOO_LATE = "too_late"


@dataclass(frozen=True)
class Permission:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Permission(True)


def _deny(reason: str) -> Permission:
    return Permission(False, reason)


def user_is_blocked(*, user, site_id: int | None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    qs = UserBlock.objects.active().filter(user=user)
    if site_id is not None:
        qs = qs.filter(site_id=site_id)
    return qs.exists()


def _account(user, *, site_id: int | None) -> Permission:
    """The account checks every citizen action shares: logged in, verified, not blocked.
    The result is memoised on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return _deny(LOGIN)
    cache = user.__dict__.setdefault("_participation_account", {})
    if site_id in cache:
        return cache[site_id]
    if not user_is_verified(user=user):
        result = _deny(VERIFY_EMAIL)
    elif user_is_blocked(user=user, site_id=site_id):
        result = _deny(BLOCKED)
    else:
        result = ALLOWED
    cache[site_id] = result
    return result


def _phase(page, action: str) -> Permission:
    if page is None:
        return ALLOWED
    hook = getattr(page, "participation_closed_reason", None)
    reason = hook(action=action) if callable(hook) else None
    return _deny(reason) if reason else ALLOWED


def _site_id_of(page) -> int | None:
    site = page.get_site() if page is not None else None
    return site.pk if site else None


def can_contribute(user, page, *, site_id: int | None = None) -> Permission:
    """May ``user`` post a new contribution on participation ``page`` (the specific page)?"""
    account = _account(user, site_id=site_id if site_id is not None else _site_id_of(page))
    if not account:
        return account
    return _phase(page, "contribute")


def can_comment(user, contribution: Contribution, *, page=None) -> Permission:
    account = _account(user, site_id=contribution.site_id)
    if not account:
        return account
    if contribution.is_hidden or contribution.status == "withdrawn":
        return _deny(HIDDEN)
    return _phase(page, "comment")


def can_support(user, contribution: Contribution, *, page=None) -> Permission:
    account = _account(user, site_id=contribution.site_id)
    if not account:
        return account
    if contribution.author_id is not None and contribution.author_id == user.pk:
        return _deny(OWN)
    if contribution.is_hidden or not contribution.is_open:
        return _deny(CLOSED)
    return _phase(page, "support")


def can_withdraw_support(user, contribution: Contribution, *, page=None) -> Permission:
    """Withdrawing one's support stays possible after an item is answered or closed, but not once
    its page's participation phase has ended (a closed consultation's counts are final)."""
    if not getattr(user, "is_authenticated", False):
        return _deny(LOGIN)
    return _phase(page, "support")


def can_report(user) -> Permission:
    if not getattr(user, "is_authenticated", False):
        return _deny(LOGIN)
    if not user_is_verified(user=user):
        return _deny(VERIFY_EMAIL)
    return ALLOWED


def comment_edit_window():
    return getattr(settings, "COMMENT_EDIT_WINDOW", timezone.timedelta(minutes=15))


def can_edit_comment(user, comment: Comment, *, now=None) -> Permission:
    if not getattr(user, "is_authenticated", False):
        return _deny(LOGIN)
    if comment.author_id != user.pk or comment.is_deleted:
        return _deny(FORBIDDEN)
    if comment.is_hidden:
        return _deny(HIDDEN)
    if (now or timezone.now()) - comment.created_at > comment_edit_window():
        return _deny(TOO_LATE)
    if user_is_blocked(user=user, site_id=comment.contribution.site_id):
        return _deny(BLOCKED)
    return ALLOWED


def can_delete_comment(user, comment: Comment) -> Permission:
    if not getattr(user, "is_authenticated", False):
        return _deny(LOGIN)
    if comment.is_deleted or comment.author_id != user.pk:
        return _deny(FORBIDDEN)
    return ALLOWED


def can_moderate(user, *, site) -> bool:
    """The commune's participation focal point (or administrator) moderates its site."""
    return user_has_role(user=user, site=site, role=Role.FOCAL_POINT)


def can_answer(user, *, site) -> bool:
    """The focal point writes official answers, changes statuses and posts official replies."""
    return user_has_role(user=user, site=site, role=Role.FOCAL_POINT)
