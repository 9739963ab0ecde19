"""Reading back the PDFs the site makes, as a reader, a search or a screen reader would.

Two independent text extractors:

- ``pdf_text`` (pypdf): the letters of each run, in logical order, ligatures expanded in the right
  order; a line mixing directions comes out with its runs in visual order. Used for every
  string of one direction (Arabic sentences, French sentences with their digits and parentheses,
  names, URLs).
- ``poppler_text`` (``pdftotext``): lines rebuilt in reading order by poppler's bidi heuristics,
  used to check the order of parentheses around Arabic text. Poppler spreads the letters of a
  ligature glyph (lam-alef "لا", "لى"…) left to right, so in a right-to-left word they come out
  swapped: ``poppler_text`` folds those sequences (read from the PDF's own ToUnicode maps) on
  both sides before comparing; everything else is compared as is.

Both are compared after NFKC normalisation, with runs of whitespace collapsed.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable

import pytest
from pypdf import PdfReader

#: Arabic presentation forms A (U+FB50–U+FDFF) and B (U+FE70–U+FEFF): glyph shapes, not letters.
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[^\S\n]+")
_ARABIC = re.compile("[\u0600-\u06ff]")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", _BIDI_CONTROLS.sub("", text))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())


def raw_text(data: bytes) -> str:
    """pypdf's text of every page, not normalised (to look for presentation forms)."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_text(data: bytes) -> str:
    return _clean(raw_text(data))


def pdf_lines(data: bytes) -> list[str]:
    return [line for line in pdf_text(data).splitlines() if line]


def _rtl_ligatures(data: bytes) -> set[str]:
    """The multi-letter Arabic strings a single glyph stands for, from the fonts' ToUnicode maps."""
    found = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            cmap = font.get_object().get("/ToUnicode")
            if cmap is None:
                continue
            for hexed in re.findall(rb"<[0-9a-fA-F]+>\s*<([0-9a-fA-F]{8,})>", cmap.get_object().get_data()):
                text = bytes.fromhex(hexed.decode()).decode("utf-16-be")
                if len(text) > 1 and _ARABIC.match(text):
                    found.add(text)
    return found


def _pdftotext() -> str:
    path = shutil.which("pdftotext")
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdftotext (poppler-utils) is missing under CI: `make pdf` must install it.")
        pytest.skip("pdftotext is not installed (run `make pdf`)")
    return path


def poppler_text(data: bytes) -> tuple[str, Callable[[str], str]]:
    """``pdftotext``'s text, normalised, and the ligature fold to apply to the expected strings."""
    out = subprocess.run([_pdftotext(), "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    # A fixed order (longest first), not the set's: string hashes change from one process to the
    # next. Every ligature as written is folded first, then the reversed ones poppler may print:
    # so "الأول" folds its lam-alef (لأ) on both sides, never "ال" on one and "أل" on the other.
    ligatures = sorted(_rtl_ligatures(data), key=lambda text: (-len(text), text))

    def fold(text: str) -> str:
        for i, ligature in enumerate(ligatures):
            text = text.replace(ligature, f"\x00{i}\x00")
        for i, ligature in enumerate(ligatures):
            text = text.replace(ligature[::-1], f"\x00{i}\x00")
        return text

    return fold(_clean(out.stdout.decode())), fold


def assert_letters_not_glyph_forms(data: bytes) -> None:
    raw = raw_text(data)
    assert _ARABIC.search(raw), "no Arabic letter in the PDF's text"
    forms = sorted({f"U+{ord(c):04X}" for c in PRESENTATION_FORMS.findall(raw)})
    assert not forms, f"Arabic presentation forms in the PDF's text: {forms[:10]}"
    assert not PRESENTATION_FORMS.search(subprocess.run(
        [_pdftotext(), "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True).stdout.decode())


def assert_contains(data: bytes, *strings: str) -> None:
    """Each string (of one direction) is in the PDF's text, as typed (a wrapped line reads on)."""
    text = " ".join(pdf_lines(data))
    for expected in strings:
        assert _clean(expected) in text, f"{expected!r} not in the PDF's text:\n{text}"


def assert_reading_order(data: bytes, *strings: str) -> None:
    """Each string (Arabic with parentheses and punctuation) reads in order in ``pdftotext``:
    every character in its place; spaces are left out of the comparison (poppler puts the space
    on either side of a neutral character between two runs)."""
    text, fold = poppler_text(data)
    squeezed = re.sub(r"\s+", "", text)
    for expected in strings:
        assert re.sub(r"\s+", "", fold(_clean(expected))) in squeezed, f"{expected!r} not read in order:\n{text}"


def assert_url_line(data: bytes, url: str) -> None:
    """The URL is a line of its own, from its scheme to its final slash (not "/http://…")."""
    assert url in pdf_lines(data), f"{url!r} is not a line of the PDF:\n{pdf_text(data)}"
    text, _ = poppler_text(data)
    assert url in text.splitlines()
