"""Admin side of communes: the editors' guide in the admin menu, and neighbourhoods as snippets
(each commune's staff see and edit only their own commune's neighbourhoods)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale, Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from .models import Neighbourhood
from .services import EDITORS_GUIDE_SLUG


def sites_for_staff(user):
    """The sites whose commune the user works for (every site for a superuser)."""
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(commune_roles__group__user=user).distinct()


def editors_guide(request):
    """Sends staff to the editors' guide of their commune, in the admin's language."""
    sites = sites_for_staff(request.user)
    site = Site.find_for_request(request)
    if site is None or not sites.filter(pk=site.pk).exists():
        site = sites.order_by("pk").first()
    if site is None:
        raise Http404
    guide = site.root_page.get_children().filter(slug=EDITORS_GUIDE_SLUG).first()
    if guide is None:
        raise Http404
    language = (get_language() or "ar")[:2]
    try:
        translated = guide.get_translation(Locale.objects.get(language_code=language))
    except (Locale.DoesNotExist, guide.DoesNotExist):
        translated = guide
    # A page outside every known site root has no URL: the guide is then missing, not an error.
    url = translated.get_url(request=request) or guide.get_url(request=request)
    if not url:
        raise Http404
    return redirect(url)


@hooks.register("register_admin_urls")
def register_editors_guide_url():
    return [path("editors-guide/", editors_guide, name="communes_editors_guide")]


@hooks.register("register_admin_menu_item")
def register_editors_guide_menu_item():
    return MenuItem(_("Editors' guide"), reverse("communes_editors_guide"), icon_name="help", order=10000)


class NeighbourhoodForm(WagtailAdminModelForm):
    """Offers only the sites the user works for."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "site" in self.fields:
            self.fields["site"].queryset = sites_for_staff(for_user)


class CommuneScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and on a given object only if it belongs to a site the user works for."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            user.is_superuser or sites_for_staff(user).filter(pk=instance.site_id).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return self.model.objects.filter(site__in=sites_for_staff(user))


class NeighbourhoodEditView(EditView):
    """Wagtail's edit view checks the model permission only; add the commune check."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", obj):
            raise PermissionDenied
        return obj


class NeighbourhoodViewSet(SnippetViewSet):
    edit_view_class = NeighbourhoodEditView
    model = Neighbourhood
    icon = "site"
    menu_label = _("Neighbourhoods")
    list_display = ["name_ar", "name_fr", "site", "sort_order"]
    list_filter = ["site"]
    search_fields = ["name_ar", "name_fr"]
    ordering = ["site", "sort_order", "name_ar"]

    def get_queryset(self, request):
        return Neighbourhood.objects.filter(site__in=sites_for_staff(request.user)).select_related("site")


Neighbourhood.base_form_class = NeighbourhoodForm
register_permission_policy(Neighbourhood, CommuneScopedPermissionPolicy(Neighbourhood))
register_snippet(NeighbourhoodViewSet)
