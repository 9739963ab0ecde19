"""The programme's staff screens under ``/admin/programme/`` (each view is ``@staff_view`` and
checks ``rules.can_manage`` on the programme it is given)."""

from __future__ import annotations

from django.urls import path

from . import admin_imports

urlpatterns: list = [
    path("<id:page_id>/import/", admin_imports.import_programme, name="import"),
    path("<id:page_id>/export.xlsx", admin_imports.export_programme, name="export_xlsx"),
]
