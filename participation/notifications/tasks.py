"""Background work (``django_tasks``): sending notification emails.

The immediate backend runs these inline in dev and tests; production queues them in the
database (``TASKS_BACKEND=database``, run by ``manage.py db_worker``), so a worker that is down
loses nothing: the tasks run when it is back. Notifications are claimed (``emailed_at`` set)
before sending so a task run twice does not email twice; a failed send is released and retried
later (``participation.core.tasks.retry_later``) where the backend can defer.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from participation.core.tasks import retry_later

from .emails import digest_email, notification_email
from .models import EmailFrequency, Notification, NotificationPreference

logger = logging.getLogger(__name__)


def _claim(queryset) -> list[int]:
    """Marks the pending notifications of ``queryset`` as emailed and returns their ids."""
    with transaction.atomic():
        ids = list(
            queryset.filter(emailed_at__isnull=True)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        if ids:
            Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now())
    return ids


def _verified_addresses(user_ids) -> dict[int, str]:
    """Primary verified address of each active, not deleted user (others get no email)."""
    from allauth.account.models import EmailAddress

    rows = EmailAddress.objects.filter(
        user_id__in=set(user_ids), verified=True, primary=True, user__is_active=True
    ).values_list("user_id", "email")
    addresses = dict(rows)
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    if hasattr(user_model, "deleted_at"):
        deleted = set(
            user_model.objects.filter(pk__in=addresses.keys(), deleted_at__isnull=False).values_list(
                "pk", flat=True
            )
        )
        for uid in deleted:
            addresses.pop(uid, None)
    return addresses


def _preferences(user_ids) -> dict[int, NotificationPreference]:
    return {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=set(user_ids))}


def _load(ids: list[int]) -> list[Notification]:
    return list(
        Notification.objects.filter(pk__in=ids)
        .select_related("contribution__site", "contribution__page", "page", "comment", "actor")
        .order_by("created_at", "pk")
    )


@task()
def send_notification_emails(*, notification_ids: list[int], attempt: int = 1) -> int:
    """One email per notification, for recipients who want them right away. Returns emails sent.
    Those that fail (the mail server refuses or does not answer) are tried again later."""
    ids = _claim(Notification.objects.filter(pk__in=notification_ids))
    notifications = _load(ids)
    user_ids = {n.user_id for n in notifications}
    addresses = _verified_addresses(user_ids)
    preferences = _preferences(user_ids)
    sent = 0
    failed: list[int] = []
    for notification in notifications:
        preference = preferences.get(notification.user_id)
        if preference is not None and preference.email_frequency != EmailFrequency.IMMEDIATE:
            continue
        address = addresses.get(notification.user_id)
        if not address:
            continue
        language = preference.language if preference else settings.LANGUAGE_CODE
        try:
            notification_email(notification=notification, to=address, language=language).send()
            sent += 1
        except Exception:  # an SMTP hiccup must not break the others
            logger.exception("Notification email %s to user %s failed", notification.pk, notification.user_id)
            failed.append(notification.pk)
    if failed:
        # Released, so that the retry (or, for a daily reader later, the digest) can claim them.
        Notification.objects.filter(pk__in=failed).update(emailed_at=None)
        retry_later(send_notification_emails, attempt=attempt, notification_ids=failed)
    return sent


@task()
def send_digest_email(*, user_id: int) -> int:
    """The daily digest of one user: their unread notifications not emailed yet."""
    preference = NotificationPreference.objects.filter(user_id=user_id).first()
    if preference is None or preference.email_frequency != EmailFrequency.DAILY:
        return 0
    address = _verified_addresses([user_id]).get(user_id)
    if not address:
        return 0
    ids = _claim(Notification.objects.filter(user_id=user_id, read_at__isnull=True))
    if not ids:
        return 0
    by_site: dict[int, list[Notification]] = defaultdict(list)
    for notification in _load(ids):
        by_site[notification.site_id].append(notification)
    sent = 0
    for notifications in by_site.values():  # one digest per commune site
        try:
            digest_email(notifications=notifications, to=address, language=preference.language).send()
            sent += 1
        except Exception:
            logger.exception("Digest email to user %s failed", user_id)
    return sent


def send_daily_digests() -> int:
    """Queues one digest task per user who chose the daily digest and has something pending.
    Run once a day (``manage.py send_notification_digests``). Returns the number of users."""
    user_ids = list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            user__notification_preference__email_frequency=EmailFrequency.DAILY,
        )
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in user_ids:
        send_digest_email.enqueue(user_id=user_id)
    return len(user_ids)
