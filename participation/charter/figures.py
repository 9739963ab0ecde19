"""The charter's figures: the value of each commitment's indicator today and the progress toward
its target, and the scorecard per principle (the commune's statuses beside the citizens' view).
Nothing here writes.

A commitment's value is its typed ``current_value``, or, when it names a computed indicator
(``indicator_source``), what ``participation.core.indicators`` measures over its period (this
calendar year, or since the charter's adoption, in the site's time zone, Africa/Casablanca), with
the reading's evidence links and the source's method. Each distinct (indicator, period) is
measured once, whatever the number of commitments using it; an indicator no installed capability
registers is "not computed" (``CommitmentValue.available`` false), never an error.

Progress toward the target is the share of the way from the baseline (0 without one) to the
target covered by the value, in per cent, between 0 and 100; downward targets are measured
downwards; none without a value or a target, or when the target equals the baseline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from participation.core.charts import percent_text
from participation.core.indicators import Evidence, indicator_source

from .models import CitizenView, Commitment, CommitmentStatus, IndicatorPeriod, Principle

ZERO = Decimal("0")


@dataclass(frozen=True)
class CommitmentValue:
    """A commitment's indicator value today. ``computed``: the site measures it; ``available``:
    false for a computed indicator no capability provides (then ``value`` is None)."""

    value: Decimal | None
    computed: bool = False
    available: bool = True
    method: str = ""
    source_label: str = ""
    numerator: int | None = None
    denominator: int | None = None
    evidence: tuple[Evidence, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    progress: float | None = None


def period_bounds(period: str, *, today: dt.date, adoption_date: dt.date | None) -> tuple[dt.date, dt.date]:
    """The days a computed indicator counts: 1 January of ``today``'s year (or the charter's
    adoption, for ``IndicatorPeriod.CHARTER``; the year when the charter has no adoption date, or
    one in the future) to ``today``."""
    if period == IndicatorPeriod.CHARTER and adoption_date and adoption_date <= today:
        return adoption_date, today
    return dt.date(today.year, 1, 1), today


def progress_percent(baseline: Decimal | None, target: Decimal | None, value: Decimal | None) -> float | None:
    """The share of the way from ``baseline`` (0 when unknown) to ``target`` that ``value`` covers,
    in per cent, one decimal, within 0..100."""
    if value is None or target is None:
        return None
    start = baseline if baseline is not None else ZERO
    if target == start:
        return None
    share = float((Decimal(value) - start) / (target - start) * 100)
    return round(min(max(share, 0.0), 100.0), 1)


def commitment_values(
    commitments: Iterable[Commitment], *, site_id: int, adoption_date: dt.date | None, today: dt.date | None = None
) -> dict[int, CommitmentValue]:
    """Commitment pk → its value today. One ``measure`` call per distinct (indicator, period)."""
    today = today or timezone.localdate()
    commitments = list(commitments)
    readings: dict[tuple[str, str], tuple] = {}
    values: dict[int, CommitmentValue] = {}
    for commitment in commitments:
        if not commitment.indicator_source:
            values[commitment.pk] = CommitmentValue(
                value=commitment.current_value,
                progress=progress_percent(commitment.baseline, commitment.target, commitment.current_value),
            )
            continue
        key = (commitment.indicator_source, commitment.indicator_period)
        if key not in readings:
            source = indicator_source(commitment.indicator_source)
            start, end = period_bounds(commitment.indicator_period, today=today, adoption_date=adoption_date)
            reading = source.measure(site_id=site_id, start=start, end=end) if source is not None else None
            readings[key] = (source, reading, start, end)
        source, reading, start, end = readings[key]
        if source is None or reading is None:
            values[commitment.pk] = CommitmentValue(value=None, computed=True, available=False)
            continue
        values[commitment.pk] = CommitmentValue(
            value=reading.value, computed=True, method=str(source.method), source_label=str(source.label),
            numerator=reading.numerator, denominator=reading.denominator, evidence=tuple(reading.evidence),
            start=start, end=end, progress=progress_percent(commitment.baseline, commitment.target, reading.value),
        )
    return values


# --- the scorecard ----------------------------------------------------------------------------


@dataclass
class ScoreRow:
    """One principle on the scorecard: the commune's statuses of its commitments, and the citizens'
    ratings of them summed (``CitizenView`` value → count)."""

    principle: Principle | None
    commitments: int = 0
    statuses: dict[str, int] = field(default_factory=lambda: {s: 0 for s in CommitmentStatus.values})
    citizens: dict[int, int] = field(default_factory=lambda: {v: 0 for v in CitizenView.values})

    @property
    def label(self) -> str:
        return self.principle.name if self.principle is not None else ""

    @property
    def ratings(self) -> int:
        return sum(self.citizens.values())

    @property
    def commune_kept_share(self) -> float | None:
        """The share of the commitments the commune says are kept, in per cent."""
        return round(self.statuses[CommitmentStatus.KEPT] * 100 / self.commitments, 1) if self.commitments else None

    @property
    def citizens_kept_share(self) -> float | None:
        """The share of the citizens' ratings saying "kept", in per cent (None without a rating)."""
        total = self.ratings
        return round(self.citizens[CitizenView.KEPT] * 100 / total, 1) if total else None

    @property
    def commune_kept_text(self) -> str:
        return percent_text(self.commune_kept_share)

    @property
    def citizens_kept_text(self) -> str:
        return percent_text(self.citizens_kept_share)

    def status_items(self) -> list[tuple[str, str, int]]:
        return [(value, label, self.statuses[value]) for value, label in CommitmentStatus.choices]

    def citizen_items(self) -> list[tuple[int, str, int]]:
        return [(value, label, self.citizens[value]) for value, label in reversed(CitizenView.choices)]


@dataclass
class Scorecard:
    rows: list[ScoreRow]
    total: ScoreRow

    @property
    def has_ratings(self) -> bool:
        return bool(self.total.ratings)


def _add(row: ScoreRow, commitment: Commitment, distribution: dict[int, int]) -> None:
    row.commitments += 1
    row.statuses[commitment.status] = row.statuses.get(commitment.status, 0) + 1
    for value, count in distribution.items():
        if value in row.citizens:
            row.citizens[value] += count


def scorecard(
    *, principles: list[Principle], commitments: list[Commitment], distributions: dict[int, dict[int, int]]
) -> Scorecard:
    """The rows of the principles that have commitments (in the principles' order) and the total.
    ``distributions`` is ``core.selectors.rating_distributions`` of the commitments' threads."""
    rows = {p.pk: ScoreRow(principle=p) for p in principles}
    total = ScoreRow(principle=None)
    for commitment in commitments:
        distribution = distributions.get(commitment.contribution_id, {}) if commitment.contribution_id else {}
        row = rows.get(commitment.principle_id)
        if row is not None:
            _add(row, commitment, distribution)
        _add(total, commitment, distribution)
    return Scorecard(rows=[rows[p.pk] for p in principles if rows[p.pk].commitments], total=total)


def citizen_counts(distribution: dict[int, int]) -> list[tuple[int, str, int]]:
    """One commitment's ratings as (value, label, count), "kept" first."""
    return [(value, label, distribution.get(value, 0)) for value, label in reversed(CitizenView.choices)]
