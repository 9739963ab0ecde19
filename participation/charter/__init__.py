"""The participation charter and the Citizen-Commune Label self-assessment (issue 12): promises
citizens can check.

Data (``models``): ``Principle`` (the commune's seven principles, seed 002, with their legal
references), ``CharterPage`` → ``Commitment`` (by principle; indicator typed or computed through
``participation.core.indicators``; status with a public note; due date; responsible service;
``CommitmentDocument`` / ``CommitmentLink`` evidence; a core ``Contribution`` of kind
``charter_commitment`` for comments, follows and the citizens' rating: kept / partly / not kept,
scale 3) and ``Evaluation`` → ``EvaluationFinding`` (the history); ``Questionnaire`` →
``QuestionnaireSection`` → ``Question`` → ``AnswerChoice`` (points), ``LabelPage`` → ``Assessment``
(draft → validated → verified) → ``Answer`` (+ ``AnswerEvidence``), ``ActionPlanItem``.

The score (``scoring``): points earned out of points possible, per principle and overall; frozen on
the assessment at validation and at verification.
"""
