"""Digital consultation weeks (التشاور الرقمي) on the commune's draft programme of open projects
(issue 4, seed 003).

Data
- ``ConsultationPage`` (Arabic source page + French translation, under "Participate"): the window
  (``opens_at``/``closes_at``, Africa/Casablanca), the draft programme documents, the synthesis
  switches and the council's adoption. The window, the projects and every remark belong to the
  Arabic page (``ConsultationPage.logical_consultation()``); publishing the Arabic page publishes a French
  copy and copies the window to it.
- ``OpenProject``: number, Arabic/French texts side by side, priority axis, estimated cost,
  funding, responsible service, the committee's decision/reason/revised text. Each has a core
  ``Contribution`` (kind "project") that carries supports, follows and moderation.
- ``Remark``: a remarks card (problem, solutions, funding sources, tracking indicators, impact
  indicators, free remark — at least one) on a project, or a new-project proposal (no project, a
  title). Online (author, possibly on behalf of a staff-confirmed association) or typed in by staff
  from paper (``entered_by_staff`` + participant's name). Each has a core ``Contribution`` (kind
  "remark"/"proposal") for comments, follows, reports and moderation.
- "Notify me when it opens" is a follow of the consultation page (``participation.notifications``);
  ``manage.py send_consultation_openings`` (cron) announces each opening once (core event
  ``opened``), and the followers hear of it through their notifications.

Phase (announced / open / closed) comes from ``clock.now()`` and the window, never stored;
``clock.local_instant`` turns a Moroccan wall-clock time into an instant and refuses times skipped
or repeated by the Ramadan clock changes.

Public routes of a consultation page (declared on the model with ``core.routing.page_route``,
served by the functions of ``views``): ``""``, ``projects/<number>/`` (card form, POST),
``propose/``, ``remarks/<id>/`` (comments), ``remarks/<id>/edit/`` and ``withdraw/`` (author,
while open), ``notify/`` (POST), and for the focal point ``export/csv/``, ``export/xlsx/``,
``report/pdf/``. Admin (``/admin/consultations/``): list, overview, spreadsheet import, paper
remarks, synthesis per project and remark; open projects are also a snippet.

Writes: ``services`` (``remark_create``, ``remark_update``, ``remark_withdraw``,
``paper_remark_create``, ``remark_set_decision``, ``project_set_synthesis``, ``project_save``,
``opening_notice_request``, ``opening_notices_send``, ``synthesis_publish_to_threads``),
``imports.projects_import`` (all rows or none). Reads: ``selectors`` (fixed query counts).
Rules: ``rules`` (phase, ownership and association on top of ``participation.core.rules``, as
core ``Permission``s); the services check them with ``require`` and raise the core's
``ActionRefused`` (``services.ConsultationActionRefused`` is the same class), which the views
turn into the notice.

Adoption into a programme (issue 11): the hook ``participation_adoptable_items`` offers each open
project of the commune's live consultations that the committee did not turn down
(``core.conversion.AdoptableItem``, key ``open_project:<pk>``: the revised text when there is one);
a remark on a project is linked to the project's thread (``LinkRelation.CONCERNS``, also for the
remarks made before, by migration 0005); the project page says where the project is now followed
(``selectors.project_followed_in``: what its thread ``BECAME``).
"""
