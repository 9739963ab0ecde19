"""The citizen budget (issue 13): the commune's money explained to people who will never open a
budget annex (law 31-13 art. 10: budgets and accounts are published proactively).

Data (``models``): ``BudgetPage`` (Arabic source page + French copy; every row hangs on the
source page, ``logical_budget()``) → ``BudgetYear`` (year, approval date, summary, the budget and
administrative-account PDFs; the budget and the account are published apart,
``budget_published_at`` / ``account_published_at``; their due dates from ``BudgetSettings``) →
``BudgetLine`` (revenue or expense, operating or investment part, ``Chapter``, article, paragraph,
label, functional ``Sector``; voted, amendments, executed MAD; ``final`` and ``execution_rate``;
optionally the programme project it pays for, ``tracked_project``: that project's core
``Contribution``, found through ``core.conversion.tracked_items``). ``Chapter`` and ``Sector``
carry the communicator's plain-language explanations, kept from year to year.
``LineQuestion``: a citizen's question about a line, a core ``Contribution`` of kind
``budget_question`` (comments, the commune's official answer, follows).

Rules (``rules``): ``can_manage`` (the communicator, or the administrator), ``can_ask`` (a
citizen with a verified account, on a published year).

Citizens' pages (``views.pages``, reads in ``selectors`` and ``figures``): ``index_route`` (the
latest published year's key figures and every published year), ``year_route`` (where the money
comes from and goes, per inhabitant, your 100 dirhams, voted against executed, the big investment
projects linked to the programme, the explanations, the years compared, the documents and data),
``lines_route`` (every line of a year, by chapter or words, to ask about any). The rules behind the
figures (final credit, execution rate, per inhabitant, the 100 dirhams by largest remainder) are
in ``figures`` and ``models.execution_rate``; every page runs a fixed number of queries.

Import (``imports.budget_year_import(*, budget, year, uploaded_file, by)``, screen
``admin_imports``): the ``budget/1`` layout, every row checked first, all or nothing, chapter
totals that do not add up reported as warnings, a re-import updating the year by the lines' codes
and keeping the lines citizens asked about.

Publication (``duties``, ``publication``): ``duties.budget_duties(budget=, today=)`` → per year the
budget's and the account's ``Duty`` (unknown, not yet due, due in N days — soon within 14 —,
overdue, published on time, published late; pure, from ``BudgetSettings``);
``publication.budget_publish`` / ``budget_unpublish`` / ``account_publish`` / ``account_unpublish``
(``published_on=`` a past day; refusals are translated ``ValidationError``s) and
``budget_year_save``, each renewing the anonymous pages.

Staff side (``admin_views``, ``admin_urls``, namespace ``budget_admin`` under ``/admin/budget/``):
the budgets with their duties, a budget's overview (years, totals, publication, questions awaiting
an answer), the year form; snippets ``Chapter`` and ``Sector`` (the explanations), scoped to the
user's communes; the home page's block with the latest published year's totals (``wagtail_hooks``).

Provisioning (``provisioning``): a "Citizen budget" page under "Participate" with the eight
functional sectors explained; in the demo the budgets 2025 (with its administrative account) and
2026 of a commune of Larache's size, balanced part by part.

The open-data layout (``budget/1``, import and export alike) is ``DATA_LAYOUT.md``.

Questions (``services.question_ask(*, budget, line, author, title, text)``; reads in
``questions``: ``line_detail`` — a line of a published year with its amounts, explanations and
the same line in the other published years, one query —, ``line_questions``, ``question_line``):
a citizen asks on the line's page (``line_route``), the question's thread is ``question_route``;
the commune answers with the core (``contribution_set_status``, the admin's contributions screen,
where the kind is named through the hook ``participation_contribution_kinds``).

Open data (``exports``): ``year_tables``, ``year_lines_csv``, ``year_json`` (public: executed
amounts only once the account is published) and ``year_xlsx_bytes(budget_year,
unpublished_executed=True)`` (the staff workbook); served by ``data_route``
(``years/<year>/data/csv|xlsx|json/``). The printable leaflet of a year (``leaflet``,
``pdf_route``: ``years/<year>/pdf/``).
"""
