"""The citizen budget's staff screens under ``/admin/budget/`` (Wagtail's admin requires a staff
login; each view checks ``rules.can_manage`` on the budget page it is given)."""

from __future__ import annotations

from django.urls import path

from . import admin_imports

urlpatterns: list = [
    path("<id:page_id>/import/", admin_imports.import_year, name="import"),
]
