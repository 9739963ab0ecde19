"""The charter's staff screens under ``/admin/charter/`` (namespace ``charter_admin``; Wagtail's
admin requires a staff login; each view checks ``rules.can_manage_charter`` on the charter named by
``page_id``, which the admin's commune scoping also checks: another commune's page answers 403)."""

from __future__ import annotations

from django.urls import path

from . import admin_views

urlpatterns: list = [
    path("", admin_views.index, name="index"),
    path("<id:page_id>/", admin_views.overview, name="overview"),
    path("<id:page_id>/commitments/<id:commitment_id>/status/", admin_views.commitment_status,
         name="commitment_status"),
    path("<id:page_id>/evaluations/new/", admin_views.evaluation_new, name="evaluation_new"),
    path("<id:page_id>/evaluations/<id:evaluation_id>/publish/", admin_views.evaluation_publish,
         name="evaluation_publish"),
    path("<id:page_id>/evaluations/<id:evaluation_id>/unpublish/", admin_views.evaluation_unpublish,
         name="evaluation_unpublish"),
]
