"""The way into the admin: the log-in notice for staff arriving from /admin/, the "for commune
staff" page for citizens (instead of a redirect loop), and admin pages that load nothing from
outside hosts (no Gravatar)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

STAFF_ONLY_TITLE = {"ar": "هذا الفضاء مخصص لموظفي الجماعة", "fr": "Cet espace est réservé au personnel de la commune"}
LOGIN_NOTICE = {
    "ar": "الإدارة مخصصة لموظفي الجماعة",
    "fr": "L’administration est réservée au personnel de la commune",
}


# --- citizens: a clear page, no loop ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/", "/admin/users/1/"])
def test_logged_in_citizen_gets_the_staff_only_page(client, commune_site, citizen, lang, path):
    client.force_login(citizen)
    client.cookies["django_language"] = lang
    response = client.get(path)
    assert response.status_code == 403
    assert "Location" not in response
    html = response.content.decode()
    assert STAFF_ONLY_TITLE[lang] in html
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
    assert 'class="skip-link"' in html  # the site's base template
    assert f'href="/{lang}/"' in html  # back to the home page


def test_staff_still_enter_the_admin(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/admin/").status_code == 200


# --- anonymous visitors: sent to the site's log-in with a notice ------------------------------


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_admin_login_sends_to_the_site_login_with_a_notice(client, commune_site, lang):
    client.cookies["django_language"] = lang
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/accounts/login/?next=%2Fadmin%2Fpages%2F"
    html = client.get(response["Location"]).content.decode()
    assert LOGIN_NOTICE[lang] in html


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_any_admin_page_sends_to_the_site_login_with_a_notice(client, commune_site, lang):
    client.cookies["django_language"] = lang
    response = client.get("/admin/pages/?q=x")
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/accounts/login/?next=%2Fadmin%2Fpages%2F%3Fq%3Dx"
    assert LOGIN_NOTICE[lang] in client.get(response["Location"]).content.decode()


def test_the_notice_is_not_shown_on_an_ordinary_login(client, commune_site):
    html = client.get("/fr/accounts/login/").content.decode()
    assert LOGIN_NOTICE["fr"] not in html


# --- no outside avatars (Gravatar) or other outside resources in the admin --------------------


class _Resources(HTMLParser):
    """Addresses the browser loads by itself: src/srcset/poster/data, stylesheets and icons."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "poster", "data"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if attrs.get("srcset"):
            self.urls += [part.strip().split(" ")[0] for part in attrs["srcset"].split(",")]
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])


def _outside(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url.strip(), re.IGNORECASE)) and not re.match(
        r"^(?:https?:)?//testserver(?:[:/]|$)", url.strip()
    )


def _admin_urls_without_arguments() -> list[str]:
    urls = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and not re.search(r"[<(\\^$]", route) and route.endswith("/"):
                urls.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return sorted(u for u in set(urls) if u.startswith("/admin/") and not any(w in u for w in ("logout", "failwhale")))


def test_admin_pages_load_nothing_from_outside(client, commune_site, staff_user, django_user_model):
    root = django_user_model.objects.create_superuser(email="root@example.ma", password="a-long-pass-2026")
    client.force_login(root)
    home = commune_site.root_page_id
    urls = [
        *_admin_urls_without_arguments(),
        f"/admin/pages/{home}/",
        f"/admin/pages/{home}/edit/",
        f"/admin/users/edit/{staff_user.pk}/",
    ]
    checked = 0
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        html = response.content.decode()
        assert "gravatar" not in html.lower(), url
        parser = _Resources()
        parser.feed(html)
        assert [u for u in parser.urls if _outside(u)] == [], url
        avatars = re.findall(r'"(?:avatarUrl|avatar_url)":\s*"([^"]*)"', html)
        assert [a for a in avatars if _outside(a.replace("\\/", "/"))] == [], url
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html), url
    assert checked >= 20  # the dashboard, page explorer and editor, users, snippets, settings, reports…


def test_avatar_is_the_admin_default_image(client, staff_user):
    client.force_login(staff_user)
    html = client.get("/admin/account/").content.decode()
    avatar = re.search(r'class="avatar[^"]*"[^>]*>\s*<img src="([^"]+)"', html)
    assert avatar and avatar.group(1).startswith("/static/wagtailadmin/images/default-user-avatar"), html[:0]

