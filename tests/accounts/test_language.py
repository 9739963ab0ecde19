"""The language stays the one the visitor chose through every account flow (issue 18, item 6):
sign-up, email confirmation, log-in, log-out and password reset, in French and in Arabic.

Each flow runs with a browser that prefers the *other* language (``Accept-Language``): a
redirect to ``/`` would then land in the wrong language, as signing up in French used to land
on ``/ar/``."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from site_template.accounts.models import User
from tests.factories import PASSWORD, UserFactory

from .conftest import fresh_started_token

pytestmark = pytest.mark.django_db

OTHER = {"fr": "ar", "ar": "fr"}
NEW_PASSWORD = "Une-autre-phrase-2026"  # noqa: S105 — test password


@pytest.fixture(params=["fr", "ar"])
def lang(request, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = OTHER[request.param]
    return request.param


def _final(client, response):
    """Follows the redirects of ``response`` and returns (last path, last response)."""
    path = response["Location"]
    for _ in range(5):
        page = client.get(path)
        if page.status_code not in (301, 302):
            return path, page
        path = page["Location"]
    raise AssertionError("too many redirects")


def _html_lang(response) -> str:
    return re.search(r'<html lang="(\w+)"', response.content.decode()).group(1)


def test_sign_up_and_confirmation_keep_the_language(client, commune_site, lang, signup_data):
    signup_data["started"] = fresh_started_token()
    response = client.post(f"/{lang}/accounts/signup/", signup_data)
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/accounts/confirm-email/"

    message = mail.outbox[-1]
    link = re.search(r"http://testserver(/\w\w/accounts/confirm-email/[^\s]+/)", message.body).group(1)
    assert link.startswith(f"/{lang}/")
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email=signup_data["email"]).verified
    assert int(client.session["_auth_user_id"]) == User.objects.get(email=signup_data["email"]).pk
    path, page = _final(client, response)
    assert path == f"/{lang}/"
    assert _html_lang(page) == lang


def test_confirmation_from_another_browser_keeps_the_language(client, commune_site, lang, signup_data):
    """The link opened elsewhere (not logged in afterwards) leads to the log-in page, same language."""
    signup_data["started"] = fresh_started_token()
    client.post(f"/{lang}/accounts/signup/", signup_data)
    client.logout()
    link = re.search(r"http://testserver(/\w\w/accounts/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email=signup_data["email"]).verified
    path, page = _final(client, response)
    assert path.startswith(f"/{lang}/")
    assert _html_lang(page) == lang


def test_log_in_and_log_out_keep_the_language(client, commune_site, lang):
    user = UserFactory(email="amina@example.ma", display_name="Amina")
    response = client.post(f"/{lang}/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    path, page = _final(client, response)
    assert path == f"/{lang}/"
    assert _html_lang(page) == lang

    response = client.post(f"/{lang}/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    path, page = _final(client, response)
    assert path == f"/{lang}/"
    assert _html_lang(page) == lang


def test_log_in_still_honours_next(client, commune_site, lang):
    user = UserFactory(email="amina@example.ma", display_name="Amina")
    response = client.post(
        f"/{lang}/accounts/login/", {"login": user.email, "password": PASSWORD, "next": f"/{lang}/accounts/profile/"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/accounts/profile/"


def test_password_reset_keeps_the_language(client, commune_site, lang):
    user = UserFactory(email="amina@example.ma", display_name="Amina")
    response = client.post(f"/{lang}/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/accounts/password/reset/done/"

    message = mail.outbox[-1]
    link = re.search(r"http://testserver(/\w\w/accounts/password/reset/key/[^\s]+/)", message.body).group(1)
    assert link.startswith(f"/{lang}/")
    response = client.get(link)
    assert response.status_code == 302
    form_url = response["Location"]
    assert form_url.startswith(f"/{lang}/accounts/password/reset/key/")
    form_page = client.get(form_url)
    assert form_page.status_code == 200 and _html_lang(form_page) == lang
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    path, page = _final(client, response)
    assert path.startswith(f"/{lang}/")
    assert _html_lang(page) == lang
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    # The new password logs in, in the same language.
    response = client.post(f"/{lang}/accounts/login/", {"login": user.email, "password": NEW_PASSWORD})
    path, _page = _final(client, response)
    assert path == f"/{lang}/"


def test_account_emails_are_written_in_the_language_of_the_flow(client, commune_site, lang, signup_data):
    signup_data["started"] = fresh_started_token()
    client.post(f"/{lang}/accounts/signup/", signup_data)
    expected_name = {"fr": "Commune de Larache", "ar": "جماعة العرائش"}[lang]
    assert mail.outbox[-1].subject.startswith(f"[{expected_name}]")
