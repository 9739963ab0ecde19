"""The open data of a charter: its commitments with their values and statuses (CSV), every public
table (XLSX: commitments, evaluations, findings) and the whole charter (JSON). Public data only:
published evaluations, the citizens' ratings as counts, never an account.

The layout (stable; described for re-users, column by column, in ``DATA_LAYOUT.md``)::

    commitments  number, principle, principle_ar, principle_fr, title_ar, title_fr, promise_ar,
                 promise_fr, indicator_ar, indicator_fr, unit_ar, unit_fr, baseline, target, value,
                 computed, indicator_source, period_start, period_end, progress, status,
                 status_note_ar, status_note_fr, due_on, late, responsible_service_ar,
                 responsible_service_fr, citizens_kept, citizens_partly, citizens_not_kept
    evaluations  id, evaluated_on, evaluator, evaluator_name, summary_ar, summary_fr, score
    findings     evaluation, commitment, status, value, finding_ar, finding_fr

- ``principle`` is the principle's code, ``commitment`` its number, ``evaluation`` its id.
- ``value`` is the typed current value or, when ``computed`` is 1, the value the site measured over
  ``period_start``–``period_end`` (empty when the indicator is not available); ``progress`` is the
  share of the way from baseline to target, in per cent; ``late`` is 1 or 0.
- JSON (``charter_json``): ``{"layout": "charter/1", "charter": {…}, "commitments": [{…,
  "evidence": […]}], "evaluations": [{…, "findings": […]}]}``, figures as strings with two
  decimals, dates as ``YYYY-MM-DD``. Each function reads with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from participation.core.exports import csv_text, json_value, xlsx_workbook_bytes
from participation.core.pages import site_id_of
from participation.core.selectors import rating_distributions

from .figures import commitment_values
from .models import CharterPage, CitizenView, Commitment, Evaluation, EvaluationFinding

LAYOUT_VERSION = "charter/1"

SHEETS: dict[str, tuple[str, ...]] = {
    "commitments": (
        "number", "principle", "principle_ar", "principle_fr", "title_ar", "title_fr", "promise_ar", "promise_fr",
        "indicator_ar", "indicator_fr", "unit_ar", "unit_fr", "baseline", "target", "value", "computed",
        "indicator_source", "period_start", "period_end", "progress", "status", "status_note_ar", "status_note_fr",
        "due_on", "late", "responsible_service_ar", "responsible_service_fr", "citizens_kept", "citizens_partly",
        "citizens_not_kept",
    ),
    "evaluations": ("id", "evaluated_on", "evaluator", "evaluator_name", "summary_ar", "summary_fr", "score"),
    "findings": ("evaluation", "commitment", "status", "value", "finding_ar", "finding_fr"),
}
DECIMALS = frozenset({"baseline", "target", "value", "score"})


class CharterData:
    """Everything public of one charter, read once (four queries plus one per distinct computed
    indicator)."""

    def __init__(self, charter: CharterPage, *, today: dt.date | None = None) -> None:
        self.charter = charter
        self.today = today or timezone.localdate()
        self.commitments = list(
            Commitment.objects.filter(charter=charter).select_related("principle").order_by("number")
        )
        self.values = commitment_values(self.commitments, site_id=site_id_of(charter),
                                        adoption_date=charter.adoption_date, today=self.today)
        self.distributions = rating_distributions(
            contributions=[c.contribution_id for c in self.commitments if c.contribution_id]
        )
        self.evaluations = list(
            Evaluation.objects.filter(charter=charter, is_published=True).order_by("evaluated_on", "pk")
        )
        self.findings = list(
            EvaluationFinding.objects.filter(evaluation__charter=charter, evaluation__is_published=True)
            .select_related("commitment").order_by("evaluation__evaluated_on", "evaluation_id", "commitment__number")
        )

    def commitment_row(self, commitment: Commitment) -> dict[str, Any]:
        figure = self.values[commitment.pk]
        ratings = self.distributions.get(commitment.contribution_id, {}) if commitment.contribution_id else {}
        computed = {
            "principle": commitment.principle.code,
            "principle_ar": commitment.principle.name_ar,
            "principle_fr": commitment.principle.name_fr,
            "value": figure.value,
            "computed": int(figure.computed),
            "period_start": figure.start,
            "period_end": figure.end,
            "progress": figure.progress,
            "late": int(commitment.is_late(self.today)),
            "citizens_kept": ratings.get(CitizenView.KEPT, 0),
            "citizens_partly": ratings.get(CitizenView.PARTLY, 0),
            "citizens_not_kept": ratings.get(CitizenView.NOT_KEPT, 0),
        }
        return {c: computed[c] if c in computed else getattr(commitment, c) for c in SHEETS["commitments"]}


def _evaluation_row(evaluation: Evaluation) -> dict[str, Any]:
    return {c: getattr(evaluation, "pk" if c == "id" else c) for c in SHEETS["evaluations"]}


def _finding_row(finding: EvaluationFinding) -> dict[str, Any]:
    computed = {"evaluation": finding.evaluation_id, "commitment": finding.commitment.number}
    return {c: computed[c] if c in computed else getattr(finding, c) for c in SHEETS["findings"]}


def charter_tables(charter: CharterPage, *, today: dt.date | None = None) -> dict[str, tuple[tuple[str, ...], list[list]]]:
    """``{sheet: (columns, rows)}`` in the layout above (rows are lists of Python values)."""
    data = CharterData(charter, today=today)
    rows = {
        "commitments": [data.commitment_row(c) for c in data.commitments],
        "evaluations": [_evaluation_row(e) for e in data.evaluations],
        "findings": [_finding_row(f) for f in data.findings],
    }
    return {sheet: (columns, [[row[c] for c in columns] for row in rows[sheet]]) for sheet, columns in SHEETS.items()}


def charter_csv(charter: CharterPage, *, today: dt.date | None = None) -> str:
    """The ``commitments`` table as CSV (UTF-8 with BOM)."""
    columns, rows = charter_tables(charter, today=today)["commitments"]
    return csv_text(rows, list(columns))


def charter_xlsx(charter: CharterPage, *, rtl: bool | None = None, today: dt.date | None = None) -> bytes:
    tables = charter_tables(charter, today=today)
    return xlsx_workbook_bytes([(sheet, rows, list(columns)) for sheet, (columns, rows) in tables.items()], rtl=rtl)


def _json_value(column: str, value: Any) -> Any:
    return json_value(value, amount=column in DECIMALS)


def charter_json(charter: CharterPage, *, today: dt.date | None = None) -> dict[str, Any]:
    """The JSON document (see the module docstring)."""
    data = CharterData(charter, today=today)
    findings: dict[int, list] = {}
    for finding in data.findings:
        row = _finding_row(finding)
        findings.setdefault(finding.evaluation_id, []).append(
            {c: _json_value(c, v) for c, v in row.items() if c != "evaluation"}
        )
    commitments = []
    for commitment in data.commitments:
        item = {c: _json_value(c, v) for c, v in data.commitment_row(commitment).items()}
        item["computed"] = bool(item["computed"])
        item["late"] = bool(item["late"])
        item["evidence"] = [
            {"title": e.title, "url": e.url, "date": _json_value("date", e.date), "note": e.note}
            for e in data.values[commitment.pk].evidence
        ]
        commitments.append(item)
    translations = {
        page.locale.language_code: page
        for page in CharterPage.objects.filter(translation_key=charter.translation_key).select_related("locale")
    }
    return {
        "layout": LAYOUT_VERSION,
        "charter": {
            "title": {code: page.title for code, page in sorted(translations.items())},
            "url": {code: page.full_url for code, page in sorted(translations.items())},
            "adoption_date": _json_value("adoption_date", charter.adoption_date),
        },
        "commitments": commitments,
        "evaluations": [
            {**{c: _json_value(c, v) for c, v in _evaluation_row(e).items()}, "findings": findings.get(e.pk, [])}
            for e in data.evaluations
        ],
    }
