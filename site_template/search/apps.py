from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search: Wagtail's database backend by default, Elasticsearch (through
    elasticsearch-dsl) when ``ELASTICSEARCH_URL`` is set."""

    name = "site_template.search"
    label = "site_search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
