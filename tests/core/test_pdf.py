"""participation.core.pdf: templates to PDF with WeasyPrint, local static files only."""

import io
import socket
from urllib.parse import urljoin

import pytest
from django.conf import settings
from pypdf import PdfReader

from participation.core.pdf import (
    BASE_URL,
    STYLESHEET,
    PdfResourceRefused,
    render_pdf,
    static_path,
    text_direction,
    url_fetcher,
)

STATIC = urljoin(BASE_URL, settings.STATIC_URL)


def test_static_files_only_are_served():
    assert static_path(STATIC + STYLESHEET).endswith("participation_core/pdf/pdf.css")
    assert static_path(STATIC + "participation_core/pdf/fonts/NotoSansArabic-Regular.ttf")
    for url in ("file:///etc/passwd", STATIC + "../../etc/passwd", STATIC + "participation_core/../../../etc/passwd",
                STATIC + "/etc/passwd", "http://example.com/static/x.css", "data:text/css,a{}", STATIC + "missing.css"):
        assert static_path(url) is None, url
        with pytest.raises(PdfResourceRefused):
            url_fetcher().fetch(url)
    response = url_fetcher().fetch(STATIC + STYLESHEET)
    assert response.content_type == "text/css" and b"@font-face" in response.read()


def test_rendering_never_opens_a_connection(monkeypatch):
    attempts = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: attempts.append(address))
    import weasyprint

    html = ('<link rel="stylesheet" href="https://fonts.example.com/x.css"><img src="http://127.0.0.1:9/a.png">'
            '<p style="background: url(http://example.com/b.png)">نص</p>')
    data = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher()).write_pdf()
    assert data.startswith(b"%PDF") and attempts == []


def test_text_direction_is_the_first_strong_character():
    assert text_direction("123 — نص") == "rtl"
    assert text_direction("« Texte » عربي") == "ltr"
    assert text_direction("2025") in ("rtl", "ltr")


def test_document_carries_language_author_and_tags():
    data = render_pdf("participation_core/pdf/base.html", {"author": "جماعة العرائش"}, language="ar")
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.author == "جماعة العرائش"
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
