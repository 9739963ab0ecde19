from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    """The citizen budget (issue 13): the commune's money explained to citizens."""

    name = "participation.budget"
    label = "budget"
    verbose_name = _("Citizen budget")

    def ready(self):
        from site_template.cache_versions import CONTENT, bump_on_change

        from .models import BudgetLine, BudgetYear, Chapter, Sector

        # Cached anonymous pages show all of these: any save (admin, import, script) is a change.
        bump_on_change(CONTENT, BudgetYear, BudgetLine, Chapter, Sector)
