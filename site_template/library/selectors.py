"""Reads for the documents library.

``documents_by_category(*, site, category_slug=None)`` is the contract other features use (the
law 31-13 art. 10 proactive publication page): a list of ``CategoryDocuments`` groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.db.models import Prefetch, QuerySet
from wagtail.documents import get_document_model
from wagtail.models import Collection, Site

from .models import DocumentCategory, DocumentCategoryItem


@dataclass
class CategoryDocuments:
    """One category and its documents. ``category`` is None for the commune's documents that are
    in no category (only listed when no category is asked for)."""

    category: DocumentCategory | None
    documents: list = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.category.slug if self.category else ""


def document_file_type(document) -> str:
    """“PDF”, “CSV”… from the file name."""
    return PurePosixPath(document.file.name).suffix.lstrip(".").upper()


def commune_collection(*, site: Site | None) -> Collection | None:
    """The commune's collection of images and documents: the one set in its settings (by the
    generator), else a child of the root collection named after the commune. None if none."""
    if site is None:
        return None
    from site_template.communes.models import CommuneSettings

    commune = CommuneSettings.for_site(site)
    if getattr(commune, "collection_id", None):
        return commune.collection
    names = [n for n in (commune.slug, commune.name_fr, commune.name_ar, site.site_name) if n]
    root = Collection.get_first_root_node()
    return root.get_children().filter(name__in=names).first() if names else None


def categories_for_site(*, site: Site | None) -> QuerySet[DocumentCategory]:
    return DocumentCategory.objects.filter(site=site).order_by("sort_order", "name_ar")


def documents_by_category(
    *, site: Site | None, category_slug: str | None = None, query: str | None = None
) -> list[CategoryDocuments]:
    """The site's document categories with their documents (in the editor's order), optionally one
    category only and/or documents whose title contains ``query``; then, without a category filter,
    the commune collection's documents that are in no category. Empty groups are left out. Two
    queries (three with the uncategorised documents), whatever the number of categories."""
    Document = get_document_model()
    items = DocumentCategoryItem.objects.select_related("document").order_by("sort_order")
    if query:
        items = items.filter(document__title__icontains=query)
    categories = categories_for_site(site=site)
    if category_slug:
        categories = categories.filter(slug=category_slug)
    categories = categories.prefetch_related(Prefetch("items", queryset=items, to_attr="listed_items"))
    groups = [
        CategoryDocuments(category=c, documents=[i.document for i in c.listed_items])
        for c in categories
    ]
    groups = [g for g in groups if g.documents]
    if not category_slug:
        collection = commune_collection(site=site)
        if collection is not None:
            others = Document.objects.filter(collection=collection).exclude(
                pk__in=DocumentCategoryItem.objects.filter(category__site=site).values("document_id")
            )
            if query:
                others = others.filter(title__icontains=query)
            others = list(others.order_by("-created_at"))
            if others:
                groups.append(CategoryDocuments(category=None, documents=others))
    return groups
