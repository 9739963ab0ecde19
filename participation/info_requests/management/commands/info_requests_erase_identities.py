from django.core.management.base import BaseCommand

from participation.info_requests.services import identities_erase_expired


class Command(BaseCommand):
    help = "Scheduled: erases the identities of closed requests older than the retention setting (law 09-08, art. 3)."

    def handle(self, *args, **options):
        count = identities_erase_expired()
        self.stdout.write(f"{count} identities erased.")
