"""Admin and foundation hooks of the Citizen-Commune Label (imported by ``wagtail_hooks``): the
staff screens (``/admin/label/``) and their menu item, the questionnaire and question snippets
(scoped to the communes the user serves), the label page's tools button, the commune generator
(``label_provisioning``) and the focal point's permissions. The label has no contribution kind."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from participation.core.admin_buttons import register_page_tools_button
from site_template.communes.admin_scoping import (
    CommuneScope,
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSetMixin,
)
from site_template.communes.roles import Role

from . import rules
from .admin_forms import QuestionAdminForm, QuestionnaireAdminForm
from .models import LabelPage, Question, Questionnaire, QuestionnaireSection

QUESTIONNAIRE_SCOPE = CommuneScope(site_lookup="site", roles=(Role.FOCAL_POINT,))
SECTION_SCOPE = CommuneScope(site_lookup="questionnaire__site", roles=(Role.FOCAL_POINT,))
QUESTION_SCOPE = CommuneScope(site_lookup="section__questionnaire__site", roles=(Role.FOCAL_POINT,))


class QuestionnaireViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    """The commune's label questionnaire and its sections (the questions are their own snippets)."""

    commune_scope = QUESTIONNAIRE_SCOPE
    model = Questionnaire
    icon = "form"
    menu_label = _("Label questionnaires")
    add_to_admin_menu = False
    list_display = ["title_ar", "title_fr", "site"]
    search_fields = ["title_ar", "title_fr"]
    ordering = ["site", "pk"]
    edit_handler = ObjectList(Questionnaire.panels, base_form_class=QuestionnaireAdminForm)


class QuestionViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    """A question of the questionnaire, with its answers and their points."""

    commune_scope = QUESTION_SCOPE
    model = Question
    icon = "form"
    menu_label = _("Label questions")
    add_to_admin_menu = False
    list_display = ["code", "text_ar", "principle", "section"]
    list_filter = ["section__questionnaire", "principle"]
    search_fields = ["code", "text_ar", "text_fr"]
    ordering = ["section__sort_order", "sort_order", "pk"]
    edit_handler = ObjectList(Question.panels, base_form_class=QuestionAdminForm)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section", "principle")


register_permission_policy(Questionnaire, CommuneScopedPermissionPolicy(Questionnaire, scope=QUESTIONNAIRE_SCOPE))
# Sections are edited inline with their questionnaire; their scope narrows a question's "section" field.
register_permission_policy(QuestionnaireSection,
                           CommuneScopedPermissionPolicy(QuestionnaireSection, scope=SECTION_SCOPE))
register_permission_policy(Question, CommuneScopedPermissionPolicy(Question, scope=QUESTION_SCOPE))
register_snippet(QuestionnaireViewSet)
register_snippet(QuestionViewSet)


@hooks.register("register_admin_urls")
def register_label_admin_urls():
    return [path("label/", include(("participation.charter.label_admin_urls", "label_admin"), namespace="label_admin"))]


class LabelMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("charter.change_assessment")


@hooks.register("register_admin_menu_item")
def label_menu_item():
    return LabelMenuItem(_("Citizen-Commune Label"), reverse("label_admin:index"), icon_name="tasks", order=268)


register_page_tools_button(
    page_class=LabelPage, label=_("Self-assessments"), url_name="label_admin:overview", icon_name="tasks",
    rule=lambda user, page: rules.can_edit_assessment(user, page), priority=69,
)


@hooks.register("commune_setup")
def setup_label(*, site, home_ar, home_fr, demo: bool, demo_users: dict) -> None:
    from .label_provisioning import label_setup

    label_setup(site=site, home_ar=home_ar, home_fr=home_fr, demo=demo, demo_users=demo_users)


setup_label.order = 195


@hooks.register("role_permissions")
def label_permissions():
    from .label_provisioning import role_permissions

    return role_permissions()
