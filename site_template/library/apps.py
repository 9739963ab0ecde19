from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "site_template.library"
    label = "library"
    verbose_name = _("Documents library")

    def ready(self) -> None:
        from wagtail.permissions import register_permission_policy

        from .models import DocumentCategory
        from .permissions import DocumentCategoryPermissionPolicy

        register_permission_policy(DocumentCategory, DocumentCategoryPermissionPolicy(DocumentCategory))
