"""Sign-up: display name, terms, bot check, rate limit, and email verification before log-in."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from site_template.accounts.models import User
from tests.factories import PASSWORD, UserFactory

from .conftest import fresh_started_token

pytestmark = pytest.mark.django_db


def _signup(client, data, lang="ar", **extra):
    return client.post(f"/{lang}/accounts/signup/", data, **extra)


def test_signup_page_renders_the_extra_fields(client, commune_site):
    response = client.get("/ar/accounts/signup/")
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("email", "display_name", "password1", "password2", "accept_terms", "started", "website"):
        assert f'name="{name}"' in html
    assert 'class="field' in html
    assert 'dir="rtl"' in html


def test_signup_creates_an_unverified_user_with_display_name_and_terms(client, commune_site, signup_data):
    signup_data["started"] = fresh_started_token()
    response = _signup(client, signup_data)
    assert response.status_code == 302
    assert response["Location"].endswith("/ar/accounts/confirm-email/")
    user = User.objects.get(email="new.citizen@example.ma")
    assert user.display_name == "Youssef"
    assert user.terms_accepted_at is not None
    assert user.username  # Wagtail needs one
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1


def test_signup_refuses_without_terms(client, commune_site, signup_data):
    signup_data["started"] = fresh_started_token()
    del signup_data["accept_terms"]
    response = _signup(client, signup_data)
    assert response.status_code == 200
    assert not User.objects.filter(email="new.citizen@example.ma").exists()
    assert "accept_terms_error" in response.content.decode()
    # What was typed is kept
    assert 'value="Youssef"' in response.content.decode()


def test_honeypot_pretends_success_but_creates_nothing(client, commune_site, signup_data):
    signup_data["started"] = fresh_started_token()
    signup_data["website"] = "http://spam.example"
    response = _signup(client, signup_data)
    assert response.status_code == 302
    assert not User.objects.filter(email="new.citizen@example.ma").exists()
    assert mail.outbox == []


def test_form_sent_too_quickly_is_refused(client, commune_site, signup_data, settings):
    settings.ACCOUNTS_SIGNUP_MIN_SECONDS = 3
    signup_data["started"] = fresh_started_token(seconds_ago=0.5)
    response = _signup(client, signup_data)
    assert response.status_code == 200
    assert not User.objects.filter(email="new.citizen@example.ma").exists()
    assert "errorlist" in response.content.decode()
    # Sent again with the fresh timestamp the page carries (after the minimum time), it passes.
    signup_data["started"] = fresh_started_token(seconds_ago=5)
    assert _signup(client, signup_data).status_code == 302
    assert User.objects.filter(email="new.citizen@example.ma").exists()


def test_missing_or_forged_timestamp_is_refused(client, commune_site, signup_data):
    signup_data["started"] = "forged"
    response = _signup(client, signup_data)
    assert response.status_code == 200
    assert not User.objects.filter(email="new.citizen@example.ma").exists()


def test_signup_is_rate_limited_per_address_with_a_translated_page(client, commune_site, signup_data):
    for i in range(5):
        data = {**signup_data, "email": f"person{i}@example.ma", "started": fresh_started_token()}
        assert _signup(client, data).status_code == 302
    data = {**signup_data, "email": "person9@example.ma", "started": fresh_started_token()}
    response = _signup(client, data, lang="fr")
    assert response.status_code == 429
    html = response.content.decode()
    assert 'lang="fr"' in html
    assert "Trop de tentatives" in html
    assert not User.objects.filter(email="person9@example.ma").exists()


def test_login_is_refused_until_the_email_is_verified_then_works(client, commune_site, signup_data):
    signup_data["started"] = fresh_started_token()
    _signup(client, signup_data)
    client.logout()
    response = client.post("/ar/accounts/login/", {"login": signup_data["email"], "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].endswith("/ar/accounts/confirm-email/")
    assert "_auth_user_id" not in client.session

    # The link in the email (rendered in Arabic, with an HTML part) confirms the address.
    message = mail.outbox[-1]
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    assert message.subject.startswith("[جماعة العرائش]")
    link = re.search(r"http://testserver(/ar/accounts/confirm-email/[^\s]+/)", message.body).group(1)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(email=signup_data["email"]).verified

    client.logout()
    response = client.post("/ar/accounts/login/", {"login": signup_data["email"], "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(email=signup_data["email"]).pk


def test_email_is_in_the_language_of_the_request(client, commune_site, signup_data):
    signup_data["started"] = fresh_started_token()
    _signup(client, signup_data, lang="fr")
    message = mail.outbox[-1]
    assert "/fr/accounts/confirm-email/" in message.body
    assert "Commune de Larache" in message.subject
    assert 'lang="fr"' in message.alternatives[0][0]


def test_failed_logins_are_limited_with_a_message(client, commune_site):
    UserFactory(email="amina@example.ma")
    for _ in range(5):
        client.post("/ar/accounts/login/", {"login": "amina@example.ma", "password": "wrong-password"})
    response = client.post("/fr/accounts/login/", {"login": "amina@example.ma", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives" in response.content.decode() or "trop" in response.content.decode().lower()


def test_password_reset_sends_a_translated_email(client, commune_site):
    UserFactory(email="amina@example.ma")
    response = client.post("/fr/accounts/password/reset/", {"email": "amina@example.ma"})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert "/fr/accounts/password/reset/key/" in message.body
    assert "text/html" in [m for _, m in message.alternatives]


def test_every_account_email_has_an_html_part(client, commune_site):
    """Emails without an HTML template of their own (here: unknown account) get the text laid out as HTML."""
    response = client.post("/fr/accounts/password/reset/", {"email": "nobody@example.ma"})
    assert response.status_code == 302
    message = mail.outbox[-1]
    html = dict((m, c) for c, m in message.alternatives)["text/html"]
    assert 'lang="fr"' in html and "<p>" in html
    assert "nobody@example.ma" not in message.subject
