"""Who may do what with information requests."""

from __future__ import annotations

from wagtail.models import Site

from site_template.communes.roles import Role
from site_template.communes.selectors import sites_served_by, user_has_role


def can_handle_requests(*, user, site: Site) -> bool:
    """Information officers and administrators of the commune (and superusers)."""
    return user_has_role(user=user, site=site, role=Role.INFORMATION_OFFICER)


def can_see_identity(*, user, site: Site) -> bool:
    """The requester's identity: the same people, and every view is logged."""
    return can_handle_requests(user=user, site=site)


def sites_handled_by(*, user) -> list[Site]:
    """The communes where the user handles requests (``communes.selectors.sites_served_by``)."""
    return list(sites_served_by(user=user, roles=[Role.INFORMATION_OFFICER]))
