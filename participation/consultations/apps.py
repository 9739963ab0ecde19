from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Digital consultation weeks on the commune's draft programme of open projects (issue 4)."""

    name = "participation.consultations"
    label = "consultations"
    verbose_name = _("Digital consultations")

    def ready(self):
        from site_template.cache_versions import CONTENT, bump_on_change

        from .models import OpenProject, Remark

        # Cached pages, figures and project rows show remarks and projects: any save is a change
        # (the services also say so; signals catch admin edits and scripts).
        bump_on_change(CONTENT, Remark, OpenProject)
