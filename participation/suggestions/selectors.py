"""Reads of the suggestions space."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet

from participation.core.models import Category, Comment, Contribution
from participation.core.pages import logical_page_id
from site_template.cache_versions import SITE_STRUCTURE
from site_template.communes.models import Neighbourhood

from .models import KIND


def categories_for_site(*, site_id: int) -> list[Category]:
    """The commune's categories (cached; saving one bumps ``SITE_STRUCTURE``)."""
    key = f"categories:{SITE_STRUCTURE.current()}:{site_id}"
    return cache.get_or_set(key, lambda: list(Category.objects.filter(site_id=site_id)), 3600)


def neighbourhoods_for_site(*, site_id: int) -> list[Neighbourhood]:
    """The commune's neighbourhoods (cached; saving one bumps ``SITE_STRUCTURE``)."""
    key = f"neighbourhoods:{SITE_STRUCTURE.current()}:{site_id}"
    return cache.get_or_set(key, lambda: list(Neighbourhood.objects.filter(site_id=site_id)), 3600)


def suggestion_export_rows(*, page) -> QuerySet[Contribution]:
    return (
        Contribution.objects.filter(page_id=logical_page_id(page), kind=KIND)
        .select_related("category", "neighbourhood", "author")
        .order_by("created_at", "pk")
    )


def comment_export_rows(*, page) -> QuerySet[Comment]:
    return (
        Comment.objects.filter(contribution__page_id=logical_page_id(page), contribution__kind=KIND)
        .select_related("author", "contribution")
        .order_by("created_at", "pk")
    )


def home_suggestions(*, page, limit: int = 3) -> dict[str, list[Contribution]]:
    base = (
        Contribution.objects.filter(page_id=logical_page_id(page), kind=KIND)
        .visible()
        .open()
        .select_related("category")
        .defer("text", "official_answer", "hidden_reason", "data")
    )
    return {
        "latest": list(base.order_by("-created_at", "-pk")[:limit]),
        "supported": list(base.filter(support_count__gt=0).order_by("-support_count", "-created_at")[:limit]),
    }
