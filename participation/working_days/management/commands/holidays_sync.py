from django.core.management.base import BaseCommand

from participation.working_days.services import default_sync_years, holidays_sync


class Command(BaseCommand):
    help = "Imports Moroccan public holidays (never overwrites a date confirmed by staff)."

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="*", type=int, help="Years (default: last, this and next year).")

    def handle(self, *args, years, **options):
        counts = holidays_sync(years=years or default_sync_years())
        self.stdout.write(
            f"Holidays: {counts['created']} created, {counts['updated']} updated, {counts['kept']} kept."
        )
