"""Reads about communes and their staff.

The one rule for "which communes does this user serve": ``site_ids_served_by`` (and
``sites_served_by`` / ``serves_site`` built on it). A user serves a commune through its staff
groups (``CommuneRole``); an administrator holds every role; a superuser serves every commune.
Every admin listing, chooser, search, API endpoint and object view scopes itself with it (see
``site_template.communes.admin_scoping``), so several communes on one deployment stay apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from wagtail.models import Page, Site

from site_template.accounts.staff import staff_powers_active

from .models import CommuneRole, CommuneSettings
from .roles import Role


def commune_for_page(*, page: Page) -> CommuneSettings | None:
    site = page.get_site()
    return CommuneSettings.for_site(site) if site else None


def _is_active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def site_ids_served_by(*, user, roles: Iterable[Role | str] | None = None) -> frozenset[int]:
    """The ids of the commune sites ``user`` works for, through any role (``roles=None``) or one
    of ``roles`` (the administrator role always counts). Every site for a superuser, none for an
    anonymous or inactive account. Memoised on the user object for the request."""
    if not _is_active(user):
        return frozenset()
    key = None if roles is None else frozenset(str(Role(r).value) for r in roles) | {Role.ADMINISTRATOR.value}
    memo = user.__dict__.setdefault("_communes_served", {})
    if key not in memo:
        if user.is_superuser:
            ids = Site.objects.values_list("pk", flat=True)
        else:
            qs = CommuneRole.objects.filter(group__user=user)
            if key is not None:
                qs = qs.filter(role__in=key)
            ids = qs.values_list("site_id", flat=True)
        memo[key] = frozenset(ids)
    return memo[key]


def sites_served_by(*, user, roles: Iterable[Role | str] | None = None) -> QuerySet[Site]:
    """``site_ids_served_by`` as a queryset of sites."""
    return Site.objects.filter(pk__in=site_ids_served_by(user=user, roles=roles))


def serves_site(*, user, site_id: int | None, roles: Iterable[Role | str] | None = None) -> bool:
    return site_id is not None and site_id in site_ids_served_by(user=user, roles=roles)


def user_has_role(*, user, site: Site, role: Role | str) -> bool:
    """Superusers and members of the commune's group for ``role`` (administrators hold every role),
    once they have set up the TOTP the site requires of staff (``accounts.staff``)."""
    return serves_site(user=user, site_id=getattr(site, "pk", None), roles=[role]) and staff_powers_active(user)


def pages_of_sites_q(site_ids: Iterable[int], *, prefix: str = "") -> Q:
    """A ``Q`` matching the pages (``prefix`` = "<relation>__" for a model pointing at a page) inside
    the page trees of these sites, both languages: the home page's translations are its siblings."""
    homes = Page.objects.filter(
        Q(sites_rooted_here__pk__in=list(site_ids))
        | Q(translation_key__in=Page.objects.filter(sites_rooted_here__pk__in=list(site_ids)).values("translation_key"))
    ).values_list("path", flat=True)
    q = Q(pk__in=[])
    for path in homes:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def pages_served_by(*, user, roles: Iterable[Role | str] | None = None) -> QuerySet[Page]:
    """The pages of the communes the user serves (every page for a superuser)."""
    if _is_active(user) and user.is_superuser:
        return Page.objects.all()
    return Page.objects.filter(pages_of_sites_q(site_ids_served_by(user=user, roles=roles)))
