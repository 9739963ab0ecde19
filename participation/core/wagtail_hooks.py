"""Admin side of the participation core: the "Participation" menu (moderation queue, hidden
items, blocked accounts, moderation log, contributions with official answers) and the
categories snippet."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.models import Site
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from . import admin_urls
from .admin_views import staff_site_ids
from .models import Category


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


class CategoryAdminForm(WagtailAdminModelForm):
    """Staff choose only their own commune's site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and not user.is_superuser and "site" in self.fields:
            self.fields["site"].queryset = Site.objects.filter(pk__in=staff_site_ids(user))


class _OwnCommuneOnly:
    """Object-level check: the generic snippet views check the model permission only."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.request.user.is_superuser and obj.site_id not in staff_site_ids(self.request.user):
            raise PermissionDenied
        return obj


class CategoryEditView(_OwnCommuneOnly, EditView):
    pass


class CategoryDeleteView(_OwnCommuneOnly, DeleteView):
    pass


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name_ar", "name_fr", "site", "sort_order"]
    list_filter = ["site"]
    search_fields = ["name_ar", "name_fr"]
    ordering = ["site", "sort_order"]
    edit_view_class = CategoryEditView
    delete_view_class = CategoryDeleteView
    edit_handler = ObjectList(
        [FieldPanel("site"), FieldPanel("name_ar"), FieldPanel("name_fr"), FieldPanel("sort_order")],
        base_form_class=CategoryAdminForm,
    )

    def get_queryset(self, request):
        """Staff see their own commune's categories."""
        qs = Category.objects.select_related("site")
        return qs if request.user.is_superuser else qs.filter(site_id__in=staff_site_ids(request.user))


register_snippet(CategoryViewSet)
