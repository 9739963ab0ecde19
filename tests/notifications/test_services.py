"""Follows and notifications through the real core services; emails through django_tasks."""

import pytest
from django.core import mail
from django.utils import translation

from participation.core import services as core
from participation.notifications import selectors, services
from participation.notifications.models import (
    EmailFrequency,
    Follow,
    Notification,
    NotificationEvent,
    NotificationPreference,
)
from participation.notifications.tasks import send_daily_digests
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_author_follows_automatically(contribution, author):
    assert Follow.objects.filter(user=author, contribution=contribution).exists()


def test_follow_toggle_and_language_remembered(contribution, citizen2):
    assert services.follow_toggle(user=citizen2, contribution=contribution, language="fr") is True
    assert NotificationPreference.objects.get(user=citizen2).language == "fr"
    assert services.follow_toggle(user=citizen2, contribution=contribution) is False
    assert not Follow.objects.filter(user=citizen2).exists()
    services.follow_ensure(user=citizen2, contribution=contribution)
    services.follow_ensure(user=citizen2, contribution=contribution)
    assert Follow.objects.filter(user=citizen2, contribution=contribution).count() == 1


def test_official_answer_notifies_followers_and_emails(
    contribution, author, citizen2, focal_point, django_capture_on_commit_callbacks
):
    services.follow_toggle(user=citizen2, contribution=contribution, language="fr")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        core.contribution_set_status(
            contribution=contribution,
            status="under_study",
            by=focal_point,
            answer="سندرس الطلب مع المصالح التقنية.",
        )
    notes = Notification.objects.filter(contribution=contribution)
    assert {n.user_id for n in notes} == {author.pk, citizen2.pk}
    assert all(n.event == NotificationEvent.OFFICIAL_ANSWER for n in notes)
    assert len(mail.outbox) == 2
    by_to = {m.to[0]: m for m in mail.outbox}
    ar_mail, fr_mail = by_to["amina@example.ma"], by_to["karim@example.ma"]
    # Arabic by default, French for the user who followed from the French site.
    assert "أجابت الجماعة" in ar_mail.body or "الجماعة" in ar_mail.body
    assert "La commune a répondu" in fr_mail.body
    assert "سندرس الطلب" in fr_mail.body  # the answer excerpt
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        html = message.alternatives[0][0]
        assert (
            "/participation/notifications/unsubscribe/" in html
            and "/participation/notifications/unsubscribe/" in message.body
        )
    assert 'dir="rtl"' in ar_mail.alternatives[0][0] and 'lang="fr"' in fr_mail.alternatives[0][0]
    assert all(n.emailed_at is not None for n in Notification.objects.filter(contribution=contribution))


def test_actor_is_not_notified_and_reply_reaches_parent_author(contribution, author, citizen2):
    comment = core.comment_create(contribution=contribution, author=citizen2, text="أوافق")
    # citizen2 commented (auto-follows); the author is told, citizen2 (the actor) is not.
    assert list(Notification.objects.values_list("user_id", "event")) == [(author.pk, "comment")]
    third = UserFactory(display_name="Sara")
    core.comment_create(contribution=contribution, author=third, text="وأنا كذلك", parent=comment)
    replies = Notification.objects.filter(event=NotificationEvent.REPLY)
    assert {n.user_id: n.params.get("to_you", False) for n in replies} == {
        author.pk: False,
        citizen2.pk: True,
    }
    with translation.override("fr"):
        message = replies.get(user=citizen2).message
    assert "a répondu à votre commentaire" in message and "Sara" in message


def test_status_change_reaches_page_followers(contribution, page_fr, citizen2, focal_point):
    assert services.follow_page_toggle(user=citizen2, page=page_fr, language="fr") is True
    assert Follow.objects.get(user=citizen2).page_id == contribution.page_id  # the logical page
    core.contribution_set_status(contribution=contribution, status="under_study", by=focal_point)
    assert Notification.objects.filter(user=citizen2, event=NotificationEvent.STATUS_CHANGE).exists()
    # but not comments
    core.comment_create(contribution=contribution, author=UserFactory(), text="x")
    assert not Notification.objects.filter(user=citizen2, event=NotificationEvent.COMMENT).exists()
    assert services.follow_page_toggle(user=citizen2, page=page_fr) is False


def test_preferences_none_and_daily_digest(
    contribution, author, citizen2, focal_point, django_capture_on_commit_callbacks
):
    services.follow_toggle(user=citizen2, contribution=contribution, language="fr")
    services.preference_update(user=citizen2, email_frequency=EmailFrequency.DAILY, language="fr")
    services.preference_update(user=author, email_frequency=EmailFrequency.NONE, language="ar")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        core.contribution_set_status(contribution=contribution, status="under_study", by=focal_point)
        core.comment_create(
            contribution=contribution, author=focal_point, text="Réponse officielle", official=True
        )
    assert mail.outbox == []  # nobody wants immediate emails
    assert Notification.objects.filter(user=citizen2).count() == 2
    assert send_daily_digests() == 1  # only the digest user, not the "none" user
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["karim@example.ma"]
    assert "2 nouvelles notifications" in digest.subject
    assert "Réponse officielle" in digest.body and "La commune" in digest.body
    # Idempotent: nothing new, nothing sent.
    assert send_daily_digests() == 0
    assert len(mail.outbox) == 1


def test_unverified_or_inactive_users_get_no_email(
    contribution, focal_point, django_capture_on_commit_callbacks
):
    unverified = UserFactory(verified=False, email="nov@example.ma")
    services.follow_toggle(user=unverified, contribution=contribution)
    inactive = UserFactory(email="gone@example.ma")
    services.follow_toggle(user=inactive, contribution=contribution)
    inactive.is_active = False
    inactive.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        core.contribution_set_status(contribution=contribution, status="under_study", by=focal_point)
    recipients = {m.to[0] for m in mail.outbox}
    assert "nov@example.ma" not in recipients and "gone@example.ma" not in recipients
    assert Notification.objects.filter(user=unverified).exists()  # still on the site
    assert not Notification.objects.filter(user=inactive).exists()


def test_no_email_when_the_transaction_rolls_back(
    contribution, focal_point, django_capture_on_commit_callbacks
):
    from django.db import transaction

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                core.contribution_set_status(contribution=contribution, status="under_study", by=focal_point)
                raise RuntimeError
        except RuntimeError:
            pass
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_unread_count_is_cached_and_cleared(contribution, author, citizen2, django_assert_num_queries):
    assert selectors.unread_count(user=author) == 0
    with django_assert_num_queries(0):
        assert selectors.unread_count(user=author) == 0
    core.comment_create(contribution=contribution, author=citizen2, text="أوافق")
    assert selectors.unread_count(user=author) == 1
    services.notifications_mark_all_read(user=author)
    assert selectors.unread_count(user=author) == 0
