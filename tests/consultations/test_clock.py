"""Opening and closing instants are exact in Africa/Casablanca across the Ramadan clock changes
(Morocco goes from UTC+1 to UTC+0 for Ramadan, and back)."""

from datetime import UTC, datetime, timedelta

import pytest
from django import forms
from django.utils import timezone

from participation.consultations import clock
from participation.consultations.models import ConsultationPage, Phase

pytestmark = pytest.mark.django_db


def _utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_local_instant_normal_days_use_utc_plus_one():
    # 12 June 2023, 09:00 in Larache = 08:00 UTC (UTC+1 outside Ramadan)
    assert clock.local_instant(datetime(2023, 6, 12, 9, 0)) == _utc(2023, 6, 12, 8, 0)


def test_local_instant_during_ramadan_uses_utc():
    # 20 March 2024 was in Ramadan: Morocco on GMT
    assert clock.local_instant(datetime(2024, 3, 20, 9, 0)) == _utc(2024, 3, 20, 9, 0)


def test_time_repeated_when_clocks_go_back_for_ramadan_is_refused_unless_chosen():
    # 10 March 2024: 03:00 → 02:00, so 02:30 happens twice
    naive = datetime(2024, 3, 10, 2, 30)
    with pytest.raises(clock.AmbiguousLocalTime):
        clock.local_instant(naive)
    assert clock.local_instant(naive, fold=0) == _utc(2024, 3, 10, 1, 30)
    assert clock.local_instant(naive, fold=1) == _utc(2024, 3, 10, 2, 30)


def test_time_skipped_when_clocks_go_forward_after_ramadan_is_refused():
    # 14 April 2024: 02:00 → 03:00, so 02:30 never happens
    with pytest.raises(clock.NonExistentLocalTime):
        clock.local_instant(datetime(2024, 4, 14, 2, 30))
    assert clock.local_instant(datetime(2024, 4, 14, 3, 0)) == _utc(2024, 4, 14, 2, 0)


def _page(opens, closes) -> ConsultationPage:
    return ConsultationPage(title="t", opens_at=opens, closes_at=closes)


@pytest.mark.parametrize(
    ("opens_local", "closes_local", "opens_utc", "closes_utc"),
    [
        # a week straddling the start of Ramadan 2024 (clocks back on 10 March)
        (datetime(2024, 3, 6, 9, 0), datetime(2024, 3, 13, 18, 0), _utc(2024, 3, 6, 8, 0), _utc(2024, 3, 13, 18, 0)),
        # a week straddling the end of Ramadan 2024 (clocks forward on 14 April)
        (datetime(2024, 4, 10, 9, 0), datetime(2024, 4, 17, 18, 0), _utc(2024, 4, 10, 9, 0), _utc(2024, 4, 17, 17, 0)),
        # Ramadan 2026 (back on 15 February, forward on 22 March)
        (datetime(2026, 2, 12, 0, 0), datetime(2026, 2, 19, 23, 59), _utc(2026, 2, 11, 23, 0), _utc(2026, 2, 19, 23, 59)),
        (datetime(2026, 3, 20, 0, 0), datetime(2026, 3, 23, 0, 0), _utc(2026, 3, 20, 0, 0), _utc(2026, 3, 22, 23, 0)),
    ],
)
def test_phase_changes_exactly_at_the_local_instants(opens_local, closes_local, opens_utc, closes_utc):
    page = _page(clock.local_instant(opens_local), clock.local_instant(closes_local))
    assert page.opens_at == opens_utc
    assert page.closes_at == closes_utc
    second = timedelta(seconds=1)
    assert page.phase_at(opens_utc - second) == Phase.ANNOUNCED
    assert page.phase_at(opens_utc) == Phase.OPEN
    assert page.phase_at(closes_utc - second) == Phase.OPEN
    assert page.phase_at(closes_utc) == Phase.CLOSED


def test_admin_form_input_is_read_in_casablanca_time_and_refuses_impossible_times(settings):
    """What the focal point types in the admin (a naive local time) is Africa/Casablanca time;
    Django refuses a time that the Ramadan clock change skips or repeats."""
    field = forms.DateTimeField()
    with timezone.override("Africa/Casablanca"):
        assert field.clean("2024-04-17 18:00") == _utc(2024, 4, 17, 17, 0)
        assert field.clean("2024-03-13 18:00") == _utc(2024, 3, 13, 18, 0)
        with pytest.raises(forms.ValidationError):
            field.clean("2024-04-14 02:30")
        with pytest.raises(forms.ValidationError):
            field.clean("2024-03-10 02:30")


def test_displayed_times_are_local(settings):
    from django.template import Context, Template

    instant = _utc(2024, 4, 17, 17, 0)  # 18:00 in Larache
    with timezone.override("Africa/Casablanca"):
        out = Template('{{ t|date:"H:i" }}').render(Context({"t": instant}))
    assert out == "18:00"
    assert clock.to_local(instant).hour == 18
