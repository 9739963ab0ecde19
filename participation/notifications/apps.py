from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Follows, on-site notifications and notification emails (immediate or daily digest).

    It listens to what the core announces (``participation.core.events``) and registers its
    ``Follow`` model with the core, which never imports this app."""

    name = "participation.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from participation.core.events import participation_event
        from participation.core.models import register_follow_model

        from .models import Follow
        from .receivers import on_participation_event

        register_follow_model(Follow)
        participation_event.connect(on_participation_event, dispatch_uid="notifications_participation_event")
