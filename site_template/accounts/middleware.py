"""The Wagtail admin (``/admin/``) for staff only, with two-factor authentication (TOTP).

``StaffMFARequiredMiddleware`` (after the authentication and messages middleware):

* sends anonymous visitors of any ``/admin/`` page (Wagtail's own ``/admin/login/`` included) to
  the site's log-in page (allauth, which asks staff for their TOTP code — Wagtail's login would
  skip it), with a message saying that staff log in there, then enter the code;
* shows a logged-in account that is not staff the "this area is for commune staff" page (403)
  instead of letting Wagtail send it back to the log-in page, which sends it back to the admin;
* when ``settings.MFA_REQUIRED_FOR_STAFF`` is true (the default, and always in production), sends a
  staff account (``staff.user_may_enter_admin``) that has no authenticator app yet from any
  ``/admin/`` page to the allauth page that activates one, with a message saying why;
* sends Wagtail's front-end password log-in (``wagtailcore_login``, which would also skip the
  TOTP code) to the site's log-in page.

Staff-only views outside ``/admin/`` go through the same checks (``staff.staff_view``).
The demo (dev settings) may set ``MFA_REQUIRED_FOR_STAFF = False`` so demo staff accounts work
with their printed password alone.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .staff import mfa_setup_redirect, user_has_totp, user_may_enter_admin

__all__ = ["StaffMFARequiredMiddleware", "user_has_totp", "user_may_enter_admin"]

ADMIN_PREFIX = "/admin/"
ADMIN_LOGIN = f"{ADMIN_PREFIX}login/"
ADMIN_LOGOUT = f"{ADMIN_PREFIX}logout/"


def _user_language(user) -> str:
    from wagtail.users.models import UserProfile

    try:
        return UserProfile.get_for_user(user).get_preferred_language() or settings.LANGUAGE_CODE
    except Exception:  # noqa: BLE001 — never break the admin over a preference
        return settings.LANGUAGE_CODE


def _to_site_login(request: HttpRequest, next_url: str, *, notice: bool) -> HttpResponse:
    if notice:
        messages.info(
            request,
            _(
                "The administration is for commune staff. Log in here with your staff account; "
                "you will then be asked for the code from your authenticator app."
            ),
        )
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


def _is_frontend_password_login(path: str) -> bool:
    """``/<lang>/_util/login/``: Wagtail's password-only log-in for private pages."""
    parts = path.strip("/").split("/")
    return len(parts) == 3 and parts[1:] == ["_util", "login"] and parts[0] in dict(settings.LANGUAGES)


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith(ADMIN_PREFIX):
            response = self._check_admin(request, path)
            if response is not None:
                return response
        elif _is_frontend_password_login(path):
            next_url = request.GET.get("next") or "/"
            return _to_site_login(request, next_url, notice=False)
        return self.get_response(request)

    def _check_admin(self, request: HttpRequest, path: str) -> HttpResponse | None:
        user = request.user
        if path.startswith(ADMIN_LOGOUT):
            return None
        if not user.is_authenticated:
            if path == ADMIN_LOGIN:
                return _to_site_login(request, request.GET.get("next") or ADMIN_PREFIX, notice=True)
            if request.method in ("GET", "HEAD"):
                return _to_site_login(request, request.get_full_path(), notice=True)
            return None  # Wagtail refuses it
        if not user_may_enter_admin(user):
            return render(request, "accounts/staff_only.html", status=403)
        if path == ADMIN_LOGIN:
            return None  # Wagtail sends logged-in staff on; the check below applies there
        if not getattr(settings, "MFA_REQUIRED_FOR_STAFF", True) or user_has_totp(user):
            return None
        with translation.override(_user_language(user)):
            return mfa_setup_redirect(request)
