from django.core.management.base import BaseCommand

from participation.info_requests.services import officer_reminders_send


class Command(BaseCommand):
    help = "Daily: emails each commune's information officers the requests due soon and the overdue ones."

    def handle(self, *args, **options):
        sent = officer_reminders_send()
        self.stdout.write(f"{sent} officer(s) emailed.")
