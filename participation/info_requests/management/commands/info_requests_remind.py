from django.core.management.base import BaseCommand
from wagtail.models import Site

from participation.info_requests.emails import send_reminder
from participation.info_requests.models import InfoRequestSettings
from participation.info_requests.selectors import reminder_other_items, reminder_requests


class Command(BaseCommand):
    help = "Daily: emails each commune's information officers the requests due soon and the overdue ones."

    def handle(self, *args, **options):
        for site in Site.objects.all():
            conf = InfoRequestSettings.for_site(site)
            due_soon, overdue = reminder_requests(site=site, days_ahead=conf.reminder_days_ahead)
            complaints, data_requests = reminder_other_items(site=site, days_ahead=conf.reminder_days_ahead)
            sent = send_reminder(site=site, due_soon=due_soon, overdue=overdue, complaints=complaints,
                                 data_requests=data_requests)
            self.stdout.write(f"{site.hostname}: {len(overdue)} overdue, {len(due_soon)} due soon, {sent} officer(s) emailed.")
