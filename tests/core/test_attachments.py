"""Photos: real images only, limits enforced before decoding, metadata (GPS) stripped, resized."""

import io
import struct
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import ExifTags, Image

from participation.core.attachments import PhotoField, clean_photo, photo_rendition


def _jpeg_with_gps(size=(400, 300), orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = image.getexif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Secret Phone 12"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (35.0, 11.0, 37.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (6.0, 9.0, 20.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def _upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _png_bomb(width=100_000, height=100_000) -> bytes:
    """A valid-looking PNG of a few hundred bytes that claims 10 gigapixels (decodes to gigabytes)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 100_000, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def test_fixture_really_has_gps():
    exif = Image.open(io.BytesIO(_jpeg_with_gps())).getexif()
    assert exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert exif[ExifTags.Base.Model] == "Secret Phone 12"


def test_gps_and_all_exif_are_stripped():
    cleaned = clean_photo(_upload(_jpeg_with_gps()))
    data = cleaned.read()
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert b"Exif" not in data and b"Secret Phone" not in data and b"PhoneMaker" not in data
    assert cleaned.name.endswith(".jpg") and "photo" not in cleaned.name  # random name, not the user's


def test_orientation_is_applied_before_stripping():
    # Orientation 6 = rotate 90° clockwise for display: a 400×300 sensor image is shown 300×400.
    cleaned = clean_photo(_upload(_jpeg_with_gps(size=(400, 300), orientation=6)))
    assert Image.open(cleaned).size == (300, 400)


def test_big_photo_is_resized_to_1600():
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), (10, 120, 10)).save(out, "JPEG")
    cleaned = clean_photo(_upload(out.getvalue()))
    assert Image.open(cleaned).size == (1600, 1200)
    thumb = photo_rendition(cleaned, longest_side=480)
    assert Image.open(thumb).size == (480, 360)


def test_png_with_transparency_and_webp_are_accepted():
    out = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(out, "PNG")
    cleaned = clean_photo(_upload(out.getvalue(), name="x.png", content_type="image/png"))
    image = Image.open(cleaned)
    assert image.format == "JPEG" and image.mode == "RGB" and image.getpixel((0, 0)) == (255, 255, 255)
    out = io.BytesIO()
    Image.new("RGB", (50, 40), (0, 0, 255)).save(out, "WEBP")
    assert Image.open(clean_photo(_upload(out.getvalue(), name="x.webp"))).size == (50, 40)


@override_settings(PHOTO_OUTPUT_FORMAT="WEBP")
def test_webp_output_setting():
    cleaned = clean_photo(_upload(_jpeg_with_gps()))
    assert cleaned.name.endswith(".webp") and Image.open(cleaned).format == "WEBP"


def test_html_renamed_jpg_is_refused():
    html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    with pytest.raises(ValidationError) as info:
        clean_photo(_upload(html, name="holiday.jpg"))
    assert info.value.code == "not_image"


@pytest.mark.parametrize(
    "data",
    [
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
        b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",  # a real GIF: not an allowed format
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        b"\xff\xd8\xff\xe0" + b"\x00" * 64,  # JPEG magic then garbage
    ],
)
def test_other_content_is_refused(data):
    with pytest.raises(ValidationError):
        clean_photo(_upload(data))


def test_truncated_jpeg_is_refused():
    data = _jpeg_with_gps(size=(800, 600))
    with pytest.raises(ValidationError) as info:
        clean_photo(_upload(data[: len(data) // 2]))
    assert info.value.code in {"broken", "not_image"}


def test_decompression_bomb_is_refused_without_decoding():
    bomb = _png_bomb()
    assert len(bomb) < 1000
    with pytest.raises(ValidationError) as info:
        clean_photo(_upload(bomb, name="bomb.png"))
    assert info.value.code == "too_many_pixels"


@override_settings(PHOTO_MAX_PIXELS=10_000)
def test_pixel_limit_is_a_setting():
    with pytest.raises(ValidationError) as info:
        clean_photo(_upload(_jpeg_with_gps(size=(200, 100))))
    assert info.value.code == "too_many_pixels"


def test_huge_file_is_refused_before_opening():
    data = b"\xff\xd8\xff" + b"\x00" * (8 * 1024 * 1024 + 1)
    with pytest.raises(ValidationError) as info:
        clean_photo(_upload(data))
    assert info.value.code == "too_big"


def test_empty_file_is_refused():
    with pytest.raises(ValidationError):
        clean_photo(_upload(b""))


class _Form(forms.Form):
    photo = PhotoField()


def test_photo_field_in_a_form():
    form = _Form(data={}, files={"photo": _upload(_jpeg_with_gps())})
    assert form.is_valid(), form.errors
    assert b"Exif" not in form.cleaned_data["photo"].read()
    assert _Form(data={}, files={}).is_valid()  # optional
    bad = _Form(data={}, files={"photo": _upload(b"<html></html>", name="a.jpg")})
    assert not bad.is_valid()
    assert "photo" in bad.errors
    html = str(_Form()["photo"])
    assert 'accept="image/jpeg,image/png,image/webp"' in html


def test_error_messages_are_translated():
    from django.utils import translation

    with translation.override("fr"):
        bad = _Form(data={}, files={"photo": _upload(b"<html></html>", name="a.jpg")})
        bad.is_valid()
        message_fr = bad.errors["photo"][0]
    with translation.override("ar"):
        bad = _Form(data={}, files={"photo": _upload(b"<html></html>", name="a.jpg")})
        bad.is_valid()
        message_ar = bad.errors["photo"][0]
    assert message_fr.startswith("Ce fichier n’est pas une photo")
    assert message_ar.startswith("هذا الملف ليس صورة")


def test_truncated_jpeg_is_refused_after_a_pdf_was_made():
    """WeasyPrint switches Pillow's truncated-image loading on when it is imported: once the site
    has made a PDF, a truncated upload must still be refused."""
    from participation.core import pdf

    pdf._weasyprint()
    data = _jpeg_with_gps(size=(800, 600))
    with pytest.raises(ValidationError) as info:
        clean_photo(_upload(data[: len(data) // 2]))
    assert info.value.code in {"broken", "not_image"}
