"""The page a capability's staff screen works on (``/admin/<capability>/<page_id>/…``): any
language copy names the page; the screen works on its source-language copy (which holds the data),
for the staff a capability's rule lets keep it."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .pages import logical_specific


def page_for_staff(request, *, page_class: type, page_id: int, rule: Callable) -> object:
    """The source-language copy of the ``page_class`` page ``page_id`` (404 if there is none), read as
    its own class, if ``rule(user, page)`` (a ``Permission``) lets the user keep it; Wagtail's
    "permission denied" otherwise (the admin's commune scoping has already answered 403 for a page
    of another commune)."""
    page = logical_specific(get_object_or_404(page_class, pk=page_id))
    if not rule(request.user, page):
        raise PermissionDenied
    return page
