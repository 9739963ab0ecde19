"""Who may do what with information requests, as ``participation.core.rules.Permission``
predicates (a refusal says why; a ``Permission`` is false when refused, so ``if`` reads it)."""

from __future__ import annotations

import datetime as dt

from wagtail.models import Site

from participation.core.rules import ALLOWED, FORBIDDEN, TOO_LATE, Permission
from participation.working_days import clock
from site_template.communes.roles import Role
from site_template.communes.selectors import sites_served_by, user_has_role

from . import deadlines
from .models import InfoRequest

NOT_YET = "not_yet"  # nothing to complain about yet: neither an answer nor a missed deadline
ALREADY_FILED = "already_filed"
STILL_OPEN = "still_open"
ERASED = "erased"


def can_handle_requests(*, user, site: Site) -> Permission:
    """Information officers and administrators of the commune (and superusers)."""
    return ALLOWED if user_has_role(user=user, site=site, role=Role.INFORMATION_OFFICER) else Permission(False, FORBIDDEN)


def can_see_identity(*, user, site: Site) -> Permission:
    """The requester's identity: the same people, and every view is logged."""
    return can_handle_requests(user=user, site=site)


def sites_handled_by(*, user) -> list[Site]:
    """The communes where the user handles requests (``communes.selectors.sites_served_by``)."""
    return list(sites_served_by(user=user, roles=[Role.INFORMATION_OFFICER]))


def can_file_complaint(*, request: InfoRequest, today: dt.date | None = None) -> Permission:
    """Law 31-13 art. 19: one complaint to the head of the commune, once the deadline has passed
    or the answer is given, within the filing period."""
    limit = deadlines.complaint_filing_deadline(request=request, today=today)
    if limit is None:
        return Permission(False, NOT_YET)
    if (today or clock.today()) > limit:
        return Permission(False, TOO_LATE)
    if next(iter(request.complaints.all()), None) is not None:
        return Permission(False, ALREADY_FILED)
    return ALLOWED


def can_request_erasure(*, request: InfoRequest) -> Permission:
    """Law 09-08 art. 8: erasure of the identity once the request is closed (rectification is
    possible at any time)."""
    if request.identity_erased_at:
        return Permission(False, ERASED)
    if not request.is_closed:
        return Permission(False, STILL_OPEN)
    return ALLOWED
