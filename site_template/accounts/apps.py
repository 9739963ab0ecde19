from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "site_template.accounts"
    label = "accounts"
