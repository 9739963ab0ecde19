from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page, Site

from site_template.search.backends import ElasticsearchSearch


class Command(BaseCommand):
    help = "Indexes every live page of every commune in Elasticsearch (needs ELASTICSEARCH_URL)."

    def handle(self, *args, **options):
        if not settings.ELASTICSEARCH_URL:
            raise CommandError("ELASTICSEARCH_URL is not set: the database backend needs no rebuild.")
        backend = ElasticsearchSearch(settings.ELASTICSEARCH_URL)
        total = 0
        for site in Site.objects.all():
            for root in [site.root_page, *site.root_page.get_translations()]:
                pages = Page.objects.live().public().descendant_of(root, inclusive=True).specific()
                total += backend.index_pages(pages, site_id=site.pk)
        self.stdout.write(f"{total} pages indexed")
