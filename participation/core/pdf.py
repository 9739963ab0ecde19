"""Printable documents (receipts, letters, reports) rendered from HTML templates to PDF.

One function, ``render_pdf(template_name, context, *, language=None) -> bytes``: the template
extends ``participation_core/pdf/base.html`` and is rendered in the current (or the given)
language, then laid out by WeasyPrint. Its text engine (Pango, HarfBuzz, FriBidi) shapes Arabic,
applies the Unicode bidirectional algorithm (parentheses mirrored as on the web page, URLs and
numbers kept left to right), and writes a ToUnicode map for every glyph: the PDF's text is the
real letters (not presentation forms), so it can be searched, copied and read aloud. The PDF
carries the document's language and title, and is tagged (structure tree) for screen readers.

Fonts are the OFL Noto fonts vendored in ``static/participation_core/pdf/fonts`` (declared with
``@font-face`` in ``static/participation_core/pdf/pdf.css``). Rendering never reaches the
network: ``StaticFilesFetcher`` serves the site's own static files and refuses every other URL.

WeasyPrint needs Pango from the system (Debian: ``libpango-1.0-0 libpangoft2-1.0-0
libharfbuzz-subset0``), installed by ``make pdf`` (run by ``make install``).
"""

from __future__ import annotations

import atexit
import logging
import mimetypes
import posixpath
import threading
import unicodedata
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation

#: The base URL of the rendered HTML: ``{% static %}`` URLs resolve under it, and only they
#: are fetched. No request ever leaves the process.
BASE_URL = "file:///"


def _static_prefix() -> str:
    return urljoin(BASE_URL, settings.STATIC_URL)


def static_path(url: str) -> str | None:
    """The file system path of a static file named by ``url`` (``{% static %}`` resolved under
    ``BASE_URL``), or None for any other URL (other schemes, other paths, ``..`` tricks)."""
    prefix = _static_prefix()
    if not url.startswith(prefix):
        return None
    name = unquote(urlsplit(url[len(prefix):]).path)
    normalised = posixpath.normpath(name)
    if not name or normalised != name.rstrip("/") or normalised.startswith(("/", "..")):
        return None
    try:
        found = finders.find(normalised)
        if found:
            return found
        # With the manifest storage, ``{% static %}`` names the collected, hashed copy.
        from django.contrib.staticfiles.storage import staticfiles_storage

        if staticfiles_storage.exists(normalised):
            return staticfiles_storage.path(normalised)
    except (SuspiciousFileOperation, NotImplementedError):
        # A name that leaves the static folders, or a storage without local paths: not served.
        return None
    return None


def text_direction(text: str) -> str:
    """``"rtl"`` or ``"ltr"``: the direction of ``text``'s first strong character (the rule of
    ``dir="auto"``), else the active language's direction."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "rtl" if translation.get_language_bidi() else "ltr"


def _weasyprint():
    import weasyprint  # imported lazily: loading Pango costs ~0.2 s, only PDF views pay it
    from PIL import ImageFile

    # Importing WeasyPrint turns on Pillow's process-wide LOAD_TRUNCATED_IMAGES; a truncated citizen
    # upload must still be refused (participation.core.attachments), and the PDFs embed only the
    # site's own static images, so put the flag back.
    ImageFile.LOAD_TRUNCATED_IMAGES = False

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # no "Step 1…7" per document
    return weasyprint


class PdfResourceRefused(ValueError):
    pass


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """Serves the site's static files (fonts, the PDF stylesheet, images) from disk; any
        other URL — http(s), data:, another file — is refused, so a template or a citizen's text
        can never make the server fetch something."""

        def fetch(self, url, headers=None):
            path = static_path(url)
            if path is None:
                raise PdfResourceRefused(f"PDF rendering only reads the site's static files, not {url!r}")
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            with open(path, "rb") as handle:
                body = handle.read()
            return URLFetcherResponse(url, body, headers={"Content-Type": content_type})

    return StaticFilesFetcher


_fetcher_cls = None


def url_fetcher():
    """A fresh ``StaticFilesFetcher`` (WeasyPrint's ``url_fetcher`` argument)."""
    global _fetcher_cls
    if _fetcher_cls is None:
        _fetcher_cls = _fetcher_class()
    return _fetcher_cls()


#: The stylesheet every document gets (fonts, page, fields), a static file.
STYLESHEET = "participation_core/pdf/pdf.css"
_local = threading.local()


def _shared_resources():
    """The parsed stylesheet and the font configuration holding its ``@font-face`` fonts, made
    once per thread and reused by every document (parsing the stylesheet and loading four fonts
    into fontconfig is a good part of a one-page receipt's cost). Per thread: WeasyPrint's font
    configuration is not meant to be shared between threads."""
    resources = getattr(_local, "resources", None)
    if resources is None:
        weasyprint = _weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()
        stylesheet = weasyprint.CSS(url=urljoin(_static_prefix(), STYLESHEET), font_config=font_config,
                                    url_fetcher=url_fetcher())
        resources = _local.resources = (font_config, stylesheet)
    return resources


# Let the font configuration go (it removes its temporary font folder) before the interpreter
# tears down the modules its clean-up needs.
atexit.register(lambda: _local.__dict__.pop("resources", None))


def render_pdf(template_name: str, context: dict[str, Any] | None = None, *, language: str | None = None) -> bytes:
    """The PDF of ``template_name`` rendered with ``context``, in ``language`` (default: the
    active one). The template extends ``participation_core/pdf/base.html`` and fills its
    ``title`` and ``content`` blocks; ``author`` in the context becomes the PDF's author.
    ``STYLESHEET`` applies to every document; a template may add its own in ``{% block head %}``."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        context = {
            **(context or {}),
            "LANGUAGE_CODE": translation.get_language(),
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        }
        html = render_to_string(template_name, context)
        font_config, stylesheet = _shared_resources()
        document = _weasyprint().HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher())
        return document.write_pdf(stylesheets=[stylesheet], font_config=font_config, pdf_tags=True)


__all__ = ["BASE_URL", "STYLESHEET", "PdfResourceRefused", "render_pdf", "static_path", "text_direction", "url_fetcher"]
