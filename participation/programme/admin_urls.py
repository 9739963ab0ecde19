"""The programme's staff screens under ``/admin/programme/`` (Wagtail's admin requires a staff
login; each view checks ``rules.can_manage`` on the programme it is given)."""

from __future__ import annotations

from django.urls import path

from . import admin_adoption, admin_imports, admin_reports, admin_views

urlpatterns: list = [
    path("", admin_views.index, name="index"),
    path("<id:page_id>/", admin_views.overview, name="overview"),
    path("projects/<id:project_id>/status/", admin_views.project_status, name="project_status"),
    path("projects/<id:project_id>/update/", admin_views.project_update, name="project_update"),
    path("<id:page_id>/import/", admin_imports.import_programme, name="import"),
    path("<id:page_id>/export.xlsx", admin_imports.export_programme, name="export_xlsx"),
    path("<id:page_id>/adopt/", admin_adoption.adopt, name="adopt"),
    path("<id:page_id>/reports/", admin_reports.report_list, name="reports"),
    path("<id:page_id>/reports/new/", admin_reports.report_edit, name="report_new"),
    path("<id:page_id>/reports/<id:report_id>/", admin_reports.report_edit, name="report_edit"),
    path("<id:page_id>/reports/<id:report_id>/publish/", admin_reports.report_publish, name="report_publish"),
    path("<id:page_id>/reports/<id:report_id>/pdf/", admin_reports.report_pdf, name="report_pdf"),
]
