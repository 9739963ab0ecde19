"""Admin side of communes: the editors' guide in the admin menu, neighbourhoods as snippets,
and the commune scoping of Wagtail's own page chooser and admin API (each commune's staff see
only their own commune's pages, images, documents and neighbourhoods; ``admin_scoping``)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale, Site
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_scoping import (
    CommuneScope,
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSetMixin,
    scope_page_queryset,
    scoped_media_api_endpoints,
)
from .models import Neighbourhood
from .roles import Role
from .selectors import sites_served_by
from .services import EDITORS_GUIDE_SLUG

NEIGHBOURHOOD_SCOPE = CommuneScope(roles=(Role.FOCAL_POINT,))


def editors_guide(request):
    """Sends staff to the editors' guide of their commune, in the admin's language."""
    sites = sites_served_by(user=request.user)
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


@hooks.register("construct_page_chooser_queryset")
def page_chooser_own_communes(pages, request):
    return scope_page_queryset(pages, request.user)


@hooks.register("construct_admin_api", order=1000)  # after wagtail.images and wagtail.documents
def admin_api_own_communes(router):
    for name, endpoint in scoped_media_api_endpoints().items():
        router.register_endpoint(name, endpoint)


@hooks.register("construct_reports_menu")
def deployment_reports_for_superusers(request, menu_items):
    """The page-types report counts and names pages of every commune: superusers only."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


class NeighbourhoodViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    commune_scope = NEIGHBOURHOOD_SCOPE
    model = Neighbourhood
    icon = "site"
    menu_label = _("Neighbourhoods")
    list_display = ["name_ar", "name_fr", "site", "sort_order"]
    list_filter = ["site"]
    search_fields = ["name_ar", "name_fr"]
    ordering = ["site", "sort_order", "name_ar"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("site")


register_permission_policy(Neighbourhood, CommuneScopedPermissionPolicy(Neighbourhood, scope=NEIGHBOURHOOD_SCOPE))
register_snippet(NeighbourhoodViewSet)
