"""Two-factor authentication (TOTP) required for staff in the Wagtail admin.

``StaffMFARequiredMiddleware`` (after the authentication and messages middleware):

* sends every request to Wagtail's own login page (``/admin/login/``) to the site's login
  (allauth), which asks staff for their TOTP code — Wagtail's login would skip it;
* when ``settings.MFA_REQUIRED_FOR_STAFF`` is true (the default, and always in production), a
  user who may enter the admin (``is_staff``, superuser, or the ``wagtailadmin.access_admin``
  permission through a commune role) and has no authenticator app yet is redirected from any
  ``/admin/`` page to the allauth page that activates one, with a message saying why.

The demo (dev settings) may set ``MFA_REQUIRED_FOR_STAFF = False`` so demo staff accounts work
with their printed password alone; the generator should print that clearly.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

ADMIN_PREFIX = "/admin/"


def user_may_enter_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def user_has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def _user_language(user) -> str:
    from wagtail.users.models import UserProfile

    try:
        return UserProfile.get_for_user(user).get_preferred_language() or settings.LANGUAGE_CODE
    except Exception:  # noqa: BLE001 — never break the admin over a preference
        return settings.LANGUAGE_CODE


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith(ADMIN_PREFIX):
            response = self._check_admin(request, path)
            if response is not None:
                return response
        return self.get_response(request)

    def _check_admin(self, request: HttpRequest, path: str) -> HttpResponse | None:
        user = request.user
        if path == f"{ADMIN_PREFIX}login/":
            if user.is_authenticated:
                return None  # Wagtail sends logged-in users on; the checks below apply there
            next_url = request.GET.get("next") or ADMIN_PREFIX
            return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
        if not getattr(settings, "MFA_REQUIRED_FOR_STAFF", True):
            return None
        if path.startswith(f"{ADMIN_PREFIX}logout/") or not user_may_enter_admin(user):
            return None
        if user_has_totp(user):
            return None
        with translation.override(_user_language(user)):
            messages.warning(
                request,
                _(
                    "Staff accounts must use two-factor authentication. Set up an authenticator app "
                    "to enter the administration."
                ),
            )
            url = reverse("mfa_activate_totp")
        return HttpResponseRedirect(url)
