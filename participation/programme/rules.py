"""Who may do what on a tracked programme, as core ``Permission``s (``participation.core.rules``).
Citizens' account checks come from the core; the commune's side is the focal point's."""

from __future__ import annotations

from participation.core.pages import site_id_of
from participation.core.rules import ALLOWED, FORBIDDEN, Permission, is_focal_point

from .models import ProgrammePage


def can_manage(user, programme: ProgrammePage) -> Permission:
    """The focal point (or administrator) of the programme's commune keeps it up to date: imports,
    status changes, progress updates, adoption from a consultation, the annual report."""
    return ALLOWED if is_focal_point(user, site_id=site_id_of(programme)) else Permission(False, FORBIDDEN)

