"""iCalendar validity (parsed back with the icalendar library, Africa/Casablanca with VTIMEZONE)
and reminder idempotence."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from participation.meetings import services
from participation.meetings.models import Registration

pytestmark = pytest.mark.django_db

CASA = ZoneInfo("Africa/Casablanca")


def _parse(content: bytes) -> Calendar:
    cal = Calendar.from_ical(content)
    assert cal["VERSION"] == "2.0"
    return cal


def test_meeting_ics_parses_with_casablanca_timezone(client, make_meeting):
    starts = timezone.make_aware(datetime(2031, 3, 21, 10, 0), CASA)
    meeting = make_meeting(starts_at=starts, duration_minutes=90)
    response = client.get(meeting.url + "ics/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = _parse(response.content)
    timezones = cal.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Africa/Casablanca"]
    (event,) = cal.walk("VEVENT")
    assert event.decoded("DTSTART") == starts
    assert str(event["DTSTART"].params["TZID"]) == "Africa/Casablanca"
    assert event.decoded("DTSTART").utcoffset() == starts.astimezone(CASA).utcoffset()
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=90)
    assert str(event["SUMMARY"]) == meeting.title
    assert b"TZID=Africa/Casablanca" in response.content


def test_french_ics_uses_french_title(client, make_meeting):
    meeting = make_meeting()
    response = client.get("/fr/meetings/" + meeting.slug + "/ics/")
    assert response.status_code == 200
    (event,) = _parse(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Rencontre sur les espaces verts"


def test_online_link_only_in_registrant_ics(client, make_meeting, make_citizen):
    meeting = make_meeting(format="online", online_url="https://meet.example.org/secret-room")
    assert b"secret-room" not in client.get(meeting.url + "ics/").content
    user = make_citizen()
    services.registration_create(meeting=meeting, user=user)
    client.force_login(user)
    assert b"secret-room" in client.get(meeting.url + "ics/").content


def test_index_feed_lists_every_meeting(client, meeting_index, make_meeting):
    make_meeting(title_ar="لقاء أ")
    make_meeting(title_ar="لقاء ب", starts_in=-timedelta(days=30))
    response = client.get(meeting_index.url + "calendar/")
    assert response.status_code == 200
    cal = _parse(response.content)
    assert sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT")) == ["لقاء أ", "لقاء ب"]
    assert len({str(e["UID"]) for e in cal.walk("VEVENT")}) == 2
    assert len(cal.walk("VTIMEZONE")) == 1


def test_confirmation_email_attachment_is_valid_ics(meeting, make_citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(meeting=meeting, user=make_citizen(), language="ar")
    (message,) = mail.outbox
    name, content, mimetype = message.attachments[0]
    assert name == "meeting.ics" and mimetype.startswith("text/calendar")
    (event,) = _parse(content if isinstance(content, bytes) else content.encode()).walk("VEVENT")
    assert event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)
    assert "تأكيد" in message.subject or meeting.title in message.subject


def test_reminders_are_sent_once(make_meeting, make_citizen, django_capture_on_commit_callbacks):
    tomorrow = make_meeting(starts_in=timedelta(hours=20), capacity=1)
    next_week = make_meeting(starts_in=timedelta(days=7))
    a, b, c = make_citizen(), make_citizen(), make_citizen()
    services.registration_create(meeting=tomorrow, user=a)
    services.registration_create(meeting=tomorrow, user=b)  # waitlisted: no reminder
    services.registration_create(meeting=next_week, user=c)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox] == [[a.email]]
    assert mail.outbox[0].attachments[0][0] == "meeting.ics"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 0
    assert len(mail.outbox) == 1
    assert Registration.objects.filter(reminder_sent_at__isnull=False).count() == 1


def test_reminder_window_is_end_of_tomorrow_in_casablanca(make_meeting, make_citizen):
    now = timezone.make_aware(datetime(2031, 5, 10, 18, 0), CASA)
    in_window = make_meeting(starts_at=timezone.make_aware(datetime(2031, 5, 11, 23, 30), CASA))
    outside = make_meeting(starts_at=timezone.make_aware(datetime(2031, 5, 12, 0, 30), CASA))
    user = make_citizen()
    services.registration_create(meeting=in_window, user=user, now=now)
    services.registration_create(meeting=outside, user=user, now=now)
    assert services.reminders_send(now=now) == 1
    assert Registration.objects.get(meeting=in_window).reminder_sent_at is not None


def test_online_meeting_without_place_is_located_online_in_the_page_language(make_meeting):
    from wagtail.models import Locale

    from participation.meetings import ical

    meeting = make_meeting(format="online", online_url="https://meet.example.org/room")
    page_fr = meeting.get_translation(Locale.objects.get(language_code="fr")).specific
    locations = {}
    for page in (meeting, page_fr):
        page.place = page.address = ""
        event = ical.meeting_event(meeting=meeting, page=page, url="https://example.ma/", domain="example.ma")
        locations[page.locale.language_code] = str(event["LOCATION"])
    assert locations == {"ar": "عن بعد", "fr": "En ligne"}
