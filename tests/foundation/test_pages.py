import pytest


@pytest.mark.django_db
def test_root_redirects_to_arabic_by_default(client, commune_site):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


@pytest.mark.django_db
def test_root_redirects_to_french_when_browser_prefers_it(client, commune_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response["Location"] == "/fr/"


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "lang", "direction", "name"), [
    ("/ar/", "ar", "rtl", "جماعة العرائش"),
    ("/fr/", "fr", "ltr", "Commune de Larache"),
])
def test_home_page_language_and_direction(client, commune_site, path, lang, direction, name):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert name in html


@pytest.mark.django_db
def test_language_switch_points_to_same_page_in_other_language(client, commune_site):
    html = client.get("/ar/").content.decode()
    assert 'href="/fr/" lang="fr" hreflang="fr"' in html
    html = client.get("/fr/").content.decode()
    assert 'href="/ar/" lang="ar" hreflang="ar"' in html


@pytest.mark.django_db
def test_public_pages_send_a_content_security_policy(client, commune_site):
    response = client.get("/ar/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
