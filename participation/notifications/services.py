"""Writes: follows, notifications, preferences, read state.

``notify_followers`` (an official answer, a status change, a comment or a reply on a
contribution) and ``notify_page_followers`` (a page opened or was announced) run when the core
announces the event (``receivers``). They create the notifications in the caller's transaction
and, once that transaction commits, hand the emails of users who want them right away to the
task framework (``django_tasks``), so the request is not slowed by SMTP.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language

from participation.core.models import Comment, Contribution
from participation.core.pages import logical_page

from .models import (
    COMMUNE_EVENTS,
    CONTRIBUTION_NOTIFIED_EVENTS,
    PAGE_NOTIFIED_EVENTS,
    Announcement,
    EmailFrequency,
    Follow,
    Notification,
    NotificationEvent,
    NotificationPreference,
)

UNREAD_CACHE_KEY = "notifications:unread:{user_id}"
UNREAD_CACHE_TIMEOUT = 600


def _language(language: str | None) -> str:
    from django.conf import settings

    code = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def unread_cache_clear(*, user_ids) -> None:
    cache.delete_many([UNREAD_CACHE_KEY.format(user_id=uid) for uid in user_ids])


# --- preferences ----------------------------------------------------------------------------


@transaction.atomic
def preference_get_or_create(*, user, language: str | None = None) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(
        user=user, defaults={"language": _language(language)}
    )
    return preference


@transaction.atomic
def preference_update(*, user, email_frequency: str, language: str) -> NotificationPreference:
    if email_frequency not in EmailFrequency.values:
        raise ValueError(email_frequency)
    preference = preference_get_or_create(user=user, language=language)
    preference.email_frequency = email_frequency
    preference.language = _language(language)
    preference.save()
    return preference


@transaction.atomic
def preference_unsubscribe(*, user) -> NotificationPreference:
    """One-click unsubscribe: no more notification emails (on-site notifications stay)."""
    preference = preference_get_or_create(user=user)
    preference.email_frequency = EmailFrequency.NONE
    preference.save(update_fields=["email_frequency", "updated_at"])
    return preference


def _remember_language(*, user, language: str | None) -> None:
    """The first follow records the language the user reads the site in, for their emails."""
    NotificationPreference.objects.get_or_create(user=user, defaults={"language": _language(language)})


# --- follows --------------------------------------------------------------------------------


@transaction.atomic
def follow_ensure(*, user, contribution: Contribution, language: str | None = None) -> bool:
    """The user follows ``contribution`` (no-op when already following); True when newly
    followed. Used for authors and commenters, who follow automatically."""
    return _follow_create(user=user, language=language, contribution=contribution)


@transaction.atomic
def follow_toggle(*, user, contribution: Contribution, language: str | None = None) -> bool:
    """Follows or unfollows; returns True when the user now follows."""
    deleted, _ = Follow.objects.filter(user=user, contribution=contribution).delete()
    if deleted:
        return False
    follow_ensure(user=user, contribution=contribution, language=language)
    return True


def _follow_create(*, user, language: str | None, **target) -> bool:
    """Creates the follow unless it exists (a concurrent request may create it first); returns
    True when this call created it."""
    _remember_language(user=user, language=language)
    try:
        with transaction.atomic():
            _follow, created = Follow.objects.get_or_create(user=user, **target)
    except IntegrityError:
        created = False
    return created


@transaction.atomic
def follow_page_ensure(*, user, page, language: str | None = None) -> bool:
    """The user follows a participation page (its logical page); True when newly followed."""
    return _follow_create(user=user, language=language, page=logical_page(page))


@transaction.atomic
def follow_page_toggle(*, user, page, language: str | None = None) -> bool:
    """Follows or unfollows every contribution of a participation page (its logical page)."""
    page = logical_page(page)
    deleted, _ = Follow.objects.filter(user=user, page=page).delete()
    if deleted:
        return False
    _follow_create(user=user, language=language, page=page)
    return True


@transaction.atomic
def follow_stop(*, user, follow_id: int) -> bool:
    """The user stops one of their own follows (of any kind); False when there was none."""
    deleted, _ = Follow.objects.filter(pk=follow_id, user=user).delete()
    return bool(deleted)


def _target_fields(target) -> dict:
    from django.contrib.contenttypes.models import ContentType

    return {"target_type": ContentType.objects.get_for_model(target), "target_id": target.pk}


@transaction.atomic
def follow_target_toggle(*, user, target, language: str | None = None) -> bool:
    """Follows or unfollows any other object page events are announced for (a meeting theme);
    returns True when the user now follows."""
    fields = _target_fields(target)
    deleted, _ = Follow.objects.filter(user=user, **fields).delete()
    if deleted:
        return False
    _follow_create(user=user, language=language, **fields)
    return True


# --- notifications --------------------------------------------------------------------------


def _recipients(*, contribution: Contribution, event: str, actor, comment: Comment | None) -> dict[int, dict]:
    """user id → extra params, for everyone who should hear about this event."""
    followers = Follow.objects.filter(contribution=contribution)
    if event in COMMUNE_EVENTS:
        # The page's followers hear about answers, status changes and updates, not every comment.
        followers = Follow.objects.filter(contribution=contribution) | Follow.objects.filter(
            page_id=contribution.page_id
        )
    recipients: dict[int, dict] = {uid: {} for uid in followers.values_list("user_id", flat=True).distinct()}
    if event == NotificationEvent.REPLY and comment is not None and comment.parent_id:
        parent_author = (
            Comment.objects.filter(pk=comment.parent_id).values_list("author_id", flat=True).first()
        )
        if parent_author:
            recipients[parent_author] = {"to_you": True}
    if actor is not None and getattr(actor, "pk", None) in recipients:
        del recipients[actor.pk]
    return recipients


@transaction.atomic
def notify_followers(
    *, contribution: Contribution, event: str, actor, comment: Comment | None = None,
    texts: dict[str, str] | None = None,
) -> list[Notification]:
    """Creates one notification per follower (the actor excepted) and queues the immediate
    emails to be sent after the transaction commits. Returns the notifications created.
    ``texts`` (language → text, e.g. a progress update) is the email's excerpt."""
    if event not in CONTRIBUTION_NOTIFIED_EVENTS:
        raise ValueError(f"Unknown notification event {event!r}")
    recipients = _recipients(contribution=contribution, event=event, actor=actor, comment=comment)
    if not recipients:
        return []
    active_ids = _active(recipients.keys())
    now = timezone.now()
    base = {"status": contribution.status}
    if comment is not None and comment.is_official:
        base["official"] = True
    if texts:
        base["texts"] = {language: text[:1000] for language, text in texts.items() if text}
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                user_id=uid,
                contribution=contribution,
                comment=comment,
                event=event,
                actor=actor if getattr(actor, "pk", None) else None,
                params={**base, **extra},
                created_at=now,
            )
            for uid, extra in recipients.items()
            if uid in active_ids
        ]
    )
    _deliver(notifications)
    return notifications


def _active(user_ids) -> set[int]:
    from django.contrib.auth import get_user_model

    return set(get_user_model().objects.filter(pk__in=list(user_ids), is_active=True).values_list("pk", flat=True))


def _deliver(notifications: list[Notification]) -> None:
    """The unread counts change now; the immediate emails leave once the transaction commits."""
    user_ids = [n.user_id for n in notifications]
    unread_cache_clear(user_ids=user_ids)
    transaction.on_commit(lambda: unread_cache_clear(user_ids=user_ids))

    immediate_ids = _immediate_recipients(user_ids)
    ids = [n.pk for n in notifications if n.user_id in immediate_ids and n.pk is not None]
    if ids:
        from .tasks import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.enqueue(notification_ids=ids))


def _titles(page) -> dict[str, str]:
    """The page's title in every language it is published in (the notification is read later,
    in the reader's language)."""
    from wagtail.models import Page

    rows = Page.objects.filter(translation_key=page.translation_key).values_list("locale__language_code", "title")
    return dict(rows)


@transaction.atomic
def notify_page_followers(
    *, event: str, page, actor=None, also_followers_of=(), sentence: str | None = None
) -> list[Notification]:
    """Tells the followers of ``page`` (its logical page), and of each object of
    ``also_followers_of``, that ``event`` happened — once ever per page and event (an
    ``Announcement`` row; announcing again tells nobody). The actor is not told."""
    if event not in PAGE_NOTIFIED_EVENTS:
        raise ValueError(f"Unknown page event {event!r}")
    page = logical_page(page)
    try:
        with transaction.atomic():
            announcement = Announcement.objects.create(event=event, page=page)
    except IntegrityError:  # told already (or being told by a concurrent request)
        return []
    followers = Follow.objects.filter(page=page)
    for target in also_followers_of:
        if target is not None:
            followers = followers | Follow.objects.filter(**_target_fields(target))
    user_ids = set(followers.values_list("user_id", flat=True))
    user_ids.discard(getattr(actor, "pk", None))
    user_ids = _active(user_ids)
    if not user_ids:
        return []
    params: dict = {"titles": _titles(page)}
    if sentence:
        params["sentence"] = sentence
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                user_id=uid,
                page=page,
                event=event,
                actor=actor if getattr(actor, "pk", None) else None,
                params=params,
                created_at=now,
            )
            for uid in sorted(user_ids)
        ]
    )
    Announcement.objects.filter(pk=announcement.pk).update(recipients=len(notifications))
    _deliver(notifications)
    return notifications


def _immediate_recipients(user_ids: list[int]) -> set[int]:
    """Users with no preference row get the default (immediate)."""
    not_immediate = set(
        NotificationPreference.objects.filter(user_id__in=user_ids)
        .exclude(email_frequency=EmailFrequency.IMMEDIATE)
        .values_list("user_id", flat=True)
    )
    return set(user_ids) - not_immediate


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        unread_cache_clear(user_ids=[notification.user_id])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    count = Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    unread_cache_clear(user_ids=[user.pk])
    return count
