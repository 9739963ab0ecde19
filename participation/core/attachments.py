"""Photos attached by citizens (one optional photo per contribution).

``clean_photo(uploaded_file) -> ContentFile`` accepts only real JPEG, PNG or WebP images (checked by
content, never by name or declared type), refuses files that are too heavy or too many pixels
(decompression bombs included, before anything is decoded), applies the EXIF orientation, then
re-encodes the picture without any metadata (EXIF, GPS, XMP, ICC comments are all dropped) and with
its longest side at most ``PHOTO_MAX_SIDE`` pixels. Raises ``ValidationError`` with a translated
message on any problem. ``PhotoField`` is the form field that does all of this.

``photo_rendition(file, max_side=…)`` makes a smaller copy (thumbnails for lists).

Settings (with defaults): ``PHOTO_MAX_BYTES`` (8 MB), ``PHOTO_MAX_PIXELS`` (25 megapixels),
``PHOTO_MAX_SIDE`` (1600), ``PHOTO_OUTPUT_FORMAT`` ("JPEG" or "WEBP"), ``PHOTO_QUALITY`` (82).
"""

from __future__ import annotations

import io
import uuid
import warnings
from typing import IO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"
_EXTENSIONS = {"JPEG": "jpg", "WEBP": "webp"}


def _setting(name: str, default):
    return getattr(settings, name, default)


def max_bytes() -> int:
    return int(_setting("PHOTO_MAX_BYTES", 8 * 1024 * 1024))


def max_pixels() -> int:
    return int(_setting("PHOTO_MAX_PIXELS", 25_000_000))


def max_side() -> int:
    return int(_setting("PHOTO_MAX_SIDE", 1600))


def _output_format() -> str:
    fmt = str(_setting("PHOTO_OUTPUT_FORMAT", "JPEG")).upper()
    return fmt if fmt in _EXTENSIONS else "JPEG"


ERRORS = {
    "too_big": _("The photo is too large (%(size)s). The maximum is %(max)s."),
    "not_image": _("This file is not a photo. Please choose a JPEG, PNG or WebP image."),
    "too_many_pixels": _(
        "The photo has too many pixels (%(pixels)s megapixels). The maximum is %(max)s megapixels."
    ),
    "broken": _("This photo could not be read. It may be damaged; please try another one."),
    "empty": _("The file is empty."),
}

# Truncated uploads must fail cleanly rather than produce half a picture.
ImageFile.LOAD_TRUNCATED_IMAGES = False


def _open(file: IO[bytes]) -> Image.Image:
    """Open by content with only our formats, turning every Pillow complaint into a ValidationError.

    Pillow's own bomb guard (``Image.MAX_IMAGE_PIXELS``) is turned from a warning into an error too,
    and our pixel limit is checked from the header before any decoding happens.
    """
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file, formats=ALLOWED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            ERRORS["too_many_pixels"],
            code="too_many_pixels",
            params={"pixels": "∞", "max": max_pixels() // 10**6},
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(ERRORS["not_image"], code="not_image") from exc
    width, height = image.size
    if width <= 0 or height <= 0:
        raise ValidationError(ERRORS["broken"], code="broken")
    if width * height > max_pixels():
        raise ValidationError(
            ERRORS["too_many_pixels"],
            code="too_many_pixels",
            params={"pixels": round(width * height / 10**6, 1), "max": max_pixels() // 10**6},
        )
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB for JPEG output; transparent areas become white."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode != "RGB":
        return image.convert("RGB")
    return image


def _encode(image: Image.Image, *, longest_side: int) -> ContentFile:
    image = _flatten(image)
    if max(image.size) > longest_side:
        image.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
    fmt = _output_format()
    out = io.BytesIO()
    quality = int(_setting("PHOTO_QUALITY", 82))
    # No ``exif=``/``icc_profile=``/``xmp=`` arguments: the new file carries no metadata at all.
    if fmt == "WEBP":
        image.save(out, "WEBP", quality=quality, method=4)
    else:
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{_EXTENSIONS[fmt]}")


def clean_photo(uploaded_file: IO[bytes]) -> ContentFile:
    """Validate and re-encode an uploaded photo; see the module docstring."""
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, io.SEEK_END)
        size = uploaded_file.tell()
    if size == 0:
        raise ValidationError(ERRORS["empty"], code="empty")
    if size > max_bytes():
        raise ValidationError(
            ERRORS["too_big"],
            code="too_big",
            params={"size": filesizeformat(size), "max": filesizeformat(max_bytes())},
        )

    # 1. Structural check of the whole file (verify() leaves the image unusable, so reopen after).
    image = _open(uploaded_file)
    try:
        image.verify()
    except Exception as exc:  # Pillow raises many types from verify(); all mean "broken file"
        raise ValidationError(ERRORS["broken"], code="broken") from exc

    # 2. Decode (JPEG: directly at a reduced scale when possible), orient, strip, resize, re-encode.
    image = _open(uploaded_file)
    try:
        if image.format == "JPEG":
            image.draft("RGB", (max_side(), max_side()))
        image = ImageOps.exif_transpose(image)
        image.load()
        if getattr(image, "n_frames", 1) > 1:
            image.seek(0)
        return _encode(image, longest_side=max_side())
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        raise ValidationError(ERRORS["broken"], code="broken") from exc
    finally:
        uploaded_file.seek(0)


def photo_rendition(file: IO[bytes], *, longest_side: int = 480) -> ContentFile:
    """A smaller copy of a photo already cleaned by ``clean_photo`` (list thumbnails)."""
    image = _open(file)
    if image.format == "JPEG":
        image.draft("RGB", (longest_side, longest_side))
    image.load()
    return _encode(image, longest_side=longest_side)


def _photo_help_text_now() -> str:
    return gettext("JPEG, PNG or WebP, up to %(max)s. Location data (GPS) is removed from the photo.") % {
        "max": filesizeformat(max_bytes())
    }


# Evaluated when rendered, in the language of that request (fields are built at import time).
_photo_help_text = lazy(_photo_help_text_now, str)


class PhotoField(forms.FileField):
    """Optional photo upload: cleans to a metadata-free, resized ``ContentFile`` (or None/False)."""

    default_error_messages = {
        **forms.FileField.default_error_messages,
        "invalid": ERRORS["not_image"],
        "empty": ERRORS["empty"],
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Photo (optional)"))
        kwargs.setdefault("help_text", _photo_help_text())
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if not widget.is_hidden:
            attrs["accept"] = ACCEPT_ATTRIBUTE
        return attrs

    def to_python(self, data):
        uploaded = super().to_python(data)
        if uploaded is None:
            return None
        return clean_photo(uploaded)


def private_storage():
    """Files never served as public media, only by views that check who asks (answers to
    information requests, the label's evidence files): ``STORAGES["private"]``, a folder outside
    MEDIA_ROOT or a private prefix of the commune's object storage (settings ``MEDIA_S3_BUCKET``)."""
    from django.core.files.storage import storages

    return storages["private"]
