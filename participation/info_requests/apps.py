from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoRequestsConfig(AppConfig):
    """Access-to-information requests under law 31-13: filing, legal deadlines, the officer's
    queue, complaints, the public register, figures and proactive publication."""

    name = "participation.info_requests"
    label = "info_requests"
    verbose_name = _("Access to information")

    def ready(self):
        from site_template.cache_versions import CONTENT, bump_on_change

        from .models import InfoRequest

        # The home page (cached) lists the latest answers published in the register.
        bump_on_change(CONTENT, InfoRequest)
