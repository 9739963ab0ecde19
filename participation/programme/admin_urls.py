"""The programme's staff screens under ``/admin/programme/`` (each view is ``@staff_view`` and
checks ``rules.can_manage`` on the programme it is given)."""

from __future__ import annotations

from django.urls import path

from . import admin_adoption, admin_reports

urlpatterns: list = [
    path("<id:page_id>/adopt/", admin_adoption.adopt, name="adopt"),
    path("<id:page_id>/reports/", admin_reports.report_list, name="reports"),
    path("<id:page_id>/reports/new/", admin_reports.report_edit, name="report_new"),
    path("<id:page_id>/reports/<id:report_id>/", admin_reports.report_edit, name="report_edit"),
    path("<id:page_id>/reports/<id:report_id>/publish/", admin_reports.report_publish, name="report_publish"),
    path("<id:page_id>/reports/<id:report_id>/pdf/", admin_reports.report_pdf, name="report_pdf"),
]
