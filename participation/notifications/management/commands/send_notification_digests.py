from django.core.management.base import BaseCommand

from participation.notifications.tasks import send_daily_digests


class Command(BaseCommand):
    help = "Queue the daily notification digest emails (run once a day, e.g. from cron at 18:00)."

    def handle(self, *args, **options):
        count = send_daily_digests()
        self.stdout.write(f"Digests queued for {count} user(s).")
