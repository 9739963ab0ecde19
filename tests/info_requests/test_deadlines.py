"""Every deadline rule of law 31-13 (art. 16, 17, 19, 20) and 09-08 (art. 8), from the receipt
date in Africa/Casablanca, with weekends and public holidays."""

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from participation.info_requests import deadlines, services
from participation.info_requests.models import Complaint, DataRequest, InfoRequestSettings, RefusalGround
from participation.working_days import clock
from participation.working_days.services import holidays_sync

CASA = ZoneInfo("Africa/Casablanca")
pytestmark = pytest.mark.django_db


def at(y, m, d, h=10, mi=0):
    return dt.datetime(y, m, d, h, mi, tzinfo=CASA)


def frozen(moment):
    return mock.patch("participation.working_days.clock.timezone.now", return_value=moment.astimezone(dt.UTC))


@pytest.fixture(autouse=True)
def _holidays(db):
    holidays_sync(years=[2026, 2027])


def test_answer_within_20_working_days(file_request):
    with frozen(at(2026, 2, 2)):  # Monday, no holiday in February
        request, _token = file_request()
    assert request.due_date == dt.date(2026, 3, 2)
    assert request.initial_due_date == request.due_date


def test_filed_on_the_eve_of_a_public_holiday(file_request):
    with frozen(at(2026, 11, 17, 16)):  # eve of Independence Day (18 Nov)
        request, _token = file_request()
    assert request.due_date == dt.date(2026, 12, 16)


def test_filed_at_the_end_of_the_year(file_request):
    with frozen(at(2026, 12, 31, 15)):
        request, _token = file_request()
    assert request.tracking_number.startswith("LARACHE-2026-")
    assert request.due_date == dt.date(2027, 2, 2)


def test_receipt_date_is_taken_in_casablanca(file_request):
    # 23:30 UTC on 31 Dec is already 1 January in Casablanca (UTC+1): the 2027 counter and calendar
    moment = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
    with mock.patch("participation.working_days.clock.timezone.now", return_value=moment):
        request, _token = file_request()
    assert request.tracking_number.startswith("LARACHE-2027-")
    assert request.due_date == dt.date(2027, 2, 2)  # 1 Jan is a holiday: same count as from 31 Dec


def test_urgent_request_three_days(file_request):
    with frozen(at(2026, 2, 6)):  # Friday: 3 calendar days, the law does not say working days
        request, _token = file_request(is_urgent=True, urgency_justification="حالة صحية")
    assert request.due_date == dt.date(2026, 2, 9)
    assert not deadlines.can_extend(request=request)


def test_settings_change_the_deadline(file_request, commune_site):
    conf = InfoRequestSettings.for_site(commune_site)
    conf.answer_working_days = 10
    conf.save()
    with frozen(at(2026, 2, 2)):
        request, _token = file_request()
    assert request.due_date == dt.date(2026, 2, 16)


def test_extension_once_by_20_working_days_with_reason(file_request, officer):
    with frozen(at(2026, 2, 2)):
        request, _token = file_request()
    with frozen(at(2026, 2, 20)):
        with pytest.raises(ValidationError):
            services.info_request_extend(request=request, reason="  ", by=officer)
        request = services.info_request_extend(request=request, reason="وثائق في الأرشيف", by=officer)
    assert request.due_date == dt.date(2026, 3, 31)  # 2 March + 20 working days, over Eid al-Fitr (20 March)
    assert request.initial_due_date == dt.date(2026, 3, 2)
    with frozen(at(2026, 2, 21)), pytest.raises(ValidationError):
        services.info_request_extend(request=request, reason="again", by=officer)


def test_extension_refused_after_the_deadline(file_request, officer):
    with frozen(at(2026, 2, 2)):
        request, _token = file_request()
    with frozen(at(2026, 3, 3)), pytest.raises(ValidationError):
        services.info_request_extend(request=request, reason="trop tard", by=officer)


def test_extension_over_eid_follows_the_corrected_date(file_request, officer):
    from participation.working_days.models import PublicHoliday
    from participation.working_days.services import holiday_confirm

    with frozen(at(2026, 2, 16)):
        request, _token = file_request()
    # 16 Feb + 20 wd = 16 March; extension runs over Eid al-Fitr (estimated 20-21 March)
    assert request.due_date == dt.date(2026, 3, 16)
    with frozen(at(2026, 3, 2)):
        extended = services.info_request_extend(request=request, reason="r", by=officer)
    # 17..20 would be 4, but 20 March (Fri) is Eid: 17,18,19,23.. -> 20 wd = 14 April
    assert extended.due_date == dt.date(2026, 4, 14)
    fitr = PublicHoliday.objects.get(key="2026-eid-al-fitr-1")
    holiday_confirm(holiday=fitr, by=officer, date=dt.date(2026, 3, 21))  # a Saturday in the end
    PublicHoliday.objects.filter(key="2026-eid-al-fitr-2").update(date=dt.date(2026, 3, 22))
    assert deadlines.extended_due(due_date=dt.date(2026, 3, 16), conf=extended.settings) == dt.date(2026, 4, 13)


def test_complaint_late_window_and_answer_deadline(file_request):
    with frozen(at(2026, 2, 2)):
        request, _token = file_request()
    with frozen(at(2026, 3, 2)):  # deadline day: nothing to complain about yet
        assert deadlines.complaint_basis(request=request) is None
        with pytest.raises(ValidationError):
            services.complaint_file(request=request, text="?")
    with frozen(at(2026, 3, 3)):
        assert deadlines.complaint_basis(request=request) == (Complaint.Reason.LATE, dt.date(2026, 3, 2))
        # 20 working days from the missed deadline, over Eid al-Fitr (20 March, estimated)
        assert deadlines.complaint_filing_deadline(request=request) == dt.date(2026, 3, 31)
    with frozen(at(2026, 4, 1)), pytest.raises(ValidationError):
        services.complaint_file(request=request, text="trop tard")
    with frozen(at(2026, 3, 31, 17)):
        complaint = services.complaint_file(request=request, text="لا جواب")
    assert complaint.reason == Complaint.Reason.LATE
    assert complaint.due_date == dt.date(2026, 4, 15)  # 15 days (art. 19)
    conf = request.settings
    assert deadlines.commission_filing_deadline(complaint=complaint, conf=conf) == dt.date(2026, 5, 15)  # +30 days
    with frozen(at(2026, 4, 1)), pytest.raises(ValidationError):
        services.complaint_file(request=request, text="again")


def test_complaint_after_refusal_runs_from_the_answer(file_request, officer):
    with frozen(at(2026, 2, 2)):
        request, _token = file_request()
    with frozen(at(2026, 2, 10)):
        services.info_request_refuse(request=request, ground=RefusalGround.EXCEPTION, exception="private_life",
                                     reason="بيانات شخصية", by=officer)
    request.refresh_from_db()
    with frozen(at(2026, 2, 11)):
        assert deadlines.complaint_basis(request=request) == (Complaint.Reason.REFUSED, dt.date(2026, 2, 10))
        assert deadlines.complaint_filing_deadline(request=request) == dt.date(2026, 3, 10)
        complaint = services.complaint_file(request=request, text="الرفض غير معلل")
    assert complaint.reason == Complaint.Reason.REFUSED
    with frozen(at(2026, 2, 20)):
        answered = services.complaint_answer(complaint=complaint, answer="نؤكد الرفض", by=officer)
    assert deadlines.commission_filing_deadline(complaint=answered, conf=request.settings) == dt.date(2026, 3, 22)


def test_refusal_needs_ground_exception_and_reason(file_request, officer):
    request, _token = file_request()
    with pytest.raises(ValidationError):
        services.info_request_refuse(request=request, ground=RefusalGround.EXCEPTION, reason="x", by=officer)
    with pytest.raises(ValidationError):
        services.info_request_refuse(request=request, ground=RefusalGround.UNCLEAR, reason=" ", by=officer)
    with pytest.raises(ValidationError):
        services.info_request_refuse(request=request, ground="nope", reason="x", by=officer)
    refused = services.info_request_refuse(request=request, ground=RefusalGround.UNCLEAR, reason="غير واضح", by=officer)
    assert refused.refusal_exception == ""


def test_partial_answer_opens_an_incomplete_complaint(file_request, officer):
    with frozen(at(2026, 2, 2)):
        request, _token = file_request()
        services.info_request_answer(request=request, message="جزء", partial=True, by=officer)
    request.refresh_from_db()
    assert deadlines.complaint_basis(request=request)[0] == Complaint.Reason.INCOMPLETE


def test_rectification_within_10_days_and_erasure_once_closed(file_request, officer):
    with frozen(at(2026, 2, 2)):
        request, _token = file_request()
        with pytest.raises(ValidationError):
            services.data_request_file(request=request, kind=DataRequest.Kind.ERASURE, text="")
        rect = services.data_request_file(request=request, kind=DataRequest.Kind.RECTIFICATION, text="اسمي فاطمة")
    assert rect.due_date == dt.date(2026, 2, 12)
    services.info_request_answer(request=request, message="الجواب", by=officer)
    request.refresh_from_db()
    erase = services.data_request_file(request=request, kind=DataRequest.Kind.ERASURE, text="")
    services.data_request_handle(data_request=erase, done=True, response="تم", by=officer)
    request.refresh_from_db()
    assert request.identity_erased_at and request.id_number == "" and request.email == ""
    assert request.full_name == services.ERASED


def test_closed_requests_cannot_change(file_request, officer):
    request, _token = file_request()
    services.info_request_withdraw(request=request, reason="سحب", by=officer)
    for call in (
        lambda: services.info_request_answer(request=request, message="x", by=officer),
        lambda: services.info_request_transfer(request=request, body="x", message="", by=officer),
        lambda: services.info_request_extend(request=request, reason="x", by=officer),
    ):
        with pytest.raises(ValidationError):
            call()


def test_tracking_numbers_are_sequential_per_year(file_request):
    first, _ = file_request()
    second, _ = file_request()
    year = clock.today().year
    assert first.tracking_number == f"LARACHE-{year}-00001"
    assert second.tracking_number == f"LARACHE-{year}-00002"
