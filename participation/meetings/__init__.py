"""Citizen meetings (اللقاءات المواطنة / rencontres citoyennes), issue 5.

Editorial side (Wagtail pages): ``MeetingIndexPage`` lists meetings (upcoming first, then past,
filters by theme and neighbourhood, iCalendar feed at ``calendar.ics``); ``MeetingPage`` holds
one meeting (agenda, place, format, accessibility, documents) and, afterwards, its report,
attendance figures and the ideas collected.

Meetings exist in Arabic and French as translations of one *logical* page (the source, Arabic
page). Schedule, capacity, registrations, figures and ideas always come from the logical page
(``MeetingPage.logical``), so both languages show the same data; titles and texts come from
the page being viewed.

Citizen side (plain models, FK to the logical page): ``Registration`` with a waiting list
(``services.registration_create`` / ``registration_cancel`` lock the meeting row), emails with
an iCalendar attachment sent through django_tasks (``emails``), reminders the day before
(``manage.py send_meeting_reminders``, idempotent). Staff get the registrant list, a printable
sign-in sheet and CSV/XLSX exports in the Wagtail admin, and turn ideas into suggestions or
consultation remarks (``IdeaConversion`` keeps the origin).
"""
