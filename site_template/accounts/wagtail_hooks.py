"""Admin side of accounts: staff confirm association memberships (Wagtail → Association
members), a permission the focal point and the administrator get through ``role_permissions``;
each commune's staff see and confirm only the associations declared on its site."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from site_template.communes.admin_scoping import (
    CommuneScope,
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSetMixin,
)
from site_template.communes.roles import Role

from .models import AssociationMember

VERIFY_ASSOCIATION = "accounts.verify_association"

#: Each commune's focal point and administrator confirm the associations declared on its site.
ASSOCIATION_SCOPE = CommuneScope(site_lookup="association_site", roles=(Role.FOCAL_POINT,))


class AssociationMembershipPolicy(CommuneScopedPermissionPolicy):
    """View and change (confirm) only, never add or delete users from this screen; on a member,
    only for the staff of the commune the association was declared to."""

    def user_has_permission(self, user, action):
        if action not in ("view", "change"):
            return False
        return bool(user.is_active and user.has_perm(VERIFY_ASSOCIATION))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class AssociationMembershipForm(forms.ModelForm):
    class Meta:
        model = AssociationMember
        fields = ["association_name", "association_verified"]


class AssociationMembersIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().exclude(association_name="").filter(is_active=True)


class AssociationMembershipViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    commune_scope = ASSOCIATION_SCOPE
    model = AssociationMember
    index_view_class = AssociationMembersIndexView
    icon = "group"
    menu_label = _("Association members")
    menu_order = 850
    add_to_admin_menu = True
    url_prefix = "association-members"
    name = "association_members"
    form_fields = ["association_name", "association_verified"]
    list_display = ["public_name", "association_name", "association_verified", "association_site", "date_joined"]
    list_filter = ["association_verified"]
    search_fields = ["association_name", "display_name", "email"]
    ordering = ["association_verified", "association_name"]
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return AssociationMembershipForm


register_permission_policy(AssociationMember, AssociationMembershipPolicy(AssociationMember, scope=ASSOCIATION_SCOPE))


@hooks.register("register_admin_viewset")
def register_association_members():
    return AssociationMembershipViewSet()


@hooks.register("role_permissions")
def accounts_role_permissions():
    return {Role.FOCAL_POINT: [VERIFY_ASSOCIATION], Role.ADMINISTRATOR: [VERIFY_ASSOCIATION]}

