"""Every page of the suggestions space is valid HTML (strict html5lib parse) in both languages,
for an anonymous visitor, a citizen and the author; ids are unique; images have alt text."""

import re

import html5lib
import pytest

from participation.core.services import comment_create, contribution_set_status
from participation.suggestions.services import suggestion_create

pytestmark = pytest.mark.django_db


def _valid(html: str) -> None:
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for img in re.findall(r"<img\b[^>]*>", html):
        assert "alt=" in img, img


def test_pages_are_valid_html(client, spage_ar, spage_fr, citizen, citizen2, focal_point, category, neighbourhood):
    s = suggestion_create(page=spage_ar, author=citizen, title="إنارة", text="نص الاقتراح\nسطر ثان https://example.ma", category=category, neighbourhood=neighbourhood)
    top = comment_create(contribution=s, author=citizen2, text="تعليق")
    comment_create(contribution=s, author=citizen, text="رد", parent=top)
    contribution_set_status(contribution=s, status="under_study", by=focal_point, answer="جواب", reason="دراسة")
    for user in (None, citizen2, citizen, focal_point):
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        for page in (spage_ar, spage_fr):
            for url in (page.url, f"{page.url}?sort=commented&category={category.pk}", f"{page.url}{s.pk}/", f"{page.url}new/"):
                response = client.get(url)
                if response.status_code == 302:
                    continue
                assert response.status_code == 200, url
                _valid(response.content.decode())
    client.force_login(citizen2)
    for url in (f"/ar/participation/report/comment/{top.pk}/", f"/fr/participation/report/contribution/{s.pk}/"):
        _valid(client.get(url).content.decode())
    client.force_login(citizen)
    child = s.comments.exclude(pk=top.pk).get()
    fresh = suggestion_create(page=spage_ar, author=citizen, title="جديد", text="نص اقتراح جديد", category=category)
    for url in (f"/ar/participation/comments/{child.pk}/edit/", f"/fr/participation/comments/{child.pk}/delete/", f"{spage_ar.url}{fresh.pk}/edit/", f"{spage_fr.url}{fresh.pk}/edit/"):
        response = client.get(url)
        assert response.status_code == 200, url
        _valid(response.content.decode())
