"""The programme a staff screen works on: ``/admin/programme/<page_id>/…`` names any language copy
of the programme page; the screen works on the source-language one, for its focal point only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from . import rules
from .models import ProgrammePage


def programme_for_staff(request, page_id: int) -> ProgrammePage:
    """The logical programme of page ``page_id`` (404 if none), if ``rules.can_manage`` lets the
    user keep it up to date (403 otherwise)."""
    page = get_object_or_404(ProgrammePage, pk=page_id)
    programme = page.logical_programme()
    if not rules.can_manage(request.user, programme):
        raise PermissionDenied
    return programme
