from django.core.management.base import BaseCommand

from participation.consultations.services import opening_notices_send


class Command(BaseCommand):
    help = "Emails citizens who asked to be told when a consultation opens (run every few minutes)."

    def handle(self, *args, **options):
        sent = opening_notices_send()
        self.stdout.write(f"{sent} opening notice(s) sent.")
