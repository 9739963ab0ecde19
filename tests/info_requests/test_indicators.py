"""The information requests' indicators for the charter: requests received and the share answered
within the legal deadline, from the commune's requests only, linking only published answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from participation.core.indicators import EVIDENCE_LIMIT, indicator_source
from participation.info_requests import services
from participation.info_requests.models import InfoRequest, RefusalGround
from participation.working_days import clock

pytestmark = pytest.mark.django_db


def _measure(key, site, start, end):
    return indicator_source(key).measure(site_id=site.pk, start=start, end=end)


def _due(request, days: int, **fields):
    InfoRequest.objects.filter(pk=request.pk).update(due_date=clock.today() + dt.timedelta(days=days), **fields)
    return InfoRequest.objects.get(pk=request.pk)


@pytest.fixture
def period():
    today = clock.today()
    return today - dt.timedelta(days=30), today + dt.timedelta(days=30)


@pytest.fixture
def requests(file_request, officer, other_info_page):
    made = {}
    for name in ("on_time", "late", "overdue", "not_yet_due", "withdrawn", "refused", "long_ago"):
        made[name], _token = file_request(subject=f"طلب {name}")
    made["on_time"] = services.info_request_answer(request=_due(made["on_time"], 5), message="الجواب", by=officer,
                                                   publish=True)
    made["late"] = services.info_request_answer(request=_due(made["late"], -3), message="جواب متأخر", by=officer,
                                                publish=True)
    _due(made["overdue"], -2)
    _due(made["not_yet_due"], 10)
    services.info_request_withdraw(request=_due(made["withdrawn"], -1), reason="لم يعد ضروريا")
    services.info_request_refuse(request=_due(made["refused"], 5), ground=RefusalGround.NOT_AVAILABLE,
                                 reason="غير متوفرة", by=officer)
    long_ago = clock.now() - dt.timedelta(days=100)
    services.info_request_answer(request=_due(made["long_ago"], -100, received_at=long_ago), message="قديم",
                                 by=officer, publish=True)
    elsewhere, _token = services.info_request_create(
        page=other_info_page, identity=services.Identity(full_name="س", postal_address="تطوان", id_document="cin",
                                                         id_number="L1", email="", phone=""),
        subject="طلب في تطوان", information_requested="نسخة", access_form="email")
    services.info_request_answer(request=elsewhere, message="جواب", by=officer, publish=True)
    return made


def test_share_answered_on_time(requests, commune_site, period, info_page):
    reading = _measure("info_requests.answered_on_time", commune_site, *period)
    # counted: on time, late, overdue (still open past its deadline), refused (a reasoned refusal, on time)
    assert (reading.numerator, reading.denominator, reading.value) == (2, 4, Decimal("50.0"))
    # only the published answers are linked, latest deadline first, to the register
    register = info_page.relative_url(commune_site) + "register/"
    assert register.startswith("/ar/")
    assert [(e.title, e.url) for e in reading.evidence] == [
        (f"{requests['on_time'].tracking_number} — طلب on_time", f"{register}#request-{requests['on_time'].pk}"),
        (f"{requests['late'].tracking_number} — طلب late", f"{register}#request-{requests['late'].pk}"),
    ]
    assert reading.evidence[0].date == clock.today()
    assert reading.evidence[0].note != reading.evidence[1].note  # on time / after the deadline


def test_received(requests, commune_site, period, other_site):
    assert _measure("info_requests.received", commune_site, *period).value == Decimal(6)
    assert _measure("info_requests.received", other_site, *period).value == Decimal(1)


def test_no_request_due_gives_no_value(requests, commune_site):
    far = (dt.date(2001, 1, 1), dt.date(2001, 12, 31))
    reading = _measure("info_requests.answered_on_time", commune_site, *far)
    assert (reading.value, reading.numerator, reading.denominator, reading.evidence) == (None, 0, 0, ())


def test_the_yearly_figures_use_the_same_rule(requests, commune_site):
    from participation.info_requests.selectors import yearly_figures

    this_year = next(f for f in yearly_figures(site=commune_site) if f.year == clock.today().year)
    assert (this_year.answered_on_time, this_year.answered_late) >= (2, 1)


def test_query_count_does_not_grow_with_the_requests(file_request, officer, commune_site, django_assert_num_queries):
    period = (clock.today() - dt.timedelta(days=1), clock.today() + dt.timedelta(days=90))  # the deadlines in it

    def add(n):
        for _ in range(n):
            request, _token = file_request()
            services.info_request_answer(request=request, message="جواب", by=officer, publish=True)

    add(1)
    with django_assert_num_queries(2):  # the requests, the register page
        small = _measure("info_requests.answered_on_time", commune_site, *period)
    add(EVIDENCE_LIMIT + 2)
    for key in ("info_requests.answered_on_time", "info_requests.received"):
        with django_assert_num_queries(2):
            reading = _measure(key, commune_site, *period)
        assert len(reading.evidence) == EVIDENCE_LIMIT
    assert small.denominator == 1 and reading.value == Decimal(EVIDENCE_LIMIT + 3)
