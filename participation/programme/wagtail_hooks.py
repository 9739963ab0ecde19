"""Admin and foundation hooks of programme tracking."""

from __future__ import annotations

from django.urls import include, path
from wagtail import hooks


@hooks.register("register_admin_urls")
def register_programme_admin_urls():
    return [path("programme/", include(("participation.programme.admin_urls", "programme_admin"),
                                       namespace="programme_admin"))]
