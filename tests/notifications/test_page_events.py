"""Page events (``opened``, ``announced``): one follow model, told once per page and event, on the
site and by email through the same queue, preferences and digest as contribution events."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import translation

from participation.core.events import ParticipationEvent, announce
from participation.notifications import selectors, services
from participation.notifications.models import Announcement, EmailFrequency, Follow, Notification
from participation.notifications.tasks import send_daily_digests
from site_template.communes.models import Neighbourhood
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(commune_site):
    """Any object can be followed as a target (here a neighbourhood; in the meetings, a theme)."""
    return Neighbourhood.objects.create(site=commune_site, name_ar="حي السلام", name_fr="Hay Salam")


def test_page_and_target_followers_are_told_once(
    page_ar, page_fr, quarter, citizen, citizen2, make_citizen, django_capture_on_commit_callbacks
):
    both = make_citizen()
    inactive = make_citizen()
    services.follow_page_ensure(user=citizen, page=page_fr, language="fr")  # any copy: the logical page
    assert services.follow_target_toggle(user=citizen2, target=quarter, language="ar") is True
    services.follow_page_ensure(user=both, page=page_ar)
    services.follow_target_toggle(user=both, target=quarter)
    services.follow_page_ensure(user=inactive, page=page_ar)
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        told = announce(ParticipationEvent.OPENED, page=page_fr, also_followers_of=[quarter])
    assert told == 3
    assert set(Notification.objects.values_list("user_id", flat=True)) == {citizen.pk, citizen2.pk, both.pk}
    assert set(Notification.objects.values_list("page_id", flat=True)) == {page_ar.pk}
    assert sorted(message.to[0] for message in mail.outbox) == sorted([citizen.email, citizen2.email, both.email])
    announcement = Announcement.objects.get()
    assert (announcement.event, announcement.page_id, announcement.recipients) == ("opened", page_ar.pk, 3)

    # Announced again (a second cron run, a second publish): nobody hears twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert announce(ParticipationEvent.OPENED, page=page_ar, also_followers_of=[quarter]) == 0
    assert Notification.objects.count() == 3 and len(mail.outbox) == 3
    # Another event on the same page is its own announcement.
    assert announce(ParticipationEvent.ANNOUNCED, page=page_ar) == 2  # the page's followers only


def test_the_actor_is_not_told(page_ar, focal_point, citizen):
    services.follow_page_ensure(user=citizen, page=page_ar)
    services.follow_page_ensure(user=focal_point, page=page_ar)
    assert announce(ParticipationEvent.ANNOUNCED, page=page_ar, actor=focal_point) == 1
    assert list(Notification.objects.values_list("user_id", flat=True)) == [citizen.pk]


def test_sentence_and_title_in_the_readers_language(page_ar, page_fr, citizen):
    services.follow_page_ensure(user=citizen, page=page_ar)
    announce(ParticipationEvent.OPENED, page=page_ar, sentence="The consultation “%(title)s” is now open.")
    notification = Notification.objects.get()
    with translation.override("fr"):
        assert notification.message == "La consultation « Espace des suggestions » est maintenant ouverte."
        assert notification.url() == page_fr.url
        assert "<bdi>Espace des suggestions</bdi>" in notification.message_html
    with translation.override("ar"):
        assert "فضاء الاقتراحات" in notification.message
        assert notification.url() == page_ar.url
    # Without a sentence of its own, the event's default one.
    other = Notification(page=page_ar, event=ParticipationEvent.ANNOUNCED, params={"titles": {"fr": "Réunion"}})
    with translation.override("fr"):
        assert other.message == "Nouveau sur le site : « Réunion »."


def test_a_page_event_needs_its_page():
    with pytest.raises(ValueError):
        announce(ParticipationEvent.OPENED)
    with pytest.raises(ValueError):
        services.notify_page_followers(event=ParticipationEvent.COMMENT, page=None)


def test_one_target_per_follow_and_per_notification(page_ar, contribution, citizen2):
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=citizen2, page=page_ar, contribution=contribution)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(user=citizen2, event="opened")
    services.follow_page_ensure(user=citizen2, page=page_ar)
    assert services.follow_page_ensure(user=citizen2, page=page_ar) is False  # once
    assert Follow.objects.filter(user=citizen2, page=page_ar).count() == 1


def test_target_follow_toggle_and_selector(quarter, citizen, citizen2):
    assert not selectors.user_follows_target(user=citizen, target=quarter)
    services.follow_target_toggle(user=citizen, target=quarter)
    assert selectors.user_follows_target(user=citizen, target=quarter)
    assert not selectors.user_follows_target(user=citizen2, target=quarter)
    assert services.follow_target_toggle(user=citizen, target=quarter) is False
    assert not Follow.objects.exists()


def test_page_events_in_the_daily_digest_and_on_the_notifications_page(
    client, page_ar, page_fr, contribution, citizen2, django_capture_on_commit_callbacks
):
    services.preference_update(user=citizen2, email_frequency=EmailFrequency.DAILY, language="fr")
    services.follow_toggle(user=citizen2, contribution=contribution)
    services.follow_page_ensure(user=citizen2, page=page_ar)
    from participation.core import services as core

    with django_capture_on_commit_callbacks(execute=True):
        core.comment_create(contribution=contribution, author=UserFactory(verified=True), text="أتفق")
        announce(ParticipationEvent.OPENED, page=page_ar)
    assert citizen2.email not in [m.to[0] for m in mail.outbox]  # daily: nothing right away
    mail.outbox.clear()
    assert send_daily_digests() == 1
    (digest,) = mail.outbox
    assert "2 nouvelles notifications" in digest.subject
    assert "« Espace des suggestions » est ouvert" in digest.body and page_fr.url in digest.body

    client.force_login(citizen2)
    html = client.get("/fr/participation/notifications/").content.decode()
    assert "<bdi>Espace des suggestions</bdi>" in html
    page_notification = Notification.objects.get(user=citizen2, page__isnull=False)
    response = client.get(f"/fr/participation/notifications/{page_notification.pk}/open/")
    assert response.status_code == 302 and response["Location"] == page_fr.url
    page_notification.refresh_from_db()
    assert page_notification.is_read


def test_my_data_and_erasure_cover_every_kind_of_follow(page_ar, quarter, contribution, citizen2):
    from wagtail import hooks

    services.follow_toggle(user=citizen2, contribution=contribution)
    services.follow_page_ensure(user=citizen2, page=page_ar)
    services.follow_target_toggle(user=citizen2, target=quarter)
    announce(ParticipationEvent.OPENED, page=page_ar)
    data = {}
    for fn in hooks.get_hooks("user_data_export"):
        data.update(fn(citizen2))
    follows = data["notifications"]["follows"]
    assert {"contribution": contribution.title} in [{k: v for k, v in f.items() if k != "since"} for f in follows]
    assert {"page": page_ar.title} in [{k: v for k, v in f.items() if k != "since"} for f in follows]
    assert {"other": str(quarter)} in [{k: v for k, v in f.items() if k != "since"} for f in follows]
    assert len(data["notifications"]["notifications"]) == 1
    for fn in hooks.get_hooks("user_anonymise"):
        fn(citizen2)
    assert not Follow.objects.filter(user=citizen2).exists()
    assert not Notification.objects.filter(user=citizen2).exists()


def test_what_i_follow_lists_every_kind_and_each_can_be_stopped(
    client, page_ar, page_fr, quarter, contribution, citizen2, citizen, django_assert_max_num_queries
):
    services.follow_toggle(user=citizen2, contribution=contribution)
    services.follow_page_ensure(user=citizen2, page=page_ar)
    services.follow_target_toggle(user=citizen2, target=quarter)
    with translation.override("fr"), django_assert_max_num_queries(6):
        items = selectors.followed_items(user=citizen2)
    assert [item.label for item in items] == ["Hay Salam", "Espace des suggestions", contribution.title]
    assert items[1].url == page_fr.url

    client.force_login(citizen2)
    html = client.get("/fr/participation/notifications/").content.decode()
    assert f'href="{page_fr.url}"><bdi>Espace des suggestions</bdi>' in html
    page_follow = Follow.objects.get(user=citizen2, page=page_ar)
    # Someone else's follow cannot be stopped by id.
    client.force_login(citizen)
    client.post(f"/fr/participation/notifications/follows/{page_follow.pk}/stop/")
    assert Follow.objects.filter(pk=page_follow.pk).exists()
    client.force_login(citizen2)
    response = client.post(f"/fr/participation/notifications/follows/{page_follow.pk}/stop/")
    assert response.status_code == 302 and response["Location"] == "/fr/participation/notifications/"
    assert not Follow.objects.filter(pk=page_follow.pk).exists()
    assert Follow.objects.filter(user=citizen2).count() == 2
    assert client.get(f"/fr/participation/notifications/follows/{page_follow.pk}/stop/").status_code == 405
