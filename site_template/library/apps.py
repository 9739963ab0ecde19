from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "site_template.library"
    label = "library"
    verbose_name = _("Documents library")

    def ready(self) -> None:
        from .permissions import register_document_category_policy

        register_document_category_policy()
