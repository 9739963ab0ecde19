"""Small PDF writer for receipts and reports, in Arabic (shaped, right to left) and French.

Pure PyPI (reportlab + arabic-reshaper + python-bidi), with the OFL Noto fonts vendored in
``participation/core/fonts``. Lines are wrapped in logical order, then each line is reordered
for display (bidi) and drawn run by run: Arabic runs with Noto Sans Arabic, the rest
(Latin letters, digits, e-mail addresses) with Noto Sans.

    doc = PdfDocument(rtl=True, title="…")
    doc.heading("…"); doc.field("…", "…"); doc.paragraph("…")
    pdf_bytes = doc.render()
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONTS = {
    ("arabic", False): ("NotoSansArabic", "NotoSansArabic-Regular.ttf"),
    ("arabic", True): ("NotoSansArabic-Bold", "NotoSansArabic-Bold.ttf"),
    ("latin", False): ("NotoSans", "NotoSans-Regular.ttf"),
    ("latin", True): ("NotoSans-Bold", "NotoSans-Bold.ttf"),
}
ARABIC_RE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FSI, PDI = "\u2068", "\u2069"  # isolate a value (numbers, e-mails) from the line's direction
_registered = False


def _register_fonts() -> None:
    global _registered
    if _registered:
        return
    for name, filename in FONTS.values():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    _registered = True


def _font(script: str, bold: bool) -> str:
    return FONTS[(script, bold)][0]


def _runs(visual: str) -> list[tuple[str, str]]:
    """Splits a display-ordered line into (script, text) runs. Spaces and neutral punctuation
    join the run before them."""
    runs: list[tuple[str, str]] = []
    for char in visual:
        if ARABIC_RE.match(char):
            script = "arabic"
        elif char.isspace() or char in "-–—.,:;()/«»\"'" and runs:
            script = runs[-1][0] if runs else "latin"
        else:
            script = "latin"
        if runs and runs[-1][0] == script:
            runs[-1] = (script, runs[-1][1] + char)
        else:
            runs.append((script, char))
    return runs


def shape(text: str, *, rtl: bool) -> str:
    """Arabic letters joined (presentation forms) and the line put in display order."""
    reshaped = arabic_reshaper.reshape(text) if ARABIC_RE.search(text) else text
    return BIDI_CONTROLS.sub("", get_display(reshaped, base_dir="R" if rtl else "L"))


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    _register_fonts()
    visual = shape(text, rtl=False)
    return sum(pdfmetrics.stringWidth(t, _font(s, bold), size) for s, t in _runs(visual))


@dataclass
class _Block:
    kind: str
    text: str
    label: str = ""
    size: float = 11
    bold: bool = False


class PdfDocument:
    margin = 50
    leading = 1.45

    def __init__(self, *, rtl: bool, title: str = "", author: str = ""):
        _register_fonts()
        self.rtl = rtl
        self.title = title
        self.author = author
        self.blocks: list[_Block] = []

    # Content -------------------------------------------------------------------------------
    def heading(self, text: str, *, size: float = 16) -> PdfDocument:
        self.blocks.append(_Block("text", text, size=size, bold=True))
        return self

    def paragraph(self, text: str, *, size: float = 11, bold: bool = False) -> PdfDocument:
        for line in (text or "").splitlines() or [""]:
            self.blocks.append(_Block("text", line, size=size, bold=bold))
        return self

    def field(self, label: str, value: str, *, size: float = 11) -> PdfDocument:
        self.blocks.append(_Block("field", value or "—", label=label, size=size))
        return self

    def spacer(self, size: float = 8) -> PdfDocument:
        self.blocks.append(_Block("space", "", size=size))
        return self

    def rule(self) -> PdfDocument:
        self.blocks.append(_Block("rule", ""))
        return self

    # Rendering -----------------------------------------------------------------------------
    def _wrap(self, text: str, size: float, bold: bool, width: float) -> list[str]:
        words = text.split(" ")
        lines: list[str] = []
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if current and text_width(candidate, size, bold=bold) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
        return lines

    def _draw_line(self, canvas: Canvas, text: str, y: float, size: float, bold: bool) -> None:
        visual = shape(text, rtl=self.rtl)
        runs = _runs(visual)
        widths = [pdfmetrics.stringWidth(t, _font(s, bold), size) for s, t in runs]
        page_width = A4[0]
        x = page_width - self.margin - sum(widths) if self.rtl else self.margin
        for (script, chunk), width in zip(runs, widths, strict=True):
            canvas.setFont(_font(script, bold), size)
            canvas.drawString(x, y, chunk)
            x += width

    def render(self) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
        canvas.setTitle(self.title)
        canvas.setAuthor(self.author)
        page_width, page_height = A4
        width = page_width - 2 * self.margin
        y = page_height - self.margin

        def need(height: float) -> None:
            nonlocal y
            if y - height < self.margin:
                canvas.showPage()
                y = page_height - self.margin

        for block in self.blocks:
            if block.kind == "space":
                y -= block.size
                continue
            if block.kind == "rule":
                need(10)
                canvas.setLineWidth(0.5)
                canvas.line(self.margin, y - 4, page_width - self.margin, y - 4)
                y -= 12
                continue
            text = f"{block.label}: {FSI}{block.text}{PDI}" if block.kind == "field" else block.text
            for line in self._wrap(text, block.size, block.bold, width):
                height = block.size * self.leading
                need(height)
                y -= height
                self._draw_line(canvas, line, y, block.size, block.bold)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()
