"""The citizen budget's staff screens under ``/admin/budget/`` (Wagtail's admin requires a staff
login; each view checks ``rules.can_manage`` on the budget it is given)."""

from __future__ import annotations

from django.urls import path

from . import admin_imports, admin_views

urlpatterns: list = [
    path("", admin_views.index, name="index"),
    path("<id:page_id>/", admin_views.overview, name="overview"),
    path("<id:page_id>/import/", admin_imports.import_year, name="import"),
    path("<id:page_id>/years/new/", admin_views.year_edit, name="year_new"),
    path("<id:page_id>/years/<id:year_id>/", admin_views.year_edit, name="year_edit"),
    path("<id:page_id>/years/<id:year_id>/publish/", admin_views.year_publish, name="year_publish"),
    path("<id:page_id>/years/<id:year_id>/unpublish/", admin_views.year_unpublish, name="year_unpublish"),
]
