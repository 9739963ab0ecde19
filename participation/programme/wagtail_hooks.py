"""Admin and foundation hooks of programme tracking."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import rules
from .models import ProgrammePage


@hooks.register("register_admin_urls")
def register_programme_admin_urls():
    return [path("programme/", include(("participation.programme.admin_urls", "programme_admin"),
                                       namespace="programme_admin"))]


def _spreadsheet_buttons(page, user, priority: int):
    """“Spreadsheet import / export” on a programme page, for those who manage the programme."""
    specific = page.specific_deferred
    if not isinstance(specific, ProgrammePage):
        return
    programme = specific.logical_programme()
    if not rules.can_manage(user, programme):
        return
    yield Button(_("Spreadsheet import / export"), reverse("programme_admin:import", args=[programme.pk]),
                 icon_name="upload", priority=priority)


@hooks.register("register_page_header_buttons")
def programme_header_buttons(page, user, view_name=None, next_url=None):
    yield from _spreadsheet_buttons(page, user, priority=67)


@hooks.register("register_page_listing_more_buttons")
def programme_listing_buttons(page, user, next_url=None):
    yield from _spreadsheet_buttons(page, user, priority=57)
