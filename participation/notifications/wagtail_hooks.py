"""Admin: the participation statistics page (menu item shown to focal points); the header link
with the unread count; "my data" and erasure of follows and notifications."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .statistics_admin import StatisticsView


@hooks.register("register_admin_urls")
def statistics_admin_urls():
    return [path("participation-statistics/", StatisticsView.as_view(), name="participation_statistics")]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm("participation_core.answer_contribution") or user.has_perm(
            "participation_core.moderate_contribution"
        )


@hooks.register("register_admin_menu_item")
def statistics_menu_item():
    return StatisticsMenuItem(
        _("Participation statistics"), reverse("participation_statistics"), icon_name="table", order=260
    )


@hooks.register("user_data_export")
def export_notifications_data(user):
    """"My data": what the user follows (contributions, pages, themes…), their email preference
    and the notifications the site keeps for them."""
    from .models import Follow, Notification, NotificationPreference

    def followed(follow) -> dict:
        if follow.contribution_id:
            return {"contribution": follow.contribution.title}
        if follow.page_id:
            return {"page": follow.page.title}
        return {"other": str(follow.target) if follow.target is not None else None}

    follows = Follow.objects.filter(user=user).select_related("contribution", "page", "target_type")
    preference = NotificationPreference.objects.filter(user=user).first()
    notifications = (
        Notification.objects.filter(user=user).select_related("contribution", "page", "actor").order_by("created_at")
    )
    return {
        "notifications": {
            "follows": [{**followed(f), "since": f.created_at.isoformat()} for f in follows],
            "preference": (
                {"email_frequency": preference.email_frequency, "language": preference.language}
                if preference
                else None
            ),
            "notifications": [
                {
                    "message": n.message,
                    "created_at": n.created_at.isoformat(),
                    "read_at": n.read_at.isoformat() if n.read_at else None,
                }
                for n in notifications
            ],
        }
    }


@hooks.register("user_anonymise")
def erase_notifications_data(user):
    """A deleted account follows nothing and keeps no notification or preference."""
    from .models import Follow, Notification, NotificationPreference

    Follow.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()


@hooks.register("account_links")
def notifications_account_link(request):
    """"Notifications" in the header, with the unread count (one cache hit)."""
    from site_template.accounts.hooks import AccountLink

    from .selectors import unread_count

    return AccountLink(
        url=reverse("notifications:list"),
        label=str(_("Notifications")),
        badge=unread_count(user=request.user),
        badge_label=str(_("unread")),
        order=10,
    )


@hooks.register("periodic_jobs")
def notifications_jobs():
    from datetime import time

    from participation.core.scheduling import PeriodicJob

    from .tasks import send_daily_digests

    return [PeriodicJob("notifications.daily_digests", send_daily_digests, at=time(7, 0),
                        description="The daily digest of those who chose it.")]
