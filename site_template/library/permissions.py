"""Who may manage document categories: the model permissions (granted to communicators and
administrators through ``role_permissions``), narrowed to the categories of the communes where
the user publishes (``site_template.communes.admin_scoping``). Registered in ``LibraryConfig.ready``."""

from __future__ import annotations

from site_template.communes.admin_scoping import CommuneScope, CommuneScopedPermissionPolicy
from site_template.communes.roles import Role

DOCUMENT_CATEGORY_SCOPE = CommuneScope(roles=(Role.COMMUNICATOR,))


def register_document_category_policy() -> None:
    from wagtail.permissions import register_permission_policy

    from .models import DocumentCategory

    register_permission_policy(
        DocumentCategory, CommuneScopedPermissionPolicy(DocumentCategory, scope=DOCUMENT_CATEGORY_SCOPE)
    )
