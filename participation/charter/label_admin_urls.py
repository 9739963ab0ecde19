"""The label's staff screens under ``/admin/label/`` (namespace ``label_admin``; Wagtail's admin
requires a staff login; each view checks the label's rules on the page it is given)."""

from __future__ import annotations

from django.urls import path

from . import label_admin_views as views

urlpatterns: list = [
    path("", views.index, name="index"),
    path("<id:page_id>/", views.overview, name="overview"),
    path("<id:page_id>/open/", views.open_year, name="open"),
    path("<id:page_id>/<id:year>/", views.fill, name="fill"),
    path("<id:page_id>/<id:year>/sections/<id:section_id>/", views.section_save, name="section_save"),
    path("<id:page_id>/<id:year>/evidence/<id:evidence_id>/", views.evidence_file, name="evidence"),
    path("<id:page_id>/<id:year>/evidence/<id:evidence_id>/remove/", views.evidence_delete, name="evidence_remove"),
    path("<id:page_id>/<id:year>/validate/", views.validate, name="validate"),
    path("<id:page_id>/<id:year>/verify/", views.verify, name="verify"),
    path("<id:page_id>/<id:year>/verify/close/", views.verify_close, name="verify_close"),
    path("<id:page_id>/<id:year>/plan/", views.plan, name="plan"),
    path("<id:page_id>/<id:year>/plan/<id:number>/", views.plan, name="action_edit"),
]
