"""Every public page of the feature is valid HTML (strict html5lib parse), in both languages,
with no inline script or style (CSP), and its own stylesheet."""

import re

import html5lib
import pytest

from participation.info_requests import services

pytestmark = pytest.mark.django_db


def _valid_html(content: bytes) -> None:
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(content)


def test_public_pages_are_valid_html(client, info_page, info_page_fr, file_request, officer):
    published, token = file_request()
    services.info_request_answer(request=published, message="جواب", by=officer, publish=True)
    late, late_token = file_request()
    from participation.working_days import clock

    clock.travel(days=40)
    for page in (info_page, info_page_fr):
        for path in ("", "register/", "figures/", "published/", f"r/{token}/", f"r/{token}/receipt/",
                     f"r/{token}/data/", f"r/{late_token}/"):
            response = client.get(page.url + path)
            assert response.status_code == 200, path
            _valid_html(response.content)
            html = response.content.decode()
            assert "info_requests/info_requests" in html and 'style="' not in html, path
            assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html), path
    # invalid POST re-render is valid too
    response = client.post(info_page.url, {"full_name": ""})
    assert response.status_code == 200
    _valid_html(response.content)
