from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared participation mechanisms: contributions bound to a page, comments, supports,
    follows, notifications, moderation, safe text, attachments, statistics."""

    name = "participation.core"
    label = "participation_core"
    verbose_name = _("Participation (shared)")

    def ready(self):
        from site_template.cache_versions import SITE_STRUCTURE, bump_on_change

        from .caching import connect_invalidation
        from .models import Category

        bump_on_change(SITE_STRUCTURE, Category)  # cached filter lists
        connect_invalidation()  # the content version keys cached pages and rows
