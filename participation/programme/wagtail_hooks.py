"""Admin and foundation hooks of programme tracking: the axes, projects and indicators snippets
(scoped to the communes the user serves), the staff screens, page buttons, the home-page section,
the search source, the commune generator and the roles' permissions."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from participation.core.admin_buttons import register_page_tools_button
from participation.core.conversion import TRACKED_ITEMS_HOOK, TrackedItem
from participation.core.indicators import INDICATOR_SOURCES_HOOK
from participation.core.pages import current_language, in_source_language
from site_template.communes.admin_scoping import (
    CommuneScope,
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSetMixin,
)
from site_template.communes.roles import Role
from site_template.pages.selectors import HomeSection
from site_template.params import parse_id

from . import rules, selectors, services
from .models import Axis, Indicator, ProgrammePage, Project

PROGRAMME_SCOPE = CommuneScope(site_lookup=None, page_lookup="programme", roles=(Role.FOCAL_POINT,))
INDICATOR_SCOPE = CommuneScope(site_lookup=None, page_lookup="project__programme", roles=(Role.FOCAL_POINT,))


class ProjectCreateView(CreateView):
    """"Add a project" from a programme's overview comes with ``?programme=<id>``."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or Project()
        programme_id = parse_id(self.request.GET.get("programme"))
        if programme_id is not None and ProgrammePage.objects.filter(pk=programme_id).exists():
            instance.programme_id = programme_id
        return instance


class AxisViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    commune_scope = PROGRAMME_SCOPE
    model = Axis
    icon = "list-ul"
    menu_label = _("Strategic axes")
    add_to_admin_menu = False
    list_display = ["number", "title_ar", "title_fr", "programme"]
    list_filter = ["programme"]
    ordering = ["programme", "number"]


class ProjectViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    commune_scope = PROGRAMME_SCOPE
    model = Project
    add_view_class = ProjectCreateView
    icon = "list-ul"
    menu_label = _("Programme projects")
    add_to_admin_menu = False
    list_display = ["number", "title_ar", "title_fr", "axis", "status", "progress"]
    list_filter = ["programme", "status"]
    search_fields = ["title_ar", "title_fr"]
    ordering = ["programme", "number"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme", "axis")


class IndicatorViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    commune_scope = INDICATOR_SCOPE
    model = Indicator
    icon = "list-ul"
    menu_label = _("Indicators")
    add_to_admin_menu = False
    list_display = ["project", "number", "name_ar", "name_fr", "target"]
    list_filter = ["project__programme"]
    ordering = ["project", "number"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("project")


register_permission_policy(Axis, CommuneScopedPermissionPolicy(Axis, scope=PROGRAMME_SCOPE))
register_permission_policy(Project, CommuneScopedPermissionPolicy(Project, scope=PROGRAMME_SCOPE))
register_permission_policy(Indicator, CommuneScopedPermissionPolicy(Indicator, scope=INDICATOR_SCOPE))
register_snippet(AxisViewSet)
register_snippet(ProjectViewSet)
register_snippet(IndicatorViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def project_saved(request, instance):
    """A project typed in the admin gets its participation thread; its title follows."""
    if isinstance(instance, Project):
        services.project_save(project=instance)


@hooks.register("register_admin_urls")
def register_programme_admin_urls():
    return [path("programme/", include(("participation.programme.admin_urls", "programme_admin"),
                                       namespace="programme_admin"))]


class ProgrammeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("programme.change_project")


@hooks.register("register_admin_menu_item")
def programme_menu_item():
    return ProgrammeMenuItem(_("Programme tracking"), reverse("programme_admin:index"), icon_name="list-ul", order=265)


register_page_tools_button(
    page_class=ProgrammePage, label=_("Projects and tools"), url_name="programme_admin:overview",
    icon_name="list-ul", rule=rules.can_manage, priority=67,
)


@hooks.register("home_sections")
def programme_section(*, home, request):
    items = list(selectors.live_programmes(site_root=home, language=current_language())[:2])
    if not items:
        return None
    return HomeSection(
        key="programme", title=str(_("Follow the commune's programme")),
        template="programme/includes/home_section.html", items=items, order=30,
    )


@hooks.register("commune_setup")
def setup_programme(*, site, home_ar, home_fr, demo: bool, demo_users: dict) -> None:
    from .provisioning import programme_setup

    programme_setup(site=site, home_ar=home_ar, home_fr=home_fr, demo=demo, demo_users=demo_users)


setup_programme.order = 170


@hooks.register("role_permissions")
def programme_permissions():
    from .provisioning import role_permissions

    return role_permissions()


@hooks.register("search_sources")
def programme_search_sources():
    from .search import programme_sources

    return programme_sources()


@hooks.register(TRACKED_ITEMS_HOOK)
def programme_tracked_items(site) -> list[TrackedItem]:
    """The projects of the commune's programmes, for what points at them (a budget line paying
    for one): named "<programme slug>/<number>" or, where no other programme has it, "<number>"."""
    root = site.root_page
    programmes = in_source_language(ProgrammePage.objects.descendant_of(root, inclusive=True))
    projects = (
        Project.objects.filter(programme__in=programmes, contribution__isnull=False)
        .select_related("programme", "contribution").order_by("programme__path", "number")
    )
    return [
        TrackedItem(
            references=(f"{project.programme.slug}/{project.number}", str(project.number)),
            contribution=project.contribution,
            label=f"{project.programme.title} — {project.number}. {project.title_ar}",
        )
        for project in projects
    ]


@hooks.register(INDICATOR_SOURCES_HOOK)
def programme_indicators():
    """What the participation charter can compute from the programmes (``indicators``)."""
    from .indicators import sources

    return sources()
