from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoRequestsConfig(AppConfig):
    """Access-to-information requests under law 31-13: filing, legal deadlines, the officer's
    queue, complaints, the public register, figures and proactive publication."""

    name = "participation.info_requests"
    label = "info_requests"
    verbose_name = _("Access to information")
