"""What the officer and the requester read as “left” before a deadline: working days for the
answer (law 31-13, art. 16), calendar days for an urgent request (art. 17) and for the head's
answer to a complaint (art. 19); the officer's queue lists the complaints still awaiting it."""

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from participation.info_requests import deadlines, services
from participation.info_requests.models import RefusalGround
from participation.working_days.services import holidays_sync

CASA = ZoneInfo("Africa/Casablanca")
pytestmark = pytest.mark.django_db


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, tzinfo=CASA)


def frozen(moment):
    return mock.patch("participation.working_days.clock.timezone.now", return_value=moment.astimezone(dt.UTC))


@pytest.fixture(autouse=True)
def _holidays(db):
    holidays_sync(years=[2026])


@pytest.fixture
def filed_monday(file_request):
    with frozen(at(2026, 2, 2)):  # Monday; due Monday 2 March (20 working days)
        request, _token = file_request()
    assert request.due_date == dt.date(2026, 3, 2)
    return request


def test_days_left_counts_working_days(filed_monday):
    # Friday 27 February: 3 calendar days, but only Monday 2 March is a working day
    left = deadlines.days_left(request=filed_monday, today=dt.date(2026, 2, 27))
    assert (left.days, left.working, left.overdue) == (1, True, False)
    # Monday 16 February: 14 calendar days, 10 working days
    assert deadlines.days_left(request=filed_monday, today=dt.date(2026, 2, 16)).days == 10
    assert deadlines.days_left(request=filed_monday, today=dt.date(2026, 3, 2)).label == str(
        translation.gettext("due today"))


def test_overdue_counts_working_days_passed(filed_monday):
    left = deadlines.days_left(request=filed_monday, today=dt.date(2026, 3, 5))  # Thursday
    assert (left.days, left.overdue) == (3, True)
    with translation.override("fr"):
        assert left.label == "3 jours ouvrables de retard"


def test_urgent_request_counts_calendar_days(file_request):
    with frozen(at(2026, 2, 6)):  # Friday: due Monday 9 February (3 days, art. 17)
        request, _token = file_request(is_urgent=True, urgency_justification="حالة صحية")
    left = deadlines.days_left(request=request, today=dt.date(2026, 2, 7))
    assert (left.days, left.working) == (2, False)
    with translation.override("ar"):
        assert left.label == "بقي يومان"


def test_queue_and_process_page_show_working_days(client, officer, filed_monday):
    client.force_login(officer)
    with frozen(at(2026, 2, 27)), translation.override("ar"):
        queue = client.get(reverse("info_requests:index"))
        process = client.get(reverse("info_requests:process", args=[filed_monday.pk]))
    assert queue.status_code == 200 and process.status_code == 200
    for response in (queue, process):
        body = response.content.decode()
        assert "بقي يوم عمل واحد" in body
        assert "بقي 3 يوم" not in body and "بقيت 3 أيام" not in body


def test_status_page_shows_working_days(client, info_page, file_request):
    with frozen(at(2026, 2, 2)):
        request, token = file_request()
    with frozen(at(2026, 2, 16)):
        body = client.get(info_page.url + f"r/{token}/").content.decode()
    assert "بقيت 10 أيام عمل" in body


def test_queue_lists_pending_complaints_with_their_deadline(client, officer, filed_monday):
    with frozen(at(2026, 2, 10)):
        services.info_request_refuse(request=filed_monday, ground=RefusalGround.EXCEPTION,
                                     exception="private_life", reason="بيانات شخصية", by=officer)
    filed_monday.refresh_from_db()
    with frozen(at(2026, 2, 11)):
        complaint = services.complaint_file(request=filed_monday, text="الرفض غير معلل")
    assert complaint.due_date == dt.date(2026, 2, 26)  # 15 days (art. 19)
    client.force_login(officer)
    with frozen(at(2026, 2, 14)), translation.override("ar"):
        body = client.get(reverse("info_requests:index")).content.decode()
    assert 'id="pending-complaints"' in body
    section = body.split('id="pending-complaints"', 1)[1].split("</section>", 1)[0]
    assert filed_monday.tracking_number in section
    assert reverse("info_requests:process", args=[filed_monday.pk]) in section
    assert "26 فبراير 2026" in section
    assert "بقي 12 يوما" in section  # calendar days: the law does not say working days here
    # once answered, it leaves the list
    services.complaint_answer(complaint=complaint, answer="نؤكد الرفض", by=officer)
    with frozen(at(2026, 2, 14)):
        body = client.get(reverse("info_requests:index")).content.decode()
    assert 'id="pending-complaints"' not in body


def test_queue_reads_holidays_once(client, officer, file_request):
    with frozen(at(2026, 2, 2)):
        for _ in range(5):
            file_request()
    client.force_login(officer)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("info_requests:index")).status_code == 200
    holiday_queries = [q for q in ctx.captured_queries if "working_days_publicholiday" in q["sql"]]
    assert len(holiday_queries) == 1
