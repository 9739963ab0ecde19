"""Admin and foundation hooks of the citizen budget: the communicator's staff screens and menu
item, the page buttons, the chapters and sectors snippets (their plain-language explanations,
scoped to the communes the user serves), the home-page section, the commune generator and the
roles' permissions."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from participation.core.admin_buttons import register_page_tools_button
from participation.core.indicators import INDICATOR_SOURCES_HOOK
from site_template.communes.admin_scoping import (
    CommuneScope,
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSetMixin,
)
from site_template.communes.roles import Role
from site_template.pages.selectors import HomeSection

from . import rules, selectors
from .models import BudgetPage, BudgetYear, Chapter, Sector

BUDGET_SCOPE = CommuneScope(site_lookup=None, page_lookup="budget", roles=(Role.COMMUNICATOR,))


class ChapterViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    """The chapters of the nomenclature and their explanations (the communicator's main writing)."""

    commune_scope = BUDGET_SCOPE
    model = Chapter
    icon = "table"
    menu_label = _("Budget chapters")
    add_to_admin_menu = False
    list_display = ["code", "name_ar", "name_fr", "direction", "section"]
    list_filter = ["budget", "direction", "section"]
    search_fields = ["code", "name_ar", "name_fr"]
    ordering = ["budget", "direction", "section", "code"]


class SectorViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    """The functional sectors of the expenses and their explanations."""

    commune_scope = BUDGET_SCOPE
    model = Sector
    icon = "table"
    menu_label = _("Functional sectors")
    add_to_admin_menu = False
    list_display = ["code", "name_ar", "name_fr"]
    list_filter = ["budget"]
    search_fields = ["code", "name_ar", "name_fr"]
    ordering = ["budget", "code"]


register_permission_policy(Chapter, CommuneScopedPermissionPolicy(Chapter, scope=BUDGET_SCOPE))
register_permission_policy(Sector, CommuneScopedPermissionPolicy(Sector, scope=BUDGET_SCOPE))
register_permission_policy(BudgetYear, CommuneScopedPermissionPolicy(BudgetYear, scope=BUDGET_SCOPE))
register_snippet(ChapterViewSet)
register_snippet(SectorViewSet)


@hooks.register("register_admin_urls")
def register_budget_admin_urls():
    return [path("budget/", include(("participation.budget.admin_urls", "budget_admin"), namespace="budget_admin"))]


class BudgetMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("budget.change_budgetyear")


@hooks.register("register_admin_menu_item")
def budget_menu_item():
    return BudgetMenuItem(_("Citizen budget"), reverse("budget_admin:index"), icon_name="table", order=266)


register_page_tools_button(
    page_class=BudgetPage, label=_("Years and publication"), url_name="budget_admin:overview", icon_name="table",
    rule=rules.can_manage, priority=68,
)


@hooks.register("home_sections")
def budget_section(*, home, request):
    item = selectors.home_year(home=home, request=request)
    if item is None:
        return None
    return HomeSection(
        key="budget", title=str(_("The citizen budget")), template="budget/includes/home_section.html",
        items=[item], more_url=item["page_url"], order=35,
    )


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


@hooks.register(INDICATOR_SOURCES_HOOK)
def budget_indicators():
    """What the participation charter can compute from the citizen budget (``indicators``)."""
    from .indicators import sources

    return sources()
