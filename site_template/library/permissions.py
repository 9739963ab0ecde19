"""Who may manage document categories: the model permissions (granted to communicators and
administrators through ``role_permissions``), narrowed to the categories of the communes whose
pages the user edits. Registered in ``LibraryConfig.ready``."""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy

from .selectors import sites_editable_by


class DocumentCategoryPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user.is_superuser or sites_editable_by(user).filter(pk=instance.site_id).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        qs = super().instances_user_has_any_permission_for(user, actions)
        return qs if user.is_superuser else qs.filter(site__in=sites_editable_by(user))
