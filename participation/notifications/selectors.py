"""Reads: notifications of a user, unread count (cached), follows."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import QuerySet

from .models import EmailFrequency, Follow, Notification, NotificationPreference
from .services import UNREAD_CACHE_KEY, UNREAD_CACHE_TIMEOUT


def unread_count(*, user) -> int:
    """Unread notifications of ``user``; one cache hit per page view (cleared on every change)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    key = UNREAD_CACHE_KEY.format(user_id=user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_CACHE_TIMEOUT)
    return count


def notifications_for_user(*, user) -> QuerySet[Notification]:
    """Newest first, with everything ``Notification.message`` needs (no N+1)."""
    return (
        Notification.objects.filter(user=user)
        .select_related("contribution", "page", "actor")
        .defer("contribution__text", "contribution__official_answer", "contribution__data")
    )


@dataclass(frozen=True)
class FollowedItem:
    follow_id: int
    label: str
    url: str


def followed_items(*, user, limit: int = 100) -> list[FollowedItem]:
    """What ``user`` follows, newest first, each with its name in the active language and where
    to see it: contributions, pages (consultations, spaces) and other things (meeting themes).
    A fixed number of queries whatever the count."""
    from participation.core.pages import contribution_url, current_language, localized_page

    follows = list(
        Follow.objects.filter(user=user)
        .select_related("contribution__page", "page")
        .prefetch_related("target")[:limit]
    )
    pages = [f.page for f in follows if f.page_id]
    localized = {}
    if pages:
        from wagtail.models import Page

        copies = Page.objects.live().filter(
            translation_key__in=[page.translation_key for page in pages], locale__language_code=current_language()
        )
        localized = {copy.translation_key: copy for copy in copies}
    items = []
    shown_pages: dict[int, object] = {}  # a contribution's page in the active language, once per page
    for follow in follows:
        if follow.contribution_id:
            contribution = follow.contribution
            if contribution.page_id not in shown_pages:
                shown_pages[contribution.page_id] = localized_page(contribution.page).specific
            items.append(FollowedItem(follow.pk, contribution.title, contribution_url(contribution, page=shown_pages[contribution.page_id])))
        elif follow.page_id:
            page = localized.get(follow.page.translation_key, follow.page)
            items.append(FollowedItem(follow.pk, page.title, page.url or ""))
        elif follow.target is not None:
            url = getattr(follow.target, "follow_url", "")
            items.append(FollowedItem(follow.pk, str(follow.target), url() if callable(url) else url or ""))
    return items


def user_follows(*, user, contribution) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    annotated = getattr(contribution, "viewer_follows", None)
    if annotated is not None:
        return bool(annotated)
    return Follow.objects.filter(user=user, contribution=contribution).exists()


def user_follows_page(*, user, page) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    from participation.core.pages import logical_page_id

    return Follow.objects.filter(user=user, page_id=logical_page_id(page)).exists()


def user_follows_target(*, user, target) -> bool:
    """Whether ``user`` follows ``target`` (any object page events are announced for, e.g. a
    meeting theme)."""
    if not getattr(user, "is_authenticated", False) or target is None:
        return False
    from django.contrib.contenttypes.models import ContentType

    return Follow.objects.filter(
        user=user, target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).exists()


def preference_for_user(*, user) -> NotificationPreference:
    """The stored preference, or an unsaved one holding the defaults."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference or NotificationPreference(user=user, email_frequency=EmailFrequency.IMMEDIATE)
