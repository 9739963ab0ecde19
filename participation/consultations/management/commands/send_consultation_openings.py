from django.core.management.base import BaseCommand

from participation.consultations.services import opening_notices_send


class Command(BaseCommand):
    help = "Tells citizens who follow a consultation that it has opened, once (run every few minutes)."

    def handle(self, *args, **options):
        sent = opening_notices_send()
        self.stdout.write(f"{sent} follower(s) told of an opening.")
