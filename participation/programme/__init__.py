"""Tracking the action programme (issue 11); see the module docstrings.

Adoption from a consultation: ``admin_adoption`` (``/admin/programme/<page id>/adopt/``) lists the
commune's ``core.conversion.adoptable_items`` not adopted yet and calls ``services.project_adopt``;
``origins.project_origins(project=, viewer=)`` says what shaped a project (the open project and its
supports, its remarks, the suggestions about the project), shown by
``programme/includes/origins.html`` (context: ``origins``).

Annual evaluation report: ``admin_reports`` (``/admin/programme/<page id>/reports/``: list, draft
beside the live figures, publish/unpublish, PDF preview), ``services.annual_report_save`` /
``annual_report_publish`` (figures frozen) / ``annual_report_unpublish``, ``reports`` (figures as
shown, PDF, ``published_reports``), public ``views.reports`` (``reports/<year>/`` and its ``pdf/``,
404 unless published) and ``programme/includes/reports_list.html`` (context: ``reports``, ``page``).
"""
