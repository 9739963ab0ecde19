"""Staff roles of a commune. Each commune has one Django group per role (created by the
generator, recorded in ``CommuneRole``) so two communes on one database keep their staff apart.

Features declare what each role may do through the ``role_permissions`` hook::

    @hooks.register("role_permissions")
    def suggestions_permissions():
        return {Role.FOCAL_POINT: ["suggestions.change_suggestion", ...]}
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMUNICATOR = "communicator", _("Communicator")
    FOCAL_POINT = "focal_point", _("Participation focal point")
    INFORMATION_OFFICER = "information_officer", _("Information officer")
    ADMINISTRATOR = "administrator", _("Administrator")
