"""Production's task queue (django-tasks-db): the request only queues the emails; the worker
(``manage.py db_worker``) sends them, once; a worker that is down loses nothing; a failed send is
retried later."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from participation.core import services as core
from participation.notifications.models import Notification
from participation.notifications.services import follow_toggle

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work() -> None:
    """One run of the worker over what is due, as the production process does it."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_QUEUE


def test_emails_wait_for_the_worker_and_are_sent_once(queue, contribution, citizen2, make_citizen):
    followers = [make_citizen() for _ in range(5)]
    for user in [citizen2, *followers]:
        follow_toggle(user=user, contribution=contribution)
    mail.outbox.clear()
    core.comment_create(contribution=contribution, author=citizen2, text="تعليق")
    # The request queued the emails and sent none: the worker is "down".
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").exists()
    work()  # the worker is back
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([contribution.author.email, *(user.email for user in followers)])
    work()  # nothing twice
    assert len(mail.outbox) == len(recipients)
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_a_failed_send_is_retried_later(queue, contribution, citizen2, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    original_send = EmailMultiAlternatives.send
    outage = {"on": True}

    def flaky_send(self, *args, **kwargs):
        if outage["on"]:
            raise ConnectionRefusedError("smtp down")
        return original_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky_send)
    mail.outbox.clear()
    core.comment_create(contribution=contribution, author=citizen2, text="تعليق")
    work()
    assert mail.outbox == []
    notification = Notification.objects.get(user=contribution.author)
    assert notification.emailed_at is None  # released for the retry
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now() + timedelta(seconds=30)  # not before a minute
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    work()  # too early: nothing
    assert mail.outbox == []
    outage["on"] = False
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now() - timedelta(seconds=1))
    work()
    assert [message.to[0] for message in mail.outbox] == [contribution.author.email]
