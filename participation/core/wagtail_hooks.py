"""Admin side of the participation core: the "Participation" menu (moderation queue, hidden
items, blocked accounts, moderation log, contributions with official answers), the
categories snippet, and the core's part of "My data" (``user_data_export``)."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from site_template.communes.admin_scoping import (
    CommuneScope,
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSetMixin,
)
from site_template.communes.roles import Role

from . import admin_urls
from .models import Category, Comment, Contribution, Rating, Report, Support


@hooks.register("register_admin_urls")
def participation_admin_urls():
    return [path("participation/", include(admin_urls, namespace="participation_core_admin"))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


def _menu() -> Menu:
    moderate = "participation_core.moderate_contribution"
    answer = "participation_core.answer_contribution"
    return Menu(
        items=[
            PermissionMenuItem(_("Contributions"), reverse("participation_core_admin:contributions"), icon_name="comment", order=100, permission=answer),
            PermissionMenuItem(_("Moderation queue"), reverse("participation_core_admin:queue"), icon_name="warning", order=200, permission=moderate),
            PermissionMenuItem(_("Hidden items"), reverse("participation_core_admin:hidden"), icon_name="view", order=300, permission=moderate),
            PermissionMenuItem(_("Blocked accounts"), reverse("participation_core_admin:blocks"), icon_name="lock", order=400, permission=moderate),
            PermissionMenuItem(_("Moderation log"), reverse("participation_core_admin:log"), icon_name="history", order=500, permission=moderate),
        ]
    )


@hooks.register("register_admin_menu_item")
def participation_menu_item():
    return SubmenuMenuItem(_("Participation"), _menu(), icon_name="group", order=250)


CATEGORY_SCOPE = CommuneScope(roles=(Role.FOCAL_POINT,))


class CategoryViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    """Staff see and edit their own commune's categories (``CommuneScopedViewSetMixin``)."""

    commune_scope = CATEGORY_SCOPE
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name_ar", "name_fr", "site", "sort_order"]
    list_filter = ["site"]
    search_fields = ["name_ar", "name_fr"]
    ordering = ["site", "sort_order"]
    panels = [FieldPanel("site"), FieldPanel("name_ar"), FieldPanel("name_fr"), FieldPanel("sort_order")]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("site")


register_permission_policy(Category, CommuneScopedPermissionPolicy(Category, scope=CATEGORY_SCOPE))
register_snippet(CategoryViewSet)


@hooks.register("user_data_export")
def export_participation_core(user):
    """"My data" for the shared participation mechanisms: the user's contributions (suggestions,
    remarks, …), comments, supports, ratings and reports, under ``"participation"``."""

    def iso(value):
        return value.isoformat() if value else None

    contributions = Contribution.objects.filter(author=user).select_related("page").order_by("created_at")
    comments = Comment.objects.filter(author=user).select_related("contribution").order_by("created_at")
    supports = Support.objects.filter(user=user).select_related("contribution").order_by("created_at")
    reports = Report.objects.filter(reporter=user).select_related("contribution", "comment").order_by("created_at")
    ratings = Rating.objects.filter(user=user).select_related("contribution").order_by("created_at")
    return {
        "participation": {
            "contributions": [
                {
                    "kind": c.kind,
                    "page": c.page.title,
                    "title": c.title,
                    "text": c.text,
                    "association": c.association_name,
                    "place": c.place_description,
                    "status": c.status,
                    "official_answer": c.official_answer,
                    "visibility": c.visibility,
                    "created_at": iso(c.created_at),
                }
                for c in contributions
            ],
            "comments": [
                {
                    "on": c.contribution.title,
                    "text": "" if c.is_deleted else c.text,
                    "deleted": c.is_deleted,
                    "created_at": iso(c.created_at),
                }
                for c in comments
            ],
            "supports": [{"on": s.contribution.title, "created_at": iso(s.created_at)} for s in supports],
            "ratings": [
                {"on": r.contribution.title, "value": r.value, "updated_at": iso(r.updated_at)} for r in ratings
            ],
            "reports": [
                {
                    "on": (r.contribution.title if r.contribution_id else None),
                    "comment": (r.comment.text if r.comment_id else None),
                    "reason": r.reason,
                    "details": r.details,
                    "created_at": iso(r.created_at),
                }
                for r in reports
            ],
        }
    }


@hooks.register("search_sources")
def contribution_search_sources():
    from .search import contribution_sources

    return contribution_sources()
