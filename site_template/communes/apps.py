from django.apps import AppConfig


class CommunesConfig(AppConfig):
    name = "site_template.communes"
    label = "communes"
