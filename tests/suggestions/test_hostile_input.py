"""Hostile input on every field of the suggestion and comment forms: the page stays safe and
the user gets a clear error."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participation.core.models import Comment, Contribution

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
HANDLER = '<img src=x onerror="alert(1)">'
JS_LINK = "javascript:alert(document.cookie)"
BIDI = "\u202eabc\u202d\u2066"
HOSTILE = f"{SCRIPT} {HANDLER} {JS_LINK} [click](javascript:alert(1)) <a href=\"javascript:alert(1)\">x</a> {BIDI} </div></main>"
MEGABYTE = "ا" * (1024 * 1024)


def _assert_safe(html: str) -> None:
    assert "<script>alert" not in html
    assert not re.search(r"<img[^>]*onerror", html)
    assert 'href="javascript:' not in html.lower()
    for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert ch not in html
    # The page structure is intact: citizen text cannot close our containers.
    assert html.count("<main") == 1 and html.count("</main>") == 1


def _post(client, page, category, **overrides):
    data = {
        "title": "عنوان عادي للاقتراح",
        "text": "نص عادي للاقتراح يكفي طوله للتحقق.",
        "category": category.pk,
        "place_description": "",
        "photo_alt": "",
    }
    data.update(overrides)
    return client.post(page.url + "new/", data)


@pytest.mark.parametrize("field", ["title", "text", "place_description", "photo_alt"])
def test_hostile_text_in_every_suggestion_field_renders_safely(client, spage_ar, spage_fr, category, citizen, field):
    client.force_login(citizen)
    value = HOSTILE[:140] if field == "title" else HOSTILE
    if field == "photo_alt":
        value = HOSTILE[:190]
    response = _post(client, spage_ar, category, **{field: value})
    assert response.status_code == 302, response.content.decode()[:2000]
    suggestion = Contribution.objects.latest("pk")
    for ch in "\u202e\u202d\u2066":
        assert ch not in getattr(suggestion, field)
    for page in (spage_ar, spage_fr):
        _assert_safe(client.get(page.url).content.decode())
        _assert_safe(client.get(f"{page.url}{suggestion.pk}/").content.decode())
    for feed in ("feed/rss/", "feed/atom/"):
        xml = client.get(spage_ar.url + feed).content.decode()
        assert "<script" not in xml and "<img" not in xml and "<a " not in xml  # citizen text is XML-escaped
        for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
            assert ch not in xml


@pytest.mark.parametrize("field", ["title", "text", "place_description", "photo_alt"])
def test_one_megabyte_in_any_field_is_refused_with_a_clear_error(client, spage_ar, category, citizen, field):
    client.force_login(citizen)
    response = _post(client, spage_ar, category, **{field: MEGABYTE})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errorlist"' in html
    assert Contribution.objects.count() == 0


def _html_as_jpg():
    return SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")


def _bomb():
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, format="PNG")
    return SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")


@pytest.mark.parametrize("upload", [_html_as_jpg, _bomb])
def test_bad_photos_are_refused_and_typed_text_is_kept(client, spage_ar, category, citizen, upload):
    client.force_login(citizen)
    response = _post(client, spage_ar, category, title="عنوان محفوظ بعد الخطأ", photo=upload())
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errorlist"' in html
    assert "عنوان محفوظ بعد الخطأ" in html
    assert Contribution.objects.count() == 0


def _good_photo():
    out = io.BytesIO()
    Image.new("RGB", (2400, 1200), (200, 100, 50)).save(out, format="JPEG")
    return SimpleUploadedFile("ok.jpg", out.getvalue(), content_type="image/jpeg")


def test_real_photo_is_resized_and_thumbnailed(client, spage_ar, category, citizen):
    client.force_login(citizen)
    response = _post(client, spage_ar, category, photo=_good_photo(), photo_alt="رصيف مكسور")
    assert response.status_code == 302
    suggestion = Contribution.objects.get()
    assert max(suggestion.photo_width, suggestion.photo_height) <= 1600
    assert suggestion.photo_thumbnail
    html = client.get(f"{spage_ar.url}{suggestion.pk}/").content.decode()
    assert suggestion.photo_thumbnail.url in html and 'alt="رصيف مكسور"' in html


@pytest.mark.parametrize("value", [HOSTILE, MEGABYTE])
def test_hostile_comments(client, spage_ar, spage_fr, category, citizen, citizen2, value):
    from participation.suggestions.services import suggestion_create

    suggestion = suggestion_create(page=spage_ar, author=citizen, title="عنوان", text="نص الاقتراح هنا", category=category)
    client.force_login(citizen2)
    detail = f"{spage_ar.url}{suggestion.pk}/"
    response = client.post(f"/ar/participation/contributions/{suggestion.pk}/comment/", {"text": value, "next": detail})
    if value is MEGABYTE:
        assert response.status_code == 400
        assert 'class="errorlist"' in response.content.decode()
        assert Comment.objects.count() == 0
        return
    assert response.status_code == 302
    assert Comment.objects.count() == 1
    for page in (spage_ar, spage_fr):
        _assert_safe(client.get(f"{page.url}{suggestion.pk}/").content.decode())


def test_next_parameter_cannot_redirect_off_site(client, spage_ar, category, citizen, citizen2):
    from participation.suggestions.services import suggestion_create

    suggestion = suggestion_create(page=spage_ar, author=citizen, title="عنوان", text="نص الاقتراح هنا", category=category)
    client.force_login(citizen2)
    response = client.post(
        f"/ar/participation/contributions/{suggestion.pk}/support/", {"next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
