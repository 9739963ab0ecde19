"""Reads about communes and their staff."""

from __future__ import annotations

from wagtail.models import Page, Site

from site_template.accounts.staff import staff_powers_active

from .models import CommuneRole, CommuneSettings
from .roles import Role


def commune_for_page(*, page: Page) -> CommuneSettings | None:
    site = page.get_site()
    return CommuneSettings.for_site(site) if site else None


def user_has_role(*, user, site: Site, role: Role | str) -> bool:
    """Superusers and members of the commune's group for ``role`` (administrators hold every role),
    once they have set up the TOTP the site requires of staff (``accounts.staff``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return staff_powers_active(user)
    roles = {role, Role.ADMINISTRATOR}
    return CommuneRole.objects.filter(site=site, role__in=roles, group__user=user).exists() and staff_powers_active(user)
