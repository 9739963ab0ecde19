"""Admin and foundation hooks of programme tracking."""

from __future__ import annotations

from django.urls import include, path
from wagtail import hooks


@hooks.register("register_admin_urls")
def register_programme_admin_urls():
    return [path("programme/", include(("participation.programme.admin_urls", "programme_admin"),
                                       namespace="programme_admin"))]


def _programme_buttons(page, user, priority: int):
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.widgets import Button

    from . import rules
    from .models import ProgrammePage

    specific = page.specific_deferred
    if not isinstance(specific, ProgrammePage):
        return
    programme = specific.logical_programme()
    if not rules.can_manage(user, programme):
        return
    yield Button(_("Adopt a consultation project"), reverse("programme_admin:adopt", args=[programme.pk]),
                 icon_name="list-ol", priority=priority)
    yield Button(_("Annual evaluation reports"), reverse("programme_admin:reports", args=[programme.pk]),
                 icon_name="doc-full", priority=priority + 1)


@hooks.register("register_page_header_buttons")
def programme_header_buttons(page, user, view_name=None, next_url=None):
    yield from _programme_buttons(page, user, priority=67)
