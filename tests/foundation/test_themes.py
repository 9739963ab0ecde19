"""Themes: a commune's theme picks its stylesheet and template overrides; a theme is a folder."""

from __future__ import annotations

import json

import pytest
from django.utils import translation
from wagtail import hooks

from site_template.communes.models import CommuneSettings
from site_template.communes.services import CommuneSpec, commune_generate
from site_template.communes.validation import commune_spec_errors
from themes.registry import all_themes, get_theme, reload_themes, static_dirs, theme_choices, theme_template


@pytest.fixture(autouse=True)
def _foundation_hooks_only(monkeypatch):
    hooks.search_for_hooks()
    monkeypatch.setitem(hooks._hooks, "commune_setup", [])


@pytest.mark.django_db
def test_two_communes_with_different_themes_look_different(client):
    commune_generate(spec=CommuneSpec(slug="larache", name_ar="جماعة العرائش", name_fr="Commune de Larache",
                                      hostname="larache.test", theme="default"))
    commune_generate(spec=CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar El Kébir",
                                      hostname="ksar.test", theme="atlas", province="العرائش"))
    default_html = client.get("/ar/", HTTP_HOST="larache.test").content.decode()
    atlas_html = client.get("/ar/", HTTP_HOST="ksar.test").content.decode()

    assert "themes/default/theme.css" in default_html and "themes/atlas/theme.css" not in default_html
    assert "themes/atlas/theme.css" in atlas_html and "themes/default/theme.css" not in atlas_html
    # The atlas theme overrides the header template.
    assert "site-header--atlas" in atlas_html and "atlas-topline__place" in atlas_html
    assert "site-header--atlas" not in default_html
    # Both keep the shared landmarks and the language switch.
    for html in (default_html, atlas_html):
        assert html.count('class="language-switch"') == 1
        assert 'aria-label="' in html and "<main" in html


@pytest.mark.django_db
def test_the_theme_and_primary_colour_are_site_settings(client):
    site = commune_generate(spec=CommuneSpec(slug="larache", name_ar="جماعة العرائش", name_fr="Commune de Larache",
                                             hostname="larache.test")).site
    commune = CommuneSettings.for_site(site)
    commune.theme = "atlas"
    commune.primary_colour = "#1f3b6e"
    commune.save()
    html = client.get("/fr/", HTTP_HOST="larache.test").content.decode()
    assert "themes/atlas/theme.css" in html
    assert "commune-colours.css?v=1f3b6e" in html
    css = client.get("/commune-colours.css?v=1f3b6e", HTTP_HOST="larache.test").content.decode()
    assert "--color-primary:#1f3b6e" in css


def test_theme_template_prefers_the_theme_override():
    assert "themes/atlas/includes/header.html" in theme_template("atlas", "includes/header.html").origin.name
    assert "themes/default/" not in theme_template("default", "includes/header.html").origin.name
    assert theme_template(None, "includes/footer.html").origin.name.endswith("includes/footer.html")


def test_builtin_themes_have_names_in_both_languages():
    themes = all_themes()
    assert {"default", "atlas"} <= set(themes)
    for theme in themes.values():
        assert theme.names.get("ar") and theme.names.get("fr")
        assert (theme.path / "static" / "theme.css").is_file()
    assert get_theme("missing").slug == "default"


@pytest.fixture
def extra_theme_dir(tmp_path, monkeypatch):
    folder = tmp_path / "sahara"
    (folder / "static").mkdir(parents=True)
    (folder / "theme.json").write_text(
        json.dumps({"name": {"ar": "الصحراء", "fr": "Sahara"}, "description": {"ar": "", "fr": ""}}),
        encoding="utf-8",
    )
    (folder / "static" / "theme.css").write_text(":root { --color-primary: #8a4b00; }\n", encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "theme.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("THEMES_EXTRA_DIRS", str(tmp_path))
    reload_themes()
    yield folder
    monkeypatch.delenv("THEMES_EXTRA_DIRS")
    reload_themes()


@pytest.mark.django_db
def test_a_new_theme_is_just_a_folder(extra_theme_dir):
    themes = all_themes()
    assert "sahara" in themes and "broken" not in themes
    assert {"default", "atlas", "sahara"} <= set(themes)
    assert ("sahara", "الصحراء") in theme_choices() or ("sahara", "Sahara") in theme_choices()
    assert ("themes/sahara", str(extra_theme_dir / "static")) in static_dirs()
    spec = CommuneSpec(slug="tata", name_ar="جماعة طاطا", name_fr="Commune de Tata", hostname="tata.test",
                       theme="sahara")
    assert commune_spec_errors(spec) == []
    with translation.override("fr"):
        errors = commune_spec_errors(CommuneSpec(**{**spec.__dict__, "theme": "x"}))
    assert any("Thème « x » inconnu" in e for e in errors)
