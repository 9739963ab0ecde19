from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared participation mechanisms: contributions bound to a page, comments, supports,
    follows, notifications, moderation, safe text, attachments, statistics."""

    name = "participation.core"
    label = "participation_core"
    verbose_name = _("Participation (shared)")

    def ready(self):
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed

        from site_template.cache_versions import ACCOUNT_STANDING, SITE_STRUCTURE, bump_on_change
        from site_template.communes.models import CommuneRole

        from . import db  # noqa: F401  (connects the after-response hooks before the first request)
        from .caching import connect_invalidation
        from .models import Category, UserBlock

        bump_on_change(SITE_STRUCTURE, Category)  # cached filter lists
        connect_invalidation()  # the content version keys cached pages and rows
        # What rules.account_standing caches: verified addresses, blocks, roles, memberships.
        bump_on_change(ACCOUNT_STANDING, EmailAddress, UserBlock, CommuneRole, Group)
        m2m_changed.connect(
            ACCOUNT_STANDING.bump_now_and_on_commit,
            sender=get_user_model().groups.through,
            dispatch_uid="account-standing-groups",
        )
