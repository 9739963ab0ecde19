"""The charter's writes: a commitment saved with its thread (a computed indicator never keeps a
typed value), a status change told to the commitment's followers, the value of a commitment on a
day (typed, computed over the year or since the adoption, unknown key), an evaluation started with
its findings prefilled (a computed value measured through a registered indicator), published and
taken back; refused to anyone but the focal point and the administrator, nothing changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail import hooks

from participation.charter import services
from participation.charter.figures import commitment_values
from participation.charter.models import (
    CharterPage,
    Commitment,
    CommitmentStatus,
    Evaluation,
    EvaluationFinding,
    Evaluator,
    IndicatorPeriod,
)
from participation.core.indicators import INDICATOR_SOURCES_HOOK, IndicatorSource, IndicatorUnit, Reading
from participation.core.pages import site_id_of
from participation.core.rules import ActionRefused
from participation.notifications.models import Notification
from participation.notifications.services import follow_ensure
from tests.charter.conftest import make_commitment

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


class FakeMeasure:
    """A registered indicator that counts its calls and returns ``value``."""

    def __init__(self, value):
        self.value = value
        self.calls: list[dict] = []

    def __call__(self, *, site_id, start, end):
        self.calls.append({"site_id": site_id, "start": start, "end": end})
        return Reading(value=self.value, numerator=3, denominator=4)


def fake_source(measure, key="test.reports"):
    return lambda: [IndicatorSource(key=key, label="Test reports", unit=IndicatorUnit.COUNT, method="counted",
                                    measure=measure, principle="participation")]


# --- commitment_save -----------------------------------------------------------------------------


def test_commitment_save_creates_and_syncs_its_thread(charter, principles):
    ar, fr = charter
    commitment = services.commitment_save(commitment=Commitment(
        charter=fr, principle=principles["transparency"], number=3, title_ar="نشر المقررات"))
    assert commitment.charter_id == ar.pk  # a French copy names the source charter
    thread = commitment.contribution
    assert thread.kind == "charter_commitment" and thread.page_id == ar.pk and thread.title == "3. نشر المقررات"
    commitment.title_ar = "نشر المقررات في ثمانية أيام"
    services.commitment_save(commitment=commitment)
    thread.refresh_from_db()
    assert thread.title == "3. نشر المقررات في ثمانية أيام"
    assert Commitment.objects.get(pk=commitment.pk).contribution_id == thread.pk


def test_a_computed_indicator_refuses_a_typed_value(charter, principles):
    with pytest.raises(ValidationError) as raised:
        services.commitment_save(commitment=Commitment(
            charter=charter[0], principle=principles["participation"], number=1, title_ar="لقاءات",
            indicator_source="meetings.reports_published", current_value=Decimal("3")))
    assert "current_value" in raised.value.message_dict
    assert not Commitment.objects.exists()


def test_commitment_save_refuses_the_communicator(charter, principles, communicator):
    with pytest.raises(ActionRefused):
        services.commitment_save(by=communicator, commitment=Commitment(
            charter=charter[0], principle=principles["participation"], number=1, title_ar="لقاءات"))
    assert not Commitment.objects.exists()


# --- commitment_set_status -----------------------------------------------------------------------


def test_a_status_change_is_told_to_the_followers(charter, principles, focal_point, citizen):
    commitment = make_commitment(charter[0], principles["transparency"], number=1)
    follow_ensure(user=citizen, contribution=commitment.contribution)
    services.commitment_set_status(commitment=commitment, status=CommitmentStatus.KEPT,
                                   note_ar="نشرت كل المقررات", note_fr="", by=focal_point)
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.KEPT and commitment.status_note_ar == "نشرت كل المقررات"
    note = Notification.objects.get(user=citizen, event="update")
    assert note.contribution_id == commitment.contribution_id


@pytest.mark.parametrize("who", ["communicator", "citizen", "officer"])
def test_a_status_change_is_refused_to_others(charter, principles, who, request):
    commitment = make_commitment(charter[0], principles["transparency"], number=1)
    with pytest.raises(ActionRefused):
        services.commitment_set_status(commitment=commitment, status=CommitmentStatus.KEPT, by=request.getfixturevalue(who))
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.NOT_STARTED
    assert not Notification.objects.exists()


def test_an_unknown_status_is_a_translated_error(charter, principles, administrator):
    commitment = make_commitment(charter[0], principles["transparency"], number=1)
    with pytest.raises(ValidationError) as raised:
        services.commitment_set_status(commitment=commitment, status="done", by=administrator)
    assert "status" in raised.value.message_dict


# --- the value of a commitment on a day (figures.commitment_values, the one rule) ----------------


def _value(commitment, *, on):
    charter = commitment.charter
    return commitment_values([commitment], site_id=site_id_of(charter), adoption_date=charter.adoption_date,
                             today=on)[commitment.pk]


def test_a_typed_value_is_the_current_value(charter, principles):
    commitment = make_commitment(charter[0], principles["transparency"], number=1, current_value=Decimal("12.5"))
    assert _value(commitment, on=TODAY).value == Decimal("12.5")


def test_a_computed_value_counts_the_year_or_since_the_adoption(charter, principles, commune_site):
    ar, _fr = charter
    ar.adoption_date = dt.date(2023, 3, 7)
    ar.save_revision().publish()
    measure = FakeMeasure(Decimal("4"))
    yearly = make_commitment(ar, principles["participation"], number=1, indicator_source="test.reports")
    since = make_commitment(ar, principles["participation"], number=2, indicator_source="test.reports",
                            indicator_period=IndicatorPeriod.CHARTER)
    yearly.charter = since.charter = CharterPage.objects.get(pk=ar.pk)
    with hooks.register_temporarily(INDICATOR_SOURCES_HOOK, fake_source(measure)):
        assert _value(yearly, on=dt.date(2025, 6, 30)).value == Decimal("4")
        assert _value(since, on=dt.date(2025, 6, 30)).value == Decimal("4")
        values = commitment_values([yearly, yearly], site_id=commune_site.pk, adoption_date=ar.adoption_date,
                                   today=dt.date(2025, 6, 30))
    assert values[yearly.pk].value == Decimal("4")
    assert measure.calls[0] == {"site_id": commune_site.pk, "start": dt.date(2025, 1, 1), "end": dt.date(2025, 6, 30)}
    assert measure.calls[1]["start"] == dt.date(2023, 3, 7)
    assert len(measure.calls) == 3  # the two of the batch measured once


def test_an_unknown_key_has_no_value(charter, principles):
    commitment = make_commitment(charter[0], principles["participation"], number=1, indicator_source="nobody.knows")
    figure = _value(commitment, on=TODAY)
    assert figure.value is None and figure.computed and not figure.available


# --- evaluations ---------------------------------------------------------------------------------


def test_evaluation_start_prefills_a_finding_per_commitment(charter, principles, focal_point, commune_site):
    ar, fr = charter
    typed = make_commitment(ar, principles["transparency"], number=1, current_value=Decimal("75"),
                            status=CommitmentStatus.IN_PROGRESS)
    computed = make_commitment(ar, principles["participation"], number=2, indicator_source="test.reports",
                               status=CommitmentStatus.KEPT)
    unknown = make_commitment(ar, principles["innovation"], number=3, indicator_source="nobody.knows")
    measure = FakeMeasure(Decimal("3"))
    on = TODAY
    with hooks.register_temporarily(INDICATOR_SOURCES_HOOK, fake_source(measure)):
        evaluation = services.evaluation_start(charter=fr, evaluated_on=on, evaluator=Evaluator.CIVIL_SOCIETY,
                                               evaluator_name="  جمعية الأحياء ", by=focal_point)
    assert evaluation.charter_id == ar.pk and not evaluation.is_published
    assert evaluation.evaluator_name == "جمعية الأحياء" and evaluation.created_by == focal_point
    findings = {f.commitment_id: f for f in EvaluationFinding.objects.filter(evaluation=evaluation)}
    assert set(findings) == {typed.pk, computed.pk, unknown.pk}
    assert (findings[typed.pk].status, findings[typed.pk].value) == (CommitmentStatus.IN_PROGRESS, Decimal("75"))
    assert (findings[computed.pk].status, findings[computed.pk].value) == (CommitmentStatus.KEPT, Decimal("3"))
    assert findings[unknown.pk].value is None
    assert measure.calls == [{"site_id": commune_site.pk, "start": dt.date(on.year, 1, 1), "end": on}]


def test_evaluation_start_refuses_the_communicator_and_a_future_date(charter, principles, communicator, focal_point):
    make_commitment(charter[0], principles["transparency"], number=1)
    with pytest.raises(ActionRefused):
        services.evaluation_start(charter=charter[0], evaluated_on=TODAY, evaluator=Evaluator.COMMUNE, by=communicator)
    with pytest.raises(ValidationError) as raised:
        services.evaluation_start(charter=charter[0], evaluated_on=TODAY + dt.timedelta(days=2),
                                  evaluator=Evaluator.COMMUNE, by=focal_point)
    assert "evaluated_on" in raised.value.message_dict
    with pytest.raises(ValidationError):
        services.evaluation_start(charter=charter[0], evaluated_on=TODAY, evaluator="the mayor", by=focal_point)
    assert not Evaluation.objects.exists()


def test_publish_and_unpublish(charter, principles, focal_point, communicator):
    make_commitment(charter[0], principles["transparency"], number=1)
    empty = Evaluation.objects.create(charter=charter[0], evaluated_on=TODAY, evaluator=Evaluator.COMMUNE)
    with pytest.raises(ValidationError):
        services.evaluation_publish(evaluation=empty, by=focal_point)
    evaluation = services.evaluation_start(charter=charter[0], evaluated_on=TODAY, evaluator=Evaluator.COMMUNE,
                                           by=focal_point)
    with pytest.raises(ActionRefused):
        services.evaluation_publish(evaluation=evaluation, by=communicator)
    assert not Evaluation.objects.get(pk=evaluation.pk).is_published
    services.evaluation_publish(evaluation=evaluation, by=focal_point)
    assert Evaluation.objects.get(pk=evaluation.pk).is_published
    with pytest.raises(ActionRefused):
        services.evaluation_unpublish(evaluation=evaluation, by=communicator)
    assert Evaluation.objects.get(pk=evaluation.pk).is_published
    services.evaluation_unpublish(evaluation=evaluation, by=focal_point)
    assert not Evaluation.objects.get(pk=evaluation.pk).is_published
