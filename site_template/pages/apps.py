from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "site_template.pages"
    label = "pages"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
