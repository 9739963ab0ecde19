"""The participation core (app label ``participation_core``): the mechanisms every participation
feature (suggestions, consultations, meetings, …) shares. FINAL API — consumers read this.

Models (``participation.core.models``)
--------------------------------------
- ``Contribution`` — anything citizens comment on, support, follow and report. Fields: ``site``
  (the commune's Site, set from the page), ``page`` (FK ``wagtailcore.Page``, ALWAYS the logical
  page = the Arabic source page; the services do it for you), ``kind`` (free text, see
  ``ContributionKind``: suggestion, remark, proposal, project, meeting, petition, idea — add your
  own without a migration; its label for the admin's lists comes from the hook
  ``participation_contribution_kinds``: ``fn() -> [(kind, label)]``, read by
  ``models.contribution_kind_choices()``), ``author`` (nullable: staff items), ``entered_by_staff``,
  ``on_behalf_of_name``, ``association_name``, ``title``, ``text``, ``category`` (FK ``Category``),
  ``neighbourhood`` (FK ``communes.Neighbourhood``), ``place_description``, ``photo`` /
  ``photo_thumbnail`` / ``photo_alt`` (pass a ``ContentFile`` cleaned by
  ``attachments.clean_photo`` as ``photo=`` to the services; a 480px thumbnail is made),
  ``data`` (JSON, feature-specific extras), ``status`` (``ContributionStatus``: received,
  under_study, answered, accepted, not_retained, done, withdrawn; transitions in
  ``STATUS_TRANSITIONS``), ``official_answer``, ``answered_at``, ``answered_by``,
  ``support_count``, ``comment_count`` (denormalised, exact; ``comment_count`` counts visible,
  non-deleted comments), ``visibility`` (``Visibility``: visible/hidden) + ``hidden_reason``,
  ``created_at``, ``updated_at``.
  QuerySet: ``.visible()``, ``.visible_to(user)`` (+ the user's own hidden items),
  ``.for_page(page)`` (any language copy), ``.of_kind(*kinds)``, ``.open()``,
  ``.with_viewer_state(user)`` (annotates ``viewer_supports``, ``viewer_follows``; no N+1).
  Properties: ``author_display``, ``is_hidden``, ``is_open``, ``status_badge``.
- ``Category`` — per site, ``name_ar``/``name_fr``/``name`` (snippet "Categories", edited by the
  focal point; the suggestions space uses it, others may too).
- ``StatusChange`` (contribution, from_status, to_status, reason, by, at) — the public history.
- ``Comment`` (contribution, parent — one level deep, author, text, is_official, is_deleted
  (tombstone), visibility/hidden_reason, created_at, edited_at). Edit window: setting
  ``COMMENT_EDIT_WINDOW`` (timedelta, default 15 minutes).
- ``Support`` (user, contribution) unique. ``Report`` (reporter, contribution XOR comment, site,
  reason ``ReportReason``, details, resolved_at/by). ``Rating`` (user, contribution, value) unique:
  one per account, changeable; the contribution keeps ``rating_count`` / ``rating_total`` exact.
  ``ContributionLink`` (source, target, relation ``LinkRelation``: ``became`` — an open project
  adopted into a programme; ``concerns`` — a suggestion or a remark about a project): two
  capabilities' items linked through the core alone. ``ModerationAction`` (actor, action, site,
  contribution, comment, target_user, reason, created_at). ``UserBlock`` (user, site, until,
  reason; ``UserBlock.objects.active()``).

Services (``participation.core.services``, keyword-only, atomic)
----------------------------------------------------------------
``contribution_create(*, page, author, kind, title, text, photo=None, **extra)`` (extra: category,
neighbourhood, place_description, photo_alt, association_name, entered_by_staff,
on_behalf_of_name, data, created_at) · ``contribution_update(*, contribution, by, photo=None,
remove_photo=False, **fields)`` · ``contribution_withdraw(*, contribution, by)`` ·
``contribution_set_status(*, contribution, status, by, answer="", reason="")`` (status change
and/or official answer; history + followers notified) · ``comment_create(*, contribution,
author, text, parent=None, official=False)`` · ``comment_edit(*, comment, by, text)`` ·
``comment_delete(*, comment, by)`` · ``support_toggle(*, contribution, user, want=None) ->
(supported, count)`` · ``report_create(*, reporter, reason, details="", contribution=None,
comment=None)`` · ``moderation_hide/moderation_restore/moderation_dismiss(*, by, reason,
contribution=None, comment=None)`` · ``user_block(*, user, site, by, days, reason)`` ·
``user_unblock(*, user, site, by, reason="")`` · ``rating_set(*, contribution, user, value,
scale=5, page=None) -> (count, total)`` (row lock; checks ``rules.can_rate``) ·
``contribution_link(*, source, target, relation)`` (idempotent).
Each service announces what happened through ``participation.core.events.announce`` (the event
names, once: ``ParticipationEvent``: contribution_created, comment, reply, official_answer,
status_change, update — news on a tracked item, with ``texts=`` the excerpt); the core does not know who listens (``participation.notifications`` makes authors
and commenters follow and tells the followers; it registers its ``Follow`` model with
``models.register_follow_model`` for ``viewer_follows``).

Selectors (``participation.core.selectors``)
--------------------------------------------
``contribution_list(*, page, kinds, viewer, category_id, neighbourhood_id, status, sort, search)``
(sort: newest|oldest|supported|commented) · ``contribution_get(*, page, pk, viewer, kinds=None)`` ·
``comment_thread(*, contribution, viewer, page_number, reply_to=None)`` (50 top-level comments per
page + replies, 3 queries, loaded lazily; the list's HTML is cached by ``fragments``, whole for
viewers who wrote none of its comments; ``reply_to`` turns the page's one comment form into a reply,
from ``?reply=<id>``) · ``status_history(*, contribution)`` · ``participation_context(*, request,
contribution, page=None) -> dict`` — pass it to your template: it holds everything the includes
below need (contribution, history, thread, comment_permission, support_permission, can_answer,
next) · ``rating_summary(*, contribution, viewer=None) -> RatingSummary(count, average,
viewer_value)`` (the average from ``RATING_MIN_SHOWN`` = 5 ratings) ·
``rating_distributions(*, contributions) -> {contribution id: {value: count}}`` (one query for
many: the charter's scorecard) · ``linked_contributions(*,
contribution, relation, direction="in"|"out", viewer=None)`` · ``link_target(*, site_id, pk)``
(a visible contribution of the commune a new one may be about: ``?about=<id>`` on the suggestions
form).

Rules (``participation.core.rules``)
------------------------------------
Predicates return ``Permission(allowed, reason)``; reasons: "login", "verify_email", "blocked",
"closed", "hidden", "own", "forbidden", "too_late". ``can_act(user, site_id=)`` (the account
checks alone: logged in, verified, not blocked on that commune; a capability's own rules start
with it), ``can_contribute(user, page)``,
``can_comment(user, contribution, page=None)``, ``can_support(user, contribution, page=None)``,
``can_report(user)``, ``can_rate(user, contribution, page=None)``, ``can_edit_comment``,
``can_delete_comment``; ``can_moderate(user, site=)``,
``can_answer(user, site=)``, ``is_focal_point(user, site_id=)`` (focal point role). What they know
of an account (verified address, blocks, focal-point sites) is ``account_standing(user)``, cached
under ``site_template.cache_versions.ACCOUNT_STANDING``; signals renew it, and a change made by a
queryset ``update`` must call ``forget_account_standing(user)``. Phase rule: your page may define
``participation_closed_reason(self, *, action) -> str | None`` (action: "contribute", "comment",
"support"); a non-empty reason (e.g. "closed", "not_started") refuses the action.

Pages (``participation.core.pages``)
------------------------------------
The one place for the logical page, the page in a language and the commune:
``source_language()`` (from ``settings.LANGUAGE_CODE``), ``current_language()``, ``is_source(page)``,
``in_source_language(queryset)``, ``logical_page(page)``, ``logical_page_id(page)``,
``logical_specific(page)`` (the source copy read as the page's own class, kept for the request),
``localized_page(page, language=None)``, ``site_id_of(page)`` / ``page_site(page)`` (cached),
``request_site(request, page=None)``, ``contribution_url(contribution, language=None)`` — uses your page's optional
``contribution_url(self, contribution) -> str`` (else page URL + ``#contribution-<id>``);
``contribution_urls(contributions, *, page)`` — many of one page at once, through the page's optional
``contribution_urls(self, contributions) -> dict[int, str]`` (consultations: two queries).

Routes (``participation.core.routing``): ``page_route(pattern, "participation.<app>.views.<view>",
name=None)``, one line per sub-page of a RoutablePage; the view is ``view(request, page, **kwargs)``.
Rules are checked by the services with ``rules.require(permission)`` (raises ``ActionRefused``).
Conversion targets (``participation.core.conversion``): hook ``participation_conversion_targets``;
adoptable items (an open project a programme takes over whole): hook
``participation_adoptable_items`` → ``AdoptableItem``, asked with ``adoptable_items(site)``.
The capability skeleton every app follows: ``participation/README.md``.

Endpoints (``participation/core/urls.py``, namespace ``participation_core``, under
``/<lang>/participation/``): ``comment_post`` (POST contributions/<id>/comment/: text, parent,
official, next), ``support_toggle`` (POST contributions/<id>/support/: support=1|0, next), ``rate``
(POST contributions/<id>/rate/: value 1..the page's ``rating_scale`` (5), next),
``comment_edit`` / ``comment_delete`` (GET form, POST), ``report`` (report/<contribution|comment>/<id>/).
All redirect to a same-site ``next`` with a message; JSON when ``X-Requested-With: fetch``.

Cached HTML (``participation.core.fragments``): ``cached_html(key, template_name, context)`` for a
part of a page that is the same for every visitor (renewed by every public change);
``attach_fragments`` for per-item fragments in lists.

Includes (``participation_core/includes/``): ``comments.html``,
``support_button.html``, ``rating.html`` (contribution, rating, rating_permission, rating_question,
scale_labels), ``report_form.html`` (with target="contribution"|"comment" obj=…),
``status_history.html``, ``official_answer.html``, ``permission_notice.html`` (permission=…),
``form_field.html``, ``form_errors.html``. ``{% progress_bar value %}`` (``participation_core_tags``: a share out of 100 as a small SVG bar
and a number, filled from the start of the line). CSS: ``participation_core/participation_core.css``
(load it in ``{% block head_links %}``). Follow button: ``participation.notifications``.

Anonymous page cache (``participation.core.caching``): decorate a page view ``(request, page,
*args)`` with ``@anonymous_page_cache``; the core services bump the commune's content version
on every public write (``content_changed(site_id=…)``; call it from your own services too when
they change what an anonymous page shows). Setting ``PARTICIPATION_PAGE_CACHE_SECONDS`` (120;
0 disables). Responses carry ``X-Page-Cache: hit|miss``. A page whose content changes by itself
at a known instant uses ``mark_anonymous_cacheable_until(request, response, expires_at)`` instead
(the home page does); ``content_cached(key, build, fresh=…)`` rebuilds a value time made stale.

Side-effect writes (``participation.core.db``): ``brief_transaction(lock_wait=seconds)`` (an atomic
block that gives up with ``OperationalError`` instead of waiting longer for another writer),
``after_response(call)`` (run once the response has gone; at once outside requests) and
``save_with_retries(instance)`` (insert, retried while the database is busy). For what a page
records as it is read (an access log) so that it neither fails nor hangs on SQLite while another
process writes; see ``info_requests.services.identity_access_log``.

Conversion (``participation.core.conversion``): a capability that can receive items from another
(a meeting idea becoming a suggestion or a consultation proposal) registers
``participation_conversion_targets``: ``fn(site) -> list[ConversionTarget]`` (``key``, ``kind``,
``label``, ``page``, ``create(*, title, text, on_behalf_of_name, origin, by) -> Contribution``);
the converting capability calls ``conversion_targets(site)`` / ``conversion_target(site, key)``.

Charts (``participation.core.charts``, server-side SVG, no JavaScript): ``bar_chart``,
``grouped_bar_chart`` (several series per row, each with its own fill pattern and its name in the
legend), ``percent_bars`` (a share out of 100 per row), ``gantt(*, id, title, description, rows,
start, end, today, rtl)`` (rows ``(label, start, end, progress, late)``: year and month ticks, a
"today" line, late rows hatched and labelled). Each returns a dataclass of geometry, mirrored when
``rtl``; draw it with ``participation_core/includes/{bar_chart,grouped_bar_chart,percent_bars,
gantt}.html`` (``role="img"``, <title>, <desc>) and its numbers with ``chart_table.html`` (same
``chart``), or both at once with ``chart_with_table.html`` (``chart``, ``kind``: bar, grouped, percent,
gantt); CSS ``participation_core/charts.css``.

Amounts (``participation.core.money``): ``format_mad(amount, decimals=2)`` → “1 234 567,89 درهم” /
“1 234 567,89 MAD” (narrow no-break space between groups), ``format_mad_short(amount)`` →
“12,3 مليون درهم” / “12,3 millions de dirhams”; in templates ``{% load money_tags %}``,
``{{ amount|mad }}``, ``{{ amount|mad:0 }}``, ``{{ amount|mad_short }}``.

Background work: ``participation.core.tasks.retry_later(task, attempt=n, **kwargs)`` (a task
that failed for a passing reason runs again after 1 min, 5 min, 30 min, 2 h on the production
database queue). Periodic jobs: register ``periodic_jobs`` (``fn() -> list[PeriodicJob]``:
``name``, ``run``, ``every=`` a timedelta or ``at=`` a local time) in ``participation.core.scheduling``;
``manage.py run_scheduled_jobs`` runs each due job once, whatever the number of schedulers.

Spreadsheets (``participation.core.exports`` out, ``participation.core.spreadsheets`` in): staff
exports (``export_rows``, ``xlsx_workbook_bytes`` for several sheets, ``csv_text``, ``attachment``)
and imports (``read_table`` / ``read_workbook`` with size and row limits and formula cells
reported, ``column_keys`` with header aliases, ``parse_amount`` / ``parse_whole_number`` /
``parse_date`` / ``parse_yes_no`` raising a translated ``CellError``, ``ImportReport`` and
``RowError`` (with ``warnings`` that do not stop an import), ``read_upload`` (the declared size
checked before a byte is read), ``header_message``, ``parse_choice``; the admin include
``participation_core/admin/includes/import_report.html``: a refusal, and the warnings).
Public open data: ``open_data_response(fmt, *, csv, xlsx, json_data, filename)`` (``OPEN_DATA_FORMATS``;
only the asked format is built) and ``json_value`` (amounts as strings with two decimals, ISO dates).

"My data": the core exports the user's contributions, comments, supports and reports under
``"participation"`` (its own ``user_data_export`` hook).

Admin buttons (``participation.core.admin_buttons``): ``register_page_tools_button(*, page_class,
label, url_name, icon_name, rule, priority)`` — the button a capability puts on its pages in the
page editor and the page listing, to its staff screen for the page's source copy, for the staff
``rule(user, page)`` lets manage it.

Indicators (``participation.core.indicators``): figures the site computes from its own records
for the charter's commitments (issue 12). A capability registers ``participation_indicator_sources``:
``fn() -> list[IndicatorSource]`` (``key`` stable, ``label``, ``unit`` ``IndicatorUnit``, ``method``,
``principle``, ``measure(*, site_id, start, end) -> Reading(value, numerator, denominator,
evidence)``: public records of the commune only, days in Africa/Casablanca, a fixed number of
queries, at most ``EVIDENCE_LIMIT`` ``Evidence`` links latest first). Read with
``indicator_sources()``, ``indicator_source(key)``, ``indicator_choices()``; ``share`` (percent,
one decimal, None out of zero) and ``day_bounds``; for the measures ``in_commune(qs, site_id)``,
``public_condition()``, ``localized_copies(pages)``, ``page_path(page)``. Registered: meetings
(held, reports published, participants, women's share), info_requests (received, answered on
time), consultations (synthesis published), council (decisions posted on time), budget (published
on time), programme (projects done).

Admin: Wagtail menu "Participation" → moderation queue, moderation log, contributions (official
answer + status), categories, blocks (``participation.core.wagtail_hooks``).
"""
