"""Documents library: categories as snippets, the documents page created by ``commune_setup``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from site_template.communes.admin_scoping import CommuneScopedViewSetMixin

from .models import DocumentCategory, DocumentsPage
from .permissions import DOCUMENT_CATEGORY_SCOPE


class DocumentCategoryViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    """Staff see and edit the categories of the communes whose pages they publish
    (``CommuneScopedViewSetMixin``, scope ``DOCUMENT_CATEGORY_SCOPE``)."""

    commune_scope = DOCUMENT_CATEGORY_SCOPE
    model = DocumentCategory
    icon = "folder-open-inverse"
    menu_label = _("Document categories")
    list_display = ["name_ar", "name_fr", "slug", "site", "sort_order"]
    list_filter = ["site"]
    search_fields = ["name_ar", "name_fr", "slug"]
    ordering = ["site", "sort_order"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("site")


register_snippet(DocumentCategoryViewSet)


@hooks.register("role_permissions")
def library_permissions():
    from site_template.communes.roles import Role

    perms = [f"library.{action}_documentcategory" for action in ("add", "change", "delete")]
    return {Role.COMMUNICATOR: perms, Role.ADMINISTRATOR: perms}


@hooks.register("commune_setup")
def setup_documents(*, site, home_ar, home_fr, demo: bool, demo_users: dict | None = None, **kwargs) -> None:
    """The documents page under home in both languages; demo categories and documents. Idempotent."""
    from site_template.pages.tree import add_translated_child

    from .demo import create_demo_documents
    from .selectors import commune_collection
    from .slugs import free_slug

    if not DocumentsPage.objects.descendant_of(home_ar).exists():
        slug = free_slug("documents", home_ar, home_fr)
        add_translated_child(
            home_ar,
            page_class=DocumentsPage,
            ar={"title": "الوثائق", "slug": slug,
                "intro": "<p>وثائق الجماعة: مقررات المجلس ومحاضر الدورات، الميزانية، البرامج والدراسات.</p>"},
            fr={"title": "Documents", "slug": slug,
                "intro": "<p>Les documents de la commune : décisions et procès-verbaux du conseil, budget, "
                         "programmes et études.</p>"},
            show_in_menus=False,
        )
    if demo:
        create_demo_documents(site=site, collection=commune_collection(site=site))


setup_documents.order = 45
