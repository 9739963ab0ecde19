"""Data for the charter's public-page tests (charter-public): charters of any size with
evaluations and ratings, and an indicator source registered for a test."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

from wagtail import hooks

from participation.charter.models import (
    CommitmentStatus,
    Evaluation,
    EvaluationFinding,
    Evaluator,
)
from participation.core.indicators import (
    INDICATOR_SOURCES_HOOK,
    Evidence,
    IndicatorSource,
    IndicatorUnit,
    Reading,
)
from participation.core.models import Contribution
from participation.core.services import rating_set
from tests.charter.conftest import make_commitment

TEST_KEY = "tests.suggestions_received"
STATUSES = list(CommitmentStatus.values)


def build_charter(charter, principles: dict, *, commitments: int, raters=(), evaluations: int = 2) -> list:
    """Commitments 1..``commitments`` over the principles (statuses in turn), two published
    evaluations a year apart finding each commitment, an unpublished one, and each of ``raters``
    rating every commitment (value by the commitment's number)."""
    codes = list(principles)
    rows = []
    for n in range(1, commitments + 1):
        rows.append(make_commitment(
            charter, principles[codes[(n - 1) % len(codes)]], number=n, status=STATUSES[(n - 1) % 4],
            promise_ar=f"وعد الجماعة {n}", promise_fr=f"Promesse {n}", indicator_ar="عدد اللقاءات",
            indicator_fr="Nombre de réunions", unit_ar="لقاء", unit_fr="réunions", baseline=Decimal("0"),
            target=Decimal("10"), current_value=Decimal(n % 10), due_on=dt.date(2026, 6, 30),
            responsible_service_ar="مصلحة الشؤون الإدارية", responsible_service_fr="Service administratif",
        ))
    for year in range(evaluations):
        evaluation = Evaluation.objects.create(
            charter=charter, evaluated_on=dt.date(2024 + year, 12, 1), evaluator=Evaluator.CIVIL_SOCIETY,
            evaluator_name=f"جمعية {year}", summary_ar=f"خلاصة التقييم {year}", summary_fr=f"Synthèse {year}",
            score=Decimal(40 + 20 * year), is_published=True,
        )
        EvaluationFinding.objects.bulk_create([
            EvaluationFinding(evaluation=evaluation, commitment=c, sort_order=c.number,
                              status=STATUSES[(c.number + year) % 4], value=Decimal(year * 3),
                              finding_ar=f"ملاحظة {year}-{c.number}", finding_fr=f"Constat {year}-{c.number}")
            for c in rows
        ])
    hidden = Evaluation.objects.create(charter=charter, evaluated_on=dt.date(2026, 3, 1), evaluator=Evaluator.COMMUNE,
                                       summary_ar="تقييم غير منشور", score=Decimal("99"), is_published=False)
    EvaluationFinding.objects.create(evaluation=hidden, commitment=rows[0], status=CommitmentStatus.KEPT,
                                     finding_ar="ملاحظة سرية")
    for user in raters:
        for c in rows:
            rating_set(contribution=c.contribution, user=user, value=c.number % 3 + 1, scale=3)
    return rows


def count_suggestions(*, site_id: int, start: dt.date, end: dt.date) -> Reading:
    """The test indicator: suggestions of the commune received between ``start`` and ``end`` (one
    query), each an evidence link."""
    rows = list(Contribution.objects.filter(site_id=site_id, kind="suggestion", created_at__date__gte=start,
                                            created_at__date__lte=end).order_by("-created_at"))
    return Reading(value=Decimal(len(rows)),
                   evidence=tuple(Evidence(title=r.title, url=f"/s/{r.pk}/", note="note") for r in rows[:10]))


CALLS: list[tuple] = []


def _measure(**kwargs) -> Reading:
    CALLS.append(tuple(sorted(kwargs.items())))
    return count_suggestions(**kwargs)


def sources_for_tests():
    return [IndicatorSource(key=TEST_KEY, label="Suggestions received", unit=IndicatorUnit.COUNT,
                            method="Counted from the suggestions the site received.", measure=_measure,
                            principle="participation")]


@contextmanager
def indicator_registered():
    """The test indicator registered through the real hook for the ``with`` block."""
    CALLS.clear()
    with hooks.register_temporarily(INDICATOR_SOURCES_HOOK, sources_for_tests):
        yield CALLS
