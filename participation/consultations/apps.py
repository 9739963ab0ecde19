from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Digital consultation weeks on the commune's draft programme of open projects (issue 4)."""

    name = "participation.consultations"
    label = "consultations"
    verbose_name = _("Digital consultations")
