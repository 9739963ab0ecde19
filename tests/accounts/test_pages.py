"""Every allauth page a citizen sees is drawn inside the site's layout, in Arabic and French,
with the shared form classes, valid HTML, and no inline style (CSP)."""

from __future__ import annotations

import html5lib
import pytest

from tests.factories import UserFactory

from .conftest import login, reauthenticate

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
    "accounts/password/reset/done/",
    "accounts/confirm-email/",
]
LOGGED_IN_PAGES = [
    "accounts/profile/",
    "accounts/my-data/",
    "accounts/email/",
    "accounts/password/change/",
    "accounts/logout/",
    "accounts/2fa/",
    "accounts/reauthenticate/",
    "accounts/2fa/totp/activate/",
]


def _check(html: str, lang: str) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(html)
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
    assert 'class="site-header"' in html  # our base.html, not allauth's bare layout
    assert " style=" not in html
    assert "<script>" not in html


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_anonymous_pages(client, commune_site, lang):
    for path in ANONYMOUS_PAGES:
        response = client.get(f"/{lang}/{path}")
        assert response.status_code == 200, path
        _check(response.content.decode(), lang)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_logged_in_pages(client, commune_site, lang):
    user = UserFactory(email="amina@example.ma")
    login(client, user, lang=lang)
    reauthenticate(client, lang=lang)
    for path in LOGGED_IN_PAGES:
        response = client.get(f"/{lang}/{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        _check(html, lang)
        if "reauthenticate" not in path:  # an entrance page (password asked again)
            assert 'class="account-nav"' in html, path


def test_login_page_is_translated(client, commune_site):
    fr = client.get("/fr/accounts/login/").content.decode()
    ar = client.get("/ar/accounts/login/").content.decode()
    assert "Mot de passe" in fr
    assert "كلمة المرور" in ar
    assert 'class="field' in fr and 'class="button' in fr
