from django.apps import AppConfig


class CommunesConfig(AppConfig):
    name = "site_template.communes"
    label = "communes"

    def ready(self):
        from site_template.cache_versions import SITE_STRUCTURE, bump_on_change

        from .models import CommuneSettings, Neighbourhood

        bump_on_change(SITE_STRUCTURE, CommuneSettings, Neighbourhood)  # cached settings, filter lists

        from .admin_scoping import scope_model_log_entries, scope_page_filters

        scope_page_filters()  # the admin's page filters offer only the user's communes
        scope_model_log_entries()  # and its history screens only their objects
