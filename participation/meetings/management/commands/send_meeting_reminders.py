"""Sends the reminder email to registrants of meetings taking place tomorrow (or later today).
Run it daily (e.g. cron at 18:00); running it again sends nothing twice."""

from django.core.management.base import BaseCommand

from participation.meetings.services import reminders_send


class Command(BaseCommand):
    help = "Email a reminder (with the .ics file) to registrants of meetings starting by the end of tomorrow."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder(s) sent."))
