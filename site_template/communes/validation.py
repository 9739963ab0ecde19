"""Checks on what ``create_commune`` is asked to create, all run before anything is written, so a bad
option is refused with every problem listed and nothing half-created."""

from __future__ import annotations

import ipaddress
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, Site

from themes.registry import all_themes

from .models import CommuneSettings, hex_colour

if TYPE_CHECKING:
    from .services import CommuneSpec

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")
LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


class CommuneSpecError(ValueError):
    """The options describe a commune that cannot be created; ``errors`` lists every reason."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def parse_population(value: str | int | None) -> int | None:
    """``"125008"``, ``"125 008"`` or ``"125,008"`` → 125008; ``None``/``""`` → None; else ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        number = value
    else:
        cleaned = re.sub(r"[\s,._\u202f]", "", str(value))
        if not cleaned.isascii() or not cleaned.isdigit():
            raise ValueError(value)
        number = int(cleaned)
    if number <= 0 or number > 50_000_000:
        raise ValueError(value)
    return number


def hostname_error(hostname: str) -> str | None:
    if not hostname:
        return _("The hostname is missing.")
    try:
        ipaddress.IPv4Address(hostname)
        return None
    except ValueError:
        pass
    labels = hostname.split(".")
    if (
        len(hostname) > 253
        or hostname != hostname.lower()
        or not all(LABEL_RE.match(label) for label in labels)
        or all(label.isdigit() for label in labels)
    ):
        return _(
            "“%(hostname)s” is not a valid hostname: use letters, digits, hyphens and dots only, "
            "without “http://”, a port or a path (e.g. larache.example.ma)."
        ) % {"hostname": hostname}
    return None


def logo_error(path: str) -> str | None:
    """None if ``path`` is a real raster image Wagtail can use (checked by content with Pillow)."""
    from PIL import Image as PILImage

    file = Path(path)
    if not file.is_file():
        return _("The logo file “%(path)s” does not exist.") % {"path": path}
    if file.stat().st_size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
        return _("The logo file “%(path)s” is too large.") % {"path": path}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(file) as image:
                image.verify()
                image_format = image.format
                width, height = image.size
    except Exception:  # noqa: BLE001 — anything Pillow cannot read is "not an image"
        return _("The logo file “%(path)s” is not an image (PNG, JPEG, GIF or WebP).") % {"path": path}
    if image_format not in LOGO_FORMATS:
        return _("The logo file “%(path)s” is not an image (PNG, JPEG, GIF or WebP).") % {"path": path}
    if width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        return _("The logo file “%(path)s” is too large.") % {"path": path}
    return None


def commune_spec_errors(spec: CommuneSpec) -> list[str]:
    """Every reason why ``spec`` cannot be created (empty list: it can). Does not report an
    existing commune with the same slug: that is not an error (the command says “already exists”)."""
    errors: list[str] = []
    if not SLUG_RE.match(spec.slug or ""):
        errors.append(
            _(
                "“%(slug)s” is not a valid short name (slug): use 1 to 60 lowercase Latin letters, digits "
                "and hyphens (e.g. larache)."
            )
            % {"slug": spec.slug}
        )
    if not (spec.name_ar or "").strip():
        errors.append(_("The Arabic name (--name-ar) is missing."))
    if not (spec.name_fr or "").strip():
        errors.append(_("The French name (--name-fr) is missing."))
    for value in (spec.name_ar, spec.name_fr):
        if value and len(value) > 120:
            errors.append(_("A name is longer than 120 characters."))
    if error := hostname_error(spec.hostname or ""):
        errors.append(error)
    if not isinstance(spec.port, int) or not 1 <= spec.port <= 65535:
        errors.append(_("The port must be a number between 1 and 65535."))
    if spec.population is not None and (not isinstance(spec.population, int) or spec.population <= 0):
        errors.append(_("The population must be a positive whole number."))
    if spec.theme not in all_themes():
        errors.append(
            _("Unknown theme “%(theme)s”. Available themes: %(themes)s.")
            % {"theme": spec.theme, "themes": ", ".join(sorted(all_themes()))}
        )
    if spec.primary_colour:
        try:
            hex_colour(spec.primary_colour)
        except ValidationError:
            errors.append(_("The primary colour must be written #RRGGBB."))
    if spec.email:
        try:
            validate_email(spec.email)
        except ValidationError:
            errors.append(_("“%(email)s” is not a valid email address.") % {"email": spec.email})
    for label, value, limit in (
        ("phone", spec.phone, 40),
        ("region", spec.region, 120),
        ("province", spec.province, 120),
        ("cndp-reference", spec.cndp_reference, 120),
    ):
        if value and len(value) > limit:
            errors.append(
                ngettext("--%(option)s is longer than %(limit)s character.", "--%(option)s is longer than %(limit)s characters.",
                         limit) % {"option": label, "limit": limit}
            )
    if spec.logo_path and (error := logo_error(spec.logo_path)):
        errors.append(error)

    # Conflicts with what the database already holds (only for a commune that does not exist yet).
    if not CommuneSettings.objects.filter(slug=spec.slug).exists() and not errors:
        taken = Site.objects.filter(hostname=spec.hostname, port=spec.port).first()
        if taken is not None:
            errors.append(
                _("The address %(hostname)s:%(port)s is already used by the site “%(site)s”.")
                % {"hostname": spec.hostname, "port": spec.port, "site": taken.site_name or taken.hostname}
            )
        if spec.is_default_site:
            other = Site.objects.filter(
                is_default_site=True, pk__in=CommuneSettings.objects.filter(slug__isnull=False).values("site_id")
            ).first()
            if other is not None:
                errors.append(
                    _("The commune “%(site)s” is already the default site; create this one without --default-site.")
                    % {"site": other.site_name or other.hostname}
                )
        root = Page.get_first_root_node()
        if root is not None and root.get_children().filter(slug__in=[spec.slug, f"{spec.slug}-fr"]).exists():
            errors.append(
                _("A top-level page with the slug “%(slug)s” already exists; choose another short name.")
                % {"slug": spec.slug}
            )
    return errors
