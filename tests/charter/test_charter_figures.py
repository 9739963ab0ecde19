"""The charter's figures (charter-public): a commitment's value (typed, or measured through the real
indicator hook once per distinct indicator and period), progress toward the target, the period,
and the scorecard's sums per principle. Pure: unsaved rows, no database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from wagtail import hooks

from participation.charter.figures import commitment_values, period_bounds, progress_percent, scorecard
from participation.charter.models import CitizenView, Commitment, CommitmentStatus, IndicatorPeriod, Principle
from participation.core.indicators import (
    INDICATOR_SOURCES_HOOK,
    Evidence,
    IndicatorSource,
    IndicatorUnit,
    Reading,
)

TODAY = dt.date(2026, 12, 4)


def _commitment(pk, **fields) -> Commitment:
    return Commitment(pk=pk, number=pk, title_ar=f"الالتزام {pk}", **fields)


def test_period_is_this_year_or_since_the_adoption():
    assert period_bounds(IndicatorPeriod.YEAR, today=TODAY, adoption_date=dt.date(2023, 3, 1)) == (
        dt.date(2026, 1, 1), TODAY)
    assert period_bounds(IndicatorPeriod.CHARTER, today=TODAY, adoption_date=dt.date(2023, 3, 1)) == (
        dt.date(2023, 3, 1), TODAY)
    # no adoption date, or one still to come: the year
    assert period_bounds(IndicatorPeriod.CHARTER, today=TODAY, adoption_date=None)[0] == dt.date(2026, 1, 1)
    assert period_bounds(IndicatorPeriod.CHARTER, today=TODAY, adoption_date=dt.date(2027, 1, 1))[0] == dt.date(2026, 1, 1)


def test_progress_from_baseline_to_target():
    assert progress_percent(Decimal("20"), Decimal("60"), Decimal("30")) == 25.0
    assert progress_percent(None, Decimal("8"), Decimal("2")) == 25.0
    assert progress_percent(Decimal("40"), Decimal("10"), Decimal("25")) == 50.0  # downwards
    assert progress_percent(Decimal("0"), Decimal("10"), Decimal("15")) == 100.0
    assert progress_percent(Decimal("10"), Decimal("20"), Decimal("5")) == 0.0
    assert progress_percent(Decimal("5"), Decimal("5"), Decimal("5")) is None
    assert progress_percent(Decimal("0"), None, Decimal("5")) is None
    assert progress_percent(Decimal("0"), Decimal("5"), None) is None


def test_typed_values_need_no_source():
    values = commitment_values([_commitment(1, current_value=Decimal("3"), baseline=Decimal("0"), target=Decimal("6"))],
                               site_id=1, adoption_date=None, today=TODAY)
    assert values[1].value == Decimal("3") and values[1].progress == 50.0 and not values[1].computed


def test_computed_values_are_measured_once_per_indicator_and_period():
    calls = []

    def measure(*, site_id, start, end):
        calls.append((site_id, start, end))
        return Reading(value=Decimal("75.0"), numerator=3, denominator=4,
                       evidence=(Evidence(title="Request 1", url="/r/1/", date=dt.date(2026, 2, 1)),))

    def sources():
        return [IndicatorSource(key="tests.answered", label="Answered", unit=IndicatorUnit.PERCENT,
                                method="Answered on time out of answered.", measure=measure)]

    rows = [_commitment(n, indicator_source="tests.answered", target=Decimal("100"), baseline=Decimal("50"))
            for n in range(1, 21)]
    rows.append(_commitment(21, indicator_source="tests.answered", indicator_period=IndicatorPeriod.CHARTER))
    rows.append(_commitment(22, indicator_source="tests.not_installed"))
    with hooks.register_temporarily(INDICATOR_SOURCES_HOOK, sources):
        values = commitment_values(rows, site_id=7, adoption_date=dt.date(2024, 5, 1), today=TODAY)
    assert calls == [(7, dt.date(2026, 1, 1), TODAY), (7, dt.date(2024, 5, 1), TODAY)]
    first = values[1]
    assert first.computed and first.available and first.value == Decimal("75.0") and first.progress == 50.0
    assert (first.numerator, first.denominator) == (3, 4) and first.evidence[0].url == "/r/1/"
    assert first.method == "Answered on time out of answered." and first.start == dt.date(2026, 1, 1)
    assert values[21].start == dt.date(2024, 5, 1)
    unknown = values[22]
    assert unknown.computed and not unknown.available and unknown.value is None and unknown.progress is None


def test_scorecard_sums_statuses_and_ratings_per_principle():
    first, second, empty = (Principle(pk=n, number=n, code=f"p{n}", name_ar=f"المبدأ {n}") for n in (1, 2, 3))
    rows = [
        _commitment(1, principle=first, status=CommitmentStatus.KEPT, contribution_id=11),
        _commitment(2, principle=first, status=CommitmentStatus.NOT_KEPT, contribution_id=12),
        _commitment(3, principle=second, status=CommitmentStatus.IN_PROGRESS, contribution_id=None),
    ]
    card = scorecard(principles=[first, second, empty], commitments=rows,
                     distributions={11: {3: 4, 2: 1}, 12: {1: 3, 2: 2}})
    assert [row.principle for row in card.rows] == [first, second]
    one, two = card.rows
    assert one.commitments == 2 and one.statuses[CommitmentStatus.KEPT] == 1 and one.commune_kept_share == 50.0
    assert one.citizens == {CitizenView.KEPT: 4, CitizenView.PARTLY: 3, CitizenView.NOT_KEPT: 3}
    assert one.citizens_kept_share == 40.0 and one.ratings == 10
    assert two.commune_kept_share == 0.0 and two.citizens_kept_share is None and two.ratings == 0
    assert card.total.commitments == 3 and card.total.ratings == 10 and card.has_ratings
    assert [count for _v, _l, count in one.citizen_items()] == [4, 3, 3]  # kept first
