"""The programme a staff screen works on: ``/admin/programme/<page_id>/…`` names any language copy
of the programme page; the screen works on the source-language one, for its focal point only."""

from __future__ import annotations

from participation.core.admin_access import page_for_staff

from . import rules
from .models import ProgrammePage


def programme_for_staff(request, page_id: int) -> ProgrammePage:
    """The logical programme of page ``page_id`` (404 if none), if ``rules.can_manage`` lets the
    user keep it up to date (403 otherwise)."""
    return page_for_staff(request, page_class=ProgrammePage, page_id=page_id, rule=rules.can_manage)
