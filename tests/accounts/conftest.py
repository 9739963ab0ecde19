"""Fixtures for the accounts tests: staff, a sign-up helper and a real log-in (users come from
``tests.factories``; ``citizen`` is in tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def staff_user(commune_site):
    from django.contrib.auth.models import Permission

    user = UserFactory(staff=True, email="staff@example.ma", display_name="Staff")
    user.user_permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    return user


@pytest.fixture
def signup_data():
    return {
        "email": "new.citizen@example.ma",
        "display_name": "Youssef",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accept_terms": "on",
        "website": "",
    }


def fresh_started_token(seconds_ago: float = 10.0) -> str:
    """A bot-check timestamp as if the form had been shown ``seconds_ago``."""
    import time

    from django.core import signing

    from site_template.accounts.forms import BOT_CHECK_SALT

    return signing.dumps(time.time() - seconds_ago, salt=BOT_CHECK_SALT)


def login(client, user, password: str = PASSWORD, lang: str = "ar") -> None:
    """A real log-in through allauth (records the authentication time, unlike force_login,
    so pages that ask for a recent authentication open directly)."""
    response = client.post(f"/{lang}/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, response.content[:500]
    assert int(client.session["_auth_user_id"]) == user.pk


def reauthenticate(client, password: str = PASSWORD, lang: str = "ar") -> None:
    """allauth asks for the password again before sensitive changes (e.g. activating TOTP)."""
    response = client.post(f"/{lang}/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content[:500]
