"""Discovers themes from the folders in ``themes/``; see the package docstring."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

DEFAULT_THEME = "default"
THEMES_DIR = Path(__file__).resolve().parent


def theme_folders() -> list[Path]:
    """The folders scanned for themes: this package's folder, then each folder listed in the
    environment variable ``THEMES_EXTRA_DIRS`` (separated by ``os.pathsep``), so a deployment can
    keep its own themes outside the code. Later folders override earlier ones with the same slug."""
    extra = [Path(p) for p in os.environ.get("THEMES_EXTRA_DIRS", "").split(os.pathsep) if p.strip()]
    return [THEMES_DIR, *extra]


def _theme_subdirs(name: str) -> list[Path]:
    found: dict[str, Path] = {}
    for folder in theme_folders():
        for path in sorted(folder.glob(f"*/{name}")):
            if (path.parent / "theme.json").exists():
                found[path.parent.name] = path
    return [found[slug] for slug in sorted(found)]


@dataclass(frozen=True)
class Theme:
    slug: str
    names: dict[str, str]
    description: dict[str, str]
    path: Path

    @property
    def name(self) -> str:
        lang = (get_language() or "ar")[:2]
        return self.names.get(lang) or self.names.get("ar") or self.slug

    @property
    def stylesheet(self) -> str:
        return f"themes/{self.slug}/theme.css"


@cache
def all_themes() -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for manifest in _theme_subdirs("theme.json"):
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a broken manifest must not take the site down; the theme is just not offered
        slug = manifest.parent.name
        themes[slug] = Theme(
            slug=slug,
            names=data.get("name", {}),
            description=data.get("description", {}),
            path=manifest.parent,
        )
    return themes


def reload_themes() -> None:
    """Forget the discovered themes (after adding a folder at run time, or in tests)."""
    all_themes.cache_clear()


def get_theme(slug: str | None) -> Theme:
    themes = all_themes()
    return themes.get(slug or DEFAULT_THEME) or themes[DEFAULT_THEME]


def theme_choices() -> list[tuple[str, str]]:
    return [(slug, theme.name) for slug, theme in all_themes().items()]


def static_dirs() -> list[tuple[str, str]]:
    """``STATICFILES_DIRS`` entries: each theme's ``static/`` served under ``themes/<slug>/``."""
    return [(f"themes/{path.parent.name}", str(path)) for path in _theme_subdirs("static")]


def template_dirs() -> list[Path]:
    return _theme_subdirs("templates")


def theme_template(theme_slug: str | None, name: str):
    """The theme's override of ``name`` if it has one, else the project's template."""
    from django.template.loader import select_template

    return select_template([f"themes/{theme_slug or DEFAULT_THEME}/{name}", name])
