"""Tracking the commune's programmes (issue 11): the six-year Commune Action Programme (PAC), the
openness programme and later ones (organic law 113.14 art. 78-82, decree 2.16.301 art. 5-7, 14-15).

Data (``models``): ``ProgrammePage`` (Arabic source page + French copy; every row hangs on the
source page, ``logical_programme()``) → ``Axis`` → ``Project`` (number unique in the programme;
texts ``_ar``/``_fr``; neighbourhoods; logical framework; dates; ``status`` along
``STATUS_TRANSITIONS``, kept as public ``StatusChange`` history; progress %; a core
``Contribution`` of kind ``programme_project`` for comments, follows, ratings, moderation and
links) with its ``Activity`` rows, ``FundingLine`` (year, source; planned, committed, spent MAD),
``ProjectPhoto``, ``ProjectDocument``, ``Indicator`` (+ ``IndicatorValue`` per year, women and
men apart when it counts people), ``ProjectUpdate`` (progress updates) and ``AnnualReport``.

Writes (``services``): ``project_save``, ``project_thread``, ``project_set_status`` (transitions,
a reason for a suspension or a cancellation, followers told with the core event ``update``),
``update_post`` (text, photo, new progress; followers told), ``project_adopt`` (an open project of
a consultation, through ``core.conversion.adoptable_items``; threads linked both ways),
``annual_report_save`` / ``annual_report_publish`` (figures frozen) / ``annual_report_unpublish``;
``imports.programme_import`` (XLSX/CSV, every row checked, all or nothing, updates by numbers).
Rules (``rules.can_manage``): the commune's focal point. Citizens rate through the core's rate
endpoint (1-5, one per account, average shown from five) and follow through the notifications.

Reads: ``selectors`` (lists, a project's page: fixed query counts), ``figures.programme_figures``
(completion, money by axis / year / neighbourhood, indicators on or off track, late projects: six
queries), ``timeline`` (Gantt rows), ``origins.project_origins`` (what shaped a project: the open
project and its supports, its remarks, the suggestions about it), ``reports`` (report figures and
PDF), ``exports`` (the open-data layout of ``DATA_LAYOUT.md``: XLSX, CSV, JSON), ``search``
(projects in the site search).

Public routes of a programme page: ``""`` (axes, projects filtered and paginated, updates,
reports), ``axes/<n>/``, ``projects/<n>/``, ``dashboard/`` and ``dashboard/data/<csv|xlsx|json>/``,
``data/<csv|xlsx|json>/`` (open data), ``feed/`` (Atom), ``reports/<year>/`` and its ``pdf/``
(published only). Staff (``/admin/programme/``): the programmes, a programme's overview and tools,
a project's status and updates, the spreadsheet import and export, adoption from a consultation,
the annual reports; axes, projects and indicators are also snippets scoped to the commune.
"""
