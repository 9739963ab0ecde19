"""Rendering of text typed by citizens.

Citizens write plain text. Everything they type is escaped; web and email addresses are made
clickable (``http``, ``https`` and ``mailto`` only) with ``rel="nofollow ugc noopener"``; the result
passes a strict bleach allow-list (``a`` with ``href``/``rel`` only); and bidirectional control
characters are removed so a contribution cannot flip the direction of the rest of the page. The
container is isolated (``dir="auto"`` + ``unicode-bidi: isolate`` from ``.user-text``) so a French
remark inside an Arabic page (or the reverse) is laid out on its own.

Use in templates::

    {% load participation_tags %}
    {{ contribution.text|safe_text }}      {# block: <div class="user-text" dir="auto">…</div> #}
    {{ contribution.title|safe_inline }}   {# inline: <bdi>…</bdi>, no links #}
    <title>{{ remark.proposal_title|plain_line }}</title>  {# attributes, <title>: no markup possible #}

``safe_text`` returns a ``<div>``: do not put it inside a ``<p>``. Where markup cannot isolate
(an attribute, ``<title>``, a model's ``__str__`` that Wagtail puts in ``aria-label``s), the text
goes through ``clean_plain_line``: the controls are gone, so nothing can reorder what follows.

Where citizen text enters, every form uses the same two field classes, which clean before the
length and required checks::

    title = PlainLineField(max_length=200)     # one line: names, titles, subjects
    text = PlainTextField(widget=forms.Textarea)  # several lines

(ModelForms: ``Meta.field_classes = {"display_name": PlainLineField}``.)
"""

from __future__ import annotations

import re
import unicodedata

import bleach
from bleach.linkifier import Linker
from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset({"a"})
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# Text longer than this is rendered escaped but without looking for links (linkifying a
# megabyte of text would take seconds; forms cap contributions far below this anyway).
MAX_LINKIFY_LENGTH = 50_000

# Explicit directional formatting characters (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI) and
# the implicit marks (LRM, RLM, ALM). Removed: an isolated container does the same job safely.
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# Other characters that have no business in a remark: C0/C1 controls except tab and newline,
# the BOM / zero-width no-break space, line and paragraph separators, interlinear annotations.
_OTHER_CONTROLS = (
    "".join(chr(c) for c in range(0x00, 0x20) if chr(c) not in "\t\n")
    + "".join(chr(c) for c in range(0x7F, 0xA0))
    + "\ufeff\u2028\u2029\ufff9\ufffa\ufffb"
)
_STRIP_TABLE = {ord(ch): None for ch in _BIDI_CONTROLS + _OTHER_CONTROLS}
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# Anything bleach could turn into a link has a scheme/email sign or a dotted Latin host name.
# Text without one (most remarks) skips the (slow, html5lib-based) linkifier: it is escaped only.
_MAYBE_LINK = re.compile(r"[:@]|\w\.[A-Za-z]{2}")


def clean_plain_text(text: str | None) -> str:
    """Normalise text a citizen typed, before it is stored or rendered.

    NFC normalisation, Windows/Mac newlines to ``\\n``, bidi and control characters removed, more
    than one blank line collapsed, outer whitespace trimmed. Forms may call it in ``clean_*``.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_STRIP_TABLE)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def clean_plain_line(text: str | None) -> str:
    """One line of citizen text (a name, a title): ``clean_plain_text`` with every run of
    whitespace, newlines included, made one space. Also the text for attributes and ``<title>``."""
    return " ".join(clean_plain_text(text).split())


class PlainTextField(forms.CharField):
    """A form field for text a citizen writes (several lines): cleaned by ``clean_plain_text``
    before validation, so ``required`` and ``max_length`` judge what will be stored."""

    clean_function = staticmethod(clean_plain_text)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return self.clean_function(value) or self.empty_value


class PlainLineField(PlainTextField):
    """``PlainTextField`` for one line (names, titles, subjects): ``clean_plain_line``."""

    clean_function = staticmethod(clean_plain_line)


def _link_attributes(attrs: dict, new: bool = False) -> dict | None:
    """bleach callback: keep only safe schemes and add our ``rel``."""
    href = attrs.get((None, "href"), "")
    scheme = href.split(":", 1)[0].lower() if ":" in href else ""
    if scheme not in ALLOWED_PROTOCOLS:
        return None  # dropping the attrs dict turns the link back into text
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


_linker = Linker(callbacks=[_link_attributes], skip_tags={"pre", "code"}, parse_email=True)


def _linkified(escaped: str) -> str:
    if len(escaped) > MAX_LINKIFY_LENGTH or not _MAYBE_LINK.search(escaped):
        return escaped
    html = _linker.linkify(escaped)
    # Belt and braces: whatever linkify produced goes through the strict allow-list.
    return bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=False,
    )


def render_safe_text(text: str | None) -> SafeString:
    """Block rendering: escaped, linkified, bidi-isolated ``<div class="user-text" dir="auto">``.

    Newlines are kept (``.user-text`` uses ``white-space: pre-line``).
    """
    cleaned = clean_plain_text(text)
    body = _linkified(str(escape(cleaned)))
    return mark_safe(f'<div class="user-text" dir="auto">{body}</div>')  # noqa: S308 — built from escaped text


def render_safe_inline(text: str | None) -> SafeString:
    """Inline rendering for short text (titles, names): escaped, bidi-isolated ``<bdi>``, no links;
    nothing at all for an empty value."""
    cleaned = clean_plain_line(text)
    if not cleaned:
        return mark_safe("")
    return mark_safe(f"<bdi>{escape(cleaned)}</bdi>")  # noqa: S308 — escaped above
