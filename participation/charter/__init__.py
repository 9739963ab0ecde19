"""The participation charter and the Citizen-Commune Label self-assessment (issue 12): promises
citizens can check. One capability app, two pages, the seven principles shared.

Data (``models``)
-----------------
``Principle`` (the commune's seven principles, seed 002, with their legal references; defaults in
``principles.principles_ensure``). The charter: ``CharterPage`` (text, adoption, document) →
``Commitment`` (by principle; what the commune promises; an indicator — baseline, target, and a
value typed by the focal point or, with ``indicator_source``, computed by the site from its own
records through ``participation.core.indicators`` over ``indicator_period``; a status with a public
note; due date; responsible service; the programme project carrying it, a core ``Contribution``
found through ``core.conversion.tracked_items``; ``CommitmentDocument`` / ``CommitmentLink``
evidence; a core ``Contribution`` of kind ``charter_commitment`` for comments, follows and the
citizens' rating: ``CitizenView`` kept 3 / partly 2 / not kept 1, ``RATING_SCALE`` 3) and
``Evaluation`` (who, when, score, report; published or not) → ``EvaluationFinding`` per commitment
(its status and value then: the history of how it moved). The label: ``Questionnaire`` →
``QuestionnaireSection`` → ``Question`` (principle scored, sources of verification) →
``AnswerChoice`` (points); ``LabelPage`` → ``Assessment`` per year (draft → validated → verified;
``self_scores`` / ``final_scores`` frozen) → ``Answer`` (choice, comment, who answered; the
verification's ``verified_choice`` and note) + ``AnswerEvidence`` (private storage), and
``ActionPlanItem`` (owner, deadline, status, commitments, programme project).

Rules (``rules``): ``can_manage_charter`` (focal point or administrator), ``can_rate_commitment``
(the core's ``can_rate``), ``can_edit_assessment`` (focal point or administrator, a draft),
``can_see_assessment`` (a draft: its editors only), ``can_validate_assessment`` (the administrator,
in the president's name), ``can_verify_assessment``, ``can_keep_action_plan``.

The rules behind the figures, each in one place: ``figures.commitment_values`` (the value of a
commitment on a day: typed, or one ``measure`` per distinct computed indicator and period; progress
toward the target; the scorecard per principle, the commune's statuses beside the citizens'
ratings) and ``scoring`` (the label's score: points earned out of points possible, per principle
and overall, ``METHOD`` shown to citizens; ``assessment_scores``, ``Scores.as_json`` / ``from_json``).

Writes: ``services`` (the charter: ``commitment_save``, ``commitment_thread``,
``commitment_set_status`` — followers told —, ``evaluation_start`` — findings prefilled with each
commitment's status and value —, ``evaluation_publish`` / ``evaluation_unpublish``) and
``assessments`` (the label: ``assessment_open``, ``answer_save``, ``evidence_add`` /
``evidence_remove``, ``assessment_validate`` — scores frozen —, ``answer_verify`` — confirm or
correct with a note —, ``assessment_verify`` — final scores frozen —, ``action_save`` /
``action_set_status`` / ``action_remove``, ``assessment_summary_save``; reads ``weak_points``,
``unanswered_questions``).

Reads: ``selectors`` (the charter's pages, a fixed number of queries whatever the number of
commitments, evaluations and ratings), ``label_selectors`` and ``label_figures`` (public
assessments only — a draft is never read for the public site —, the completed questionnaire, the
action plan, the years compared as core grouped bars), ``exports`` (the open data,
``DATA_LAYOUT.md``), ``label_pdf`` (the completed questionnaire as a PDF, shaped Arabic),
``search`` (commitments in the site search, ``search_hooks``).

Public routes: a charter page ``""``, ``principles/<code>/``, ``commitments/<n>/`` (value,
evidence, history, rating, comments), ``evaluations/<pk>/`` (published only), ``scorecard/``,
``data/<csv|xlsx|json>/``; a label page ``""`` (the latest public result, the action plan, the
years compared, what the label is), ``assessments/<year>/`` and its ``pdf/`` (public years only:
404 otherwise, staff included).

Staff (``admin_views`` / ``admin_urls``, namespace ``charter_admin`` under ``/admin/charter/``: the
charters, a charter's overview with status changes and evaluations; ``label_admin_views`` /
``label_admin_urls``, namespace ``label_admin`` under ``/admin/label/``: open a year, fill in by
section with evidence, validate, verify, the action plan, the evidence files); snippets Principle,
Commitment, Evaluation (findings inline), Questionnaire (sections inline), Question (answers
inline), scoped to the user's communes. Hooks in ``wagtail_hooks`` (charter) and ``label_hooks``.

Provisioning: ``provisioning.charter_setup`` (the principles, a charter page under "Participate";
in the demo 10 commitments over the seven principles, five computed, and two published
evaluations a year apart) and ``label_provisioning.label_setup`` (the default questionnaire of
``label_defaults``: 5 sections, 25 questions; a label page; in the demo 2024 and 2025 verified,
one answer corrected, an action plan, and a 2026 draft).
"""
