from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "site_template.council"
    label = "council"
