from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    """Tracking the action programme (PAC) and the openness programme (issue 11)."""

    name = "participation.programme"
    label = "programme"
    verbose_name = _("Programme tracking")

    def ready(self):
        from site_template.cache_versions import CONTENT, bump_on_change

        from .models import Activity, Axis, FundingLine, Indicator, IndicatorValue, Project, ProjectUpdate

        # Cached anonymous pages show all of these: any save (admin, import, script) is a change.
        bump_on_change(CONTENT, Axis, Project, Activity, FundingLine, Indicator, IndicatorValue, ProjectUpdate)
