from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "participation.meetings"
    label = "meetings"
    verbose_name = _("Citizen meetings")

    def ready(self):
        from site_template.cache_versions import CONTENT, bump_on_change

        from .models import MeetingTheme, Registration

        # The home page (cached) shows the places left and each meeting's theme.
        bump_on_change(CONTENT, Registration, MeetingTheme)
