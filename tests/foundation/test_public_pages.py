"""Every public page of the demo commune: lang/dir right, valid HTML, no broken internal link,
small enough for a slow phone, usable without JavaScript."""

from __future__ import annotations

import gzip
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import html5lib
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

PAGE_WEIGHT_BUDGET = 100 * 1024  # HTML + CSS + JS + fonts, images excluded
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/media/", "/static/", "/i18n/")
SKIP_SUFFIXES = ("/logout/",)


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.fonts: list[str] = []
        self.forms: list[dict] = []
        self.inline_handlers: list[str] = []
        self.inline_styles: list[str] = []
        self.html_attrs: dict = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        if any(name.startswith("on") for name in a):
            self.inline_handlers.append(tag)
        if "style" in a:  # the public pages' Content-Security-Policy (style-src 'self') ignores it
            self.inline_styles.append(f"<{tag} style={a['style']!r}>")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "link" and a.get("rel") == "stylesheet":
            self.stylesheets.append(a["href"])
        if tag == "link" and a.get("rel") == "preload" and a.get("as") == "font":
            self.fonts.append(a["href"])
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        if tag == "form":
            self.forms.append(a)


def static_size(url: str) -> int:
    path = urlparse(url).path
    if not path.startswith(settings.STATIC_URL):
        return 0
    found = finders.find(path[len(settings.STATIC_URL):])
    if not found:
        raise AssertionError(f"missing static file {url}")
    data = Path(found).read_bytes()
    return len(data) if path.endswith(".woff2") else len(gzip.compress(data))


@pytest.mark.django_db
def test_every_public_page(client, demo_commune):
    queue = ["/ar/", "/fr/"]
    seen: set[str] = set()
    problems: list[str] = []
    pages = 0
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302):
            target = response["Location"]
            if urlparse(target).netloc in ("", "testserver"):
                queue.append(urlparse(target).path + (f"?{urlparse(target).query}" if urlparse(target).query else ""))
            continue
        if response.status_code != 200:
            problems.append(f"{url}: HTTP {response.status_code}")
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        pages += 1
        html = response.content.decode()
        parser = LinkParser()
        parser.feed(html)
        lang = url.split("/")[1]
        expected_dir = "rtl" if lang == "ar" else "ltr"
        if parser.html_attrs.get("lang") != lang or parser.html_attrs.get("dir") != expected_dir:
            problems.append(f"{url}: html lang/dir {parser.html_attrs}")
        html5 = html5lib.HTMLParser(strict=False)
        html5.parse(html)
        errors = [e for e in html5.errors if e[1] not in {"unexpected-end-tag-in-special-element"}]
        if errors:
            problems.append(f"{url}: HTML parse errors {errors[:3]}")
        if parser.inline_handlers:
            problems.append(f"{url}: inline event handlers on {parser.inline_handlers}")
        if parser.inline_styles:
            problems.append(f"{url}: inline styles the CSP blocks {parser.inline_styles[:3]}")
        for form in parser.forms:  # forms post without JavaScript: a real method, no JS-only action
            if form.get("method", "get").lower() not in ("get", "post") or form.get("action", "").startswith("javascript:"):
                problems.append(f"{url}: form that needs JavaScript {form}")
        weight = len(response.content)
        weight += sum(static_size(u) for u in parser.stylesheets + parser.scripts)
        font_files = {u for u in parser.fonts}
        if lang == "ar":  # the regular and bold Arabic faces may both be fetched
            font_files |= {settings.STATIC_URL + "fonts/NotoSansArabic-Bold-subset.woff2"}
        weight += sum(static_size(u) for u in font_files)
        if weight > PAGE_WEIGHT_BUDGET:
            problems.append(f"{url}: {weight} bytes > budget")
        for href in parser.links:
            target = urldefrag(urljoin(url, href))[0]
            parsed = urlparse(target)
            if parsed.scheme in ("mailto", "tel") or parsed.netloc not in ("", "testserver"):
                continue
            path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if path.startswith(SKIP_PREFIXES):
                if path.startswith(("/documents/", "/media/", "/static/")):
                    status = client.get(path).status_code
                    if status not in (200, 302):
                        problems.append(f"{url}: broken link {path} ({status})")
                continue
            if path.endswith(SKIP_SUFFIXES) or path in seen:
                continue
            if parsed.query or len(seen) > 300:  # filters, sorting and pagination vary a page already seen
                continue
            queue.append(path)
    print(f"{pages} public pages crawled")
    assert pages >= 10, f"only {pages} pages crawled"
    assert problems == [], "\n".join(problems)
