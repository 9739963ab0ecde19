"""Admin and foundation hooks of the citizen budget: the commune generator and the roles'
permissions (the staff screens, snippets and home-page section come with them)."""

from __future__ import annotations

from wagtail import hooks


@hooks.register("commune_setup")
def setup_budget(*, site, home_ar, home_fr, demo: bool, demo_users: dict) -> None:
    from .provisioning import budget_setup

    budget_setup(site=site, home_ar=home_ar, home_fr=home_fr, demo=demo, demo_users=demo_users)


setup_budget.order = 180


@hooks.register("role_permissions")
def budget_permissions():
    from .provisioning import role_permissions

    return role_permissions()


@hooks.register("participation_contribution_kinds")
def budget_contribution_kinds():
    """The core admin's contributions list names and filters the citizens' questions."""
    from django.utils.translation import gettext_lazy as _

    from .models import QUESTION_KIND

    return [(QUESTION_KIND, _("Question about a budget line"))]


# -- budget/imports: the import screen's routes (to be reconciled with the admin index's hook) -----
from django.urls import include, path  # noqa: E402


@hooks.register("register_admin_urls")
def register_budget_admin_urls():
    return [path("budget/", include(("participation.budget.admin_urls", "budget_admin"), namespace="budget_admin"))]
