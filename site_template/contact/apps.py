from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "site_template.contact"
    label = "contact"
    verbose_name = _("Contact form")
