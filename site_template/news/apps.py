from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "site_template.news"
    label = "news"
