"""Translations: catalogues complete in both languages, no drift from the code, Moroccan months."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.dateformat import format as date_format

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po"))


def test_both_languages_have_a_catalogue():
    assert {p.parts[-3] for p in CATALOGUES} == {"ar", "fr"}


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_catalogue_complete(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"untranslated in {po_path}: {untranslated[:20]}"
    assert fuzzy == [], f"fuzzy in {po_path}: {fuzzy[:20]}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="!!! GNU gettext missing: drift check SKIPPED")
def test_no_string_missing_from_catalogues(tmp_path):
    """Every translatable string in the code is in the catalogues (makemessages adds nothing)."""
    work = tmp_path / "repo"
    shutil.copytree(
        ROOT,
        work,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "__pycache__", "*.mo", "reports"),
    )
    before = {p.parts[-3]: {(e.msgctxt, e.msgid) for e in polib.pofile(str(p))} for p in CATALOGUES}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ar", "-l", "fr",
         "--ignore=tests/*", "--ignore=tools/*", "--ignore=benchmarks/*", "--ignore=node_modules/*"],
        cwd=work, check=True, capture_output=True,
    )
    for lang, entries in before.items():
        after = {(e.msgctxt, e.msgid) for e in polib.pofile(str(work / "locale" / lang / "LC_MESSAGES" / "django.po"))
                 if not e.obsolete}
        assert after - entries == set(), f"{lang}: strings not in the catalogue: {sorted(after - entries)[:20]}"


@pytest.mark.parametrize(
    ("month", "expected"),
    [(1, "يناير"), (5, "ماي"), (7, "يوليوز"), (8, "غشت"), (9, "شتنبر"), (11, "نونبر"), (12, "دجنبر")],
)
def test_moroccan_month_names(month, expected):
    import datetime

    with translation.override("ar"):
        assert date_format(datetime.date(2023, month, 12), "j F Y") == f"12 {expected} 2023"


def test_french_dates():
    import datetime

    with translation.override("fr"):
        assert date_format(datetime.date(2023, 6, 12), "j F Y") == "12 juin 2023"
