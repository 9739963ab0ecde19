"""Scheduled commands: the daily reminder to officers and the identity retention."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from participation.info_requests import services
from participation.info_requests.models import InfoRequestSettings
from participation.working_days import clock

pytestmark = pytest.mark.django_db


def test_reminder_lists_due_soon_and_overdue(file_request, officer, administrator, communicator):
    overdue, _ = file_request(subject="طلب متأخر")
    clock.travel(days=40)
    soon, _ = file_request(subject="طلب عاجل", is_urgent=True, urgency_justification="حياة")
    later, _ = file_request(subject="طلب عادي")
    mail.outbox.clear()
    call_command("info_requests_remind")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["admin@example.ma", "officer@example.ma"]  # not the communicator
    assert overdue.tracking_number in message.body and soon.tracking_number in message.body
    assert later.tracking_number not in message.body
    assert message.body.index(overdue.tracking_number) < message.body.index(soon.tracking_number)


def test_no_reminder_when_nothing_is_due(file_request, officer):
    file_request()
    mail.outbox.clear()
    call_command("info_requests_remind")
    assert mail.outbox == []


def test_identities_erased_after_retention(file_request, officer, commune_site):
    conf = InfoRequestSettings.for_site(commune_site)
    conf.identity_retention_days = 30
    conf.save()
    closed, _ = file_request()
    services.info_request_answer(request=closed, message="x", by=officer)
    still_open, _ = file_request()
    clock.travel(days=29)
    call_command("info_requests_erase_identities")
    closed.refresh_from_db()
    assert closed.identity_erased_at is None
    clock.travel(days=2)
    call_command("info_requests_erase_identities")
    closed.refresh_from_db()
    still_open.refresh_from_db()
    assert closed.identity_erased_at and closed.id_number == "" and closed.postal_address == ""
    assert closed.answer == "x"  # the request and its figures remain
    assert still_open.identity_erased_at is None and still_open.id_number == "LA123456"
    assert clock.now() - closed.identity_erased_at < dt.timedelta(minutes=1)


def test_holidays_sync_command(db):
    from participation.working_days.models import PublicHoliday

    call_command("holidays_sync", "2026")
    assert PublicHoliday.objects.filter(date=dt.date(2026, 11, 18)).exists()


def test_reminder_lists_complaints_and_data_requests(file_request, officer):
    request, _ = file_request()
    clock.travel(days=40)
    complaint = services.complaint_file(request=request, text="لا جواب")
    other, _ = file_request()
    services.data_request_file(request=other, kind="rectification", text="العنوان")
    services.info_request_answer(request=request, message="x", by=officer)
    clock.travel(days=14)
    mail.outbox.clear()
    call_command("info_requests_remind")
    body = mail.outbox[0].body
    assert complaint.request.tracking_number in body and other.tracking_number in body
