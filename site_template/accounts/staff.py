"""Staff access in one place: who counts as staff, the authenticator app (TOTP) they must set up
before using any staff power, and the decorator every staff-only view outside ``/admin/`` wears.

Three layers, each sharing the functions below:

* ``/admin/`` as a whole: ``middleware.StaffMFARequiredMiddleware`` (staff without TOTP are sent to
  the set-up page; logged-in citizens get the "for commune staff" page).
* Staff-only views elsewhere (page routes such as exports and reports):
  ``@staff_view`` — anonymous visitors are sent to the log-in page, accounts that are not staff
  get 403, staff without TOTP are sent to the set-up page; only then does the view run its own
  role rule (focal point of *this* commune, …). It marks the view ``staff_only = True``:
  ``tests/accounts/test_staff_views.py`` walks every URL pattern and page route and fails on a
  route that is neither marked nor declared as serving no staff data.
* The role predicates themselves (``participation.core.rules.is_focal_point``,
  ``communes.selectors.user_has_role``, ``meetings.rules.can_manage_meeting``) hold staff powers
  back while the TOTP is missing (``staff_powers_active``): a view or a page that forgets the
  decorator still shows no staff data (no hidden items, no export links, no official replies).

With ``settings.MFA_REQUIRED_FOR_STAFF`` off (the demo, the tests by default) only the role rules apply.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

_TOTP_CACHE_ATTR = "_staff_has_totp"


def mfa_required() -> bool:
    return bool(getattr(settings, "MFA_REQUIRED_FOR_STAFF", True))


def user_may_enter_admin(user) -> bool:
    """Staff: ``is_staff``, superusers, and commune roles (each role's group holds
    ``wagtailadmin.access_admin``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def is_staff_account(user) -> bool:
    """May enter the admin, or belongs to a commune's role group (even one without admin access)."""
    if user_may_enter_admin(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.groups.filter(commune_role__isnull=False).exists()


def user_has_totp(user) -> bool:
    """Whether the account has an authenticator app; remembered on the user object (one request)."""
    cached = getattr(user, _TOTP_CACHE_ATTR, None)
    if cached is None:
        from allauth.mfa.models import Authenticator
        from allauth.mfa.utils import is_mfa_enabled

        cached = is_mfa_enabled(user, [Authenticator.Type.TOTP])
        setattr(user, _TOTP_CACHE_ATTR, cached)
    return cached


def staff_powers_active(user) -> bool:
    """Called by the role predicates once they know ``user`` holds a staff role: false while the
    TOTP the site requires of staff is missing."""
    return not mfa_required() or user_has_totp(user)


def mfa_setup_required(user) -> bool:
    """A staff account that must set up its authenticator app before doing anything as staff."""
    return mfa_required() and is_staff_account(user) and not user_has_totp(user)


def mfa_setup_redirect(request: HttpRequest) -> HttpResponse:
    """To allauth's TOTP set-up page, with a message saying why (in the current language)."""
    messages.warning(
        request,
        _(
            "Staff accounts must use two-factor authentication. Set up an authenticator app "
            "to enter the administration."
        ),
    )
    return HttpResponseRedirect(reverse("mfa_activate_totp"))


def staff_check(request: HttpRequest) -> HttpResponse | None:
    """The gate of every staff-only view: ``None`` to go on, else the response that refuses."""
    from django.contrib.auth.views import redirect_to_login

    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_staff_account(user):
        raise PermissionDenied
    if mfa_setup_required(user):
        return mfa_setup_redirect(request)
    return None


def _request_of(args) -> HttpRequest:
    for arg in args[:2]:  # (request, …) for a view, (page, request, …) for a page route
        if isinstance(arg, HttpRequest):
            return arg
    raise TypeError("staff_view: the view takes no request")


def staff_view(view):
    """Decorates a view or a ``RoutablePageMixin`` route (under its ``@path``) that serves staff
    data: ``staff_check`` first, then the view (which still checks its own role rule)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        refused = staff_check(_request_of(args))
        if refused is not None:
            return refused
        return view(*args, **kwargs)

    wrapper.staff_only = True
    return wrapper
