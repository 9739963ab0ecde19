"""The programme's staff screens under ``/admin/programme/`` (Wagtail's admin requires a staff
login; each view checks ``rules.can_manage`` on the programme it is given)."""

from __future__ import annotations

from django.urls import path

from . import admin_views

urlpatterns: list = [
    path("", admin_views.index, name="index"),
    path("<id:page_id>/", admin_views.overview, name="overview"),
    path("projects/<id:project_id>/status/", admin_views.project_status, name="project_status"),
    path("projects/<id:project_id>/update/", admin_views.project_update, name="project_update"),
]
