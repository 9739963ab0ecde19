"""Admin and foundation hooks of the charter: staff screens, menu items, snippets, the page
buttons, the commune generator, the roles' permissions. The label's registrations are in
``label_hooks`` (imported here, since Wagtail imports only this module)."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from participation.core.admin_buttons import register_page_tools_button
from site_template.communes.admin_scoping import (
    CommuneScope,
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSetMixin,
)
from site_template.communes.roles import Role
from site_template.params import parse_id

from . import (
    label_hooks,  # noqa: F401 — the label's registrations
    search_hooks,  # noqa: F401 — commitments in the site search
)
from .admin_forms import CommitmentAdminForm, EvaluationAdminForm
from .models import CharterPage, Commitment, Evaluation, Principle
from .rules import can_manage_charter
from .services import commitment_save, public_pages_changed

PRINCIPLE_SCOPE = CommuneScope(site_lookup="site", roles=(Role.FOCAL_POINT,))
CHARTER_SCOPE = CommuneScope(site_lookup=None, page_lookup="charter", roles=(Role.FOCAL_POINT,))


class CommitmentCreateView(CreateView):
    """"Add a commitment" from a charter's overview comes with ``?charter=<id>``."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or Commitment()
        charter_id = parse_id(self.request.GET.get("charter"))
        charter = CharterPage.objects.filter(pk=charter_id).first() if charter_id is not None else None
        if charter is not None:
            instance.charter = charter.logical_charter()
            last = Commitment.objects.filter(charter=instance.charter).order_by("-number").first()
            instance.number = (last.number + 1) if last else 1
        return instance


def _commitment_panels() -> list:
    """The model's panels, and the programme project it serves before the evidence."""
    panels = list(Commitment.panels)
    first_inline = next((i for i, panel in enumerate(panels) if isinstance(panel, InlinePanel)), len(panels))
    panels.insert(first_inline, FieldPanel("programme_project"))
    return panels


class PrincipleViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    """The commune's seven principles and their legal references (provisioned, editable)."""

    commune_scope = PRINCIPLE_SCOPE
    model = Principle
    icon = "clipboard-list"
    menu_label = _("Charter principles")
    add_to_admin_menu = False
    list_display = ["number", "name_ar", "name_fr", "code"]
    list_filter = ["site"]
    ordering = ["site", "number"]


class CommitmentViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    commune_scope = CHARTER_SCOPE
    model = Commitment
    add_view_class = CommitmentCreateView
    icon = "clipboard-list"
    menu_label = _("Charter commitments")
    add_to_admin_menu = False
    list_display = ["number", "title_ar", "title_fr", "principle", "status", "due_on"]
    list_filter = ["charter", "principle", "status"]
    search_fields = ["title_ar", "title_fr"]
    ordering = ["charter", "number"]
    edit_handler = ObjectList(_commitment_panels(), base_form_class=CommitmentAdminForm)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("charter", "principle")


class EvaluationViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    commune_scope = CHARTER_SCOPE
    model = Evaluation
    icon = "clipboard-list"
    menu_label = _("Charter evaluations")
    add_to_admin_menu = False
    list_display = ["evaluated_on", "evaluator", "evaluator_name", "score", "is_published", "charter"]
    list_filter = ["charter", "evaluator", "is_published"]
    ordering = ["charter", "-evaluated_on"]
    edit_handler = ObjectList(Evaluation.panels, base_form_class=EvaluationAdminForm)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("charter")


register_permission_policy(Principle, CommuneScopedPermissionPolicy(Principle, scope=PRINCIPLE_SCOPE))
register_permission_policy(Commitment, CommuneScopedPermissionPolicy(Commitment, scope=CHARTER_SCOPE))
register_permission_policy(Evaluation, CommuneScopedPermissionPolicy(Evaluation, scope=CHARTER_SCOPE))
register_snippet(PrincipleViewSet)
register_snippet(CommitmentViewSet)
register_snippet(EvaluationViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def commitment_saved(request, instance):
    """A commitment typed in the admin gets its participation thread; its title follows."""
    if isinstance(instance, Commitment):
        commitment_save(commitment=instance)
    elif isinstance(instance, Evaluation):
        public_pages_changed()


@hooks.register("register_admin_urls")
def register_charter_admin_urls():
    return [path("charter/", include(("participation.charter.admin_urls", "charter_admin"), namespace="charter_admin"))]


class CharterMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("charter.change_commitment")


@hooks.register("register_admin_menu_item")
def charter_menu_item():
    return CharterMenuItem(_("Participation charter"), reverse("charter_admin:index"), icon_name="clipboard-list",
                           order=267)


register_page_tools_button(
    page_class=CharterPage, label=_("Commitments and evaluations"), url_name="charter_admin:overview",
    icon_name="clipboard-list", rule=can_manage_charter, priority=69,
)


@hooks.register("commune_setup")
def setup_charter(*, site, home_ar, home_fr, demo: bool, demo_users: dict) -> None:
    from .provisioning import charter_setup

    charter_setup(site=site, home_ar=home_ar, home_fr=home_fr, demo=demo, demo_users=demo_users)


setup_charter.order = 190


@hooks.register("role_permissions")
def charter_permissions():
    from .provisioning import role_permissions

    return role_permissions()


@hooks.register("participation_contribution_kinds")
def charter_contribution_kinds():
    """The core admin's contributions list names and filters the commitments' threads."""
    from .models import COMMITMENT_KIND

    return [(COMMITMENT_KIND, _("Charter commitment"))]
