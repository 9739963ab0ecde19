from django.apps import AppConfig


class CommunesConfig(AppConfig):
    name = "site_template.communes"
    label = "communes"

    def ready(self):
        from site_template.cache_versions import SITE_STRUCTURE, bump_on_change

        from .models import CommuneSettings, Neighbourhood

        bump_on_change(SITE_STRUCTURE, CommuneSettings, Neighbourhood)  # cached settings, filter lists
