"""Who may do what, as small predicates returning a ``Permission`` whose ``reason`` a template
can show (see ``participation_core/includes/permission_notice.html``).

Features add their phase rule on top: a participation page may define
``participation_closed_reason(self, *, action: str) -> str | None`` (action is "contribute",
"comment" or "support"); a non-empty return value (e.g. "closed") refuses the action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from site_template.accounts.staff import staff_powers_active
from site_template.cache_versions import ACCOUNT_STANDING
from site_template.communes.models import CommuneRole
from site_template.communes.roles import Role

from .models import Comment, Contribution, ContributionStatus, UserBlock

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


class ActionRefused(PermissionDenied):
    """A rule refused what a user asked (raised by services through ``require``). ``reason`` is
    the ``Permission``'s reason code ("login", "closed", …); views turn it into a message or a
    403 page, tests read it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def require(permission: Permission) -> None:
    """Raises ``ActionRefused`` when ``permission`` refuses. Every capability's services call it
    on the rule of the action, so a rule is checked in one place whoever calls the service."""
    if not permission:
        raise ActionRefused(permission.reason or FORBIDDEN)


def _deny(reason: str) -> Permission:
    return Permission(False, reason)


@dataclass(frozen=True)
class AccountStanding:
    """What the participation rules need to know of an account beyond the user row itself:
    read from three small tables, kept in the cache under ``ACCOUNT_STANDING`` (bumped when an
    address is verified, a block is set or lifted, a role or a group membership changes), so
    a logged-in page does not query them on every request."""

    verified: bool
    blocks: tuple[tuple[int, datetime], ...]  # (site id, until) of the blocks not lifted
    focal_point_sites: frozenset[int]  # sites where the account is focal point or administrator

    def blocked_on(self, site_id: int | None, *, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return any(until > now and (site_id is None or site == site_id) for site, until in self.blocks)


STANDING_SECONDS = 300


def account_standing(user) -> AccountStanding:
    """The ``AccountStanding`` of a logged-in user (memoised on the user object for the request)."""
    if "_participation_standing" in user.__dict__:
        return user.__dict__["_participation_standing"]
    key = f"account-standing:{ACCOUNT_STANDING.current()}:{user.pk}"
    standing = cache.get(key)
    if standing is None:
        from allauth.account.models import EmailAddress

        standing = AccountStanding(
            verified=EmailAddress.objects.filter(user=user, verified=True).exists(),
            blocks=tuple(
                UserBlock.objects.filter(user=user, lifted_at__isnull=True, until__gt=timezone.now()).values_list(
                    "site_id", "until"
                )
            ),
            focal_point_sites=frozenset(
                CommuneRole.objects.filter(
                    role__in=[Role.FOCAL_POINT, Role.ADMINISTRATOR], group__user=user
                ).values_list("site_id", flat=True)
            ),
        )
        cache.set(key, standing, STANDING_SECONDS)
    user.__dict__["_participation_standing"] = standing
    return standing


def forget_account_standing(user=None) -> None:
    """After a change the signals cannot see (a queryset ``update``): every account's standing
    is read again, and ``user``'s memo for this request is dropped."""
    ACCOUNT_STANDING.bump_now_and_on_commit()
    if user is not None:
        user.__dict__.pop("_participation_standing", None)
        user.__dict__.pop("_participation_account", None)


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
    standing = account_standing(user)
    if not user.is_active or not standing.verified:
        result = _deny(VERIFY_EMAIL)
    elif standing.blocked_on(site_id):
        result = _deny(BLOCKED)
    else:
        result = ALLOWED
    cache[site_id] = result
    return result


def can_act(user, *, site_id: int | None) -> Permission:
    """May ``user``'s account act on the commune site ``site_id`` at all (logged in, verified
    address, not blocked there)? For a capability's own rule, before its phase or window checks."""
    return _account(user, site_id=site_id)


def _phase(page, action: str) -> Permission:
    if page is None:
        return ALLOWED
    hook = getattr(page, "participation_closed_reason", None)
    reason = hook(action=action) if callable(hook) else None
    return _deny(reason) if reason else ALLOWED


def _site_id_of(page) -> int | None:
    from .pages import site_id_of

    return site_id_of(page)


def can_contribute(user, page, *, site_id: int | None = None) -> Permission:
    """May ``user`` post a new contribution on participation ``page`` (the specific page)?"""
    account = _account(user, site_id=site_id if site_id is not None else _site_id_of(page))
    if not account:
        return account
    return _phase(page, "contribute")


def can_create_contribution(author, page, *, entered_by_staff: bool = False) -> Permission:
    """The rule ``services.contribution_create`` checks: a citizen's contribution needs
    ``can_contribute``; what the commune enters itself (staff and paper entries, conversions,
    threads with no author) is the caller's staff rule."""
    if entered_by_staff or author is None:
        return ALLOWED
    return can_contribute(author, page)


EDITABLE_STATUSES = frozenset({ContributionStatus.RECEIVED})
WITHDRAWABLE_STATUSES = frozenset({ContributionStatus.RECEIVED, ContributionStatus.UNDER_STUDY})


def _own(user, contribution: Contribution) -> Permission:
    if not getattr(user, "is_authenticated", False):
        return _deny(LOGIN)
    if contribution.author_id is None or contribution.author_id != user.pk:
        return _deny(FORBIDDEN)
    return ALLOWED


def can_edit_contribution(user, contribution: Contribution) -> Permission:
    """Authors edit their contribution while the commune has not started to study it."""
    own = _own(user, contribution)
    if not own:
        return own
    return ALLOWED if contribution.status in EDITABLE_STATUSES else _deny(TOO_LATE)


def can_withdraw_contribution(user, contribution: Contribution) -> Permission:
    """Authors withdraw their contribution until the commune answers it."""
    own = _own(user, contribution)
    if not own:
        return own
    return ALLOWED if contribution.status in WITHDRAWABLE_STATUSES else _deny(TOO_LATE)


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


def can_rate(user, contribution: Contribution, *, page=None) -> Permission:
    """A verified account rates a visible item (its own included: the commune's projects have no
    citizen author); the page's phase rule may close rating (action "rate")."""
    account = _account(user, site_id=contribution.site_id)
    if not account:
        return account
    if contribution.is_hidden:
        return _deny(CLOSED)
    return _phase(page, "rate")


def can_withdraw_support(user, contribution: Contribution, *, page=None) -> Permission:
    """Withdrawing one's support stays possible after an item is answered or closed, but not once
    its page's participation phase has ended (a closed consultation's counts are final)."""
    if not getattr(user, "is_authenticated", False):
        return _deny(LOGIN)
    return _phase(page, "support")


def can_report(user) -> Permission:
    if not getattr(user, "is_authenticated", False):
        return _deny(LOGIN)
    if not user.is_active or not account_standing(user).verified:
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


def is_focal_point(user, *, site_id: int | None) -> bool:
    """Superusers, and the focal points and administrators of the commune site ``site_id`` (as
    ``communes.selectors.user_has_role``, from the cached ``account_standing``), once they have
    set up the TOTP the site requires of staff (``site_template.accounts.staff``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or site_id is None:
        return False
    if not (user.is_superuser or site_id in account_standing(user).focal_point_sites):
        return False
    return staff_powers_active(user)


def can_moderate(user, *, site) -> bool:
    """The commune's participation focal point (or administrator) moderates its site."""
    return is_focal_point(user, site_id=site.pk)


def can_answer(user, *, site) -> bool:
    """The focal point writes official answers, changes statuses and posts official replies."""
    return is_focal_point(user, site_id=site.pk)
