from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkingDaysConfig(AppConfig):
    """Moroccan public holidays and working-day arithmetic for legal deadlines
    (law 31-13 art. 16 and 19; later petitions)."""

    name = "participation.working_days"
    label = "working_days"
    verbose_name = _("Working days")
