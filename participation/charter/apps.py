from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterConfig(AppConfig):
    """The participation charter and the Citizen-Commune Label self-assessment (issue 12)."""

    name = "participation.charter"
    label = "charter"
    verbose_name = _("Participation charter and Citizen-Commune Label")

    def ready(self):
        from site_template.cache_versions import CONTENT, bump_on_change

        from .models import (
            ActionPlanItem,
            Assessment,
            Commitment,
            CommitmentDocument,
            CommitmentLink,
            Evaluation,
            EvaluationFinding,
            Principle,
        )

        # Cached anonymous pages show all of these: any save (admin, script) is a change.
        bump_on_change(CONTENT, Principle, Commitment, CommitmentDocument, CommitmentLink, Evaluation,
                       EvaluationFinding, Assessment, ActionPlanItem)
