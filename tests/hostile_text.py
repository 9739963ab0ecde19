"""Hostile citizen text shared by the bidi tests of every feature."""

import re

#: The explicit embeddings, overrides and isolates (U+202A–202E, U+2066–2069).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: A name that, left unclosed, reverses what follows it ("txt.exe" shown as "exe.txt").
RLO_NAME = "\u202etxt.exe"


def assert_no_bidi_controls(html: str) -> None:
    found = sorted({f"U+{ord(ch):04X}" for ch in html if ch in BIDI_CONTROLS})
    assert not found, f"raw bidi controls in the page: {found}"


def page_title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)
