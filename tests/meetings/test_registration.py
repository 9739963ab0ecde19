"""Registration services: capacity, waiting list, promotion, windows, emails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from participation.core.rules import ActionRefused
from participation.meetings import services
from participation.meetings.models import Registration, RegistrationStatus
from participation.meetings.selectors import waitlist_position

pytestmark = pytest.mark.django_db(transaction=False)


def test_capacity_then_waiting_list_then_promotion(meeting, make_citizen, django_capture_on_commit_callbacks):
    a, b, c = make_citizen(), make_citizen(), make_citizen()
    with django_capture_on_commit_callbacks(execute=True):
        ra = services.registration_create(meeting=meeting, user=a)
        rb = services.registration_create(meeting=meeting, user=b)
        rc = services.registration_create(meeting=meeting, user=c, language="fr")
    assert [ra.status, rb.status, rc.status] == ["confirmed", "confirmed", "waitlisted"]
    assert waitlist_position(registration=rc) == 1
    assert [m.to[0] for m in mail.outbox] == [a.email, b.email, c.email]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=rb, user=b)
    assert promoted.pk == rc.pk
    rc.refresh_from_db()
    assert rc.status == RegistrationStatus.CONFIRMED and rc.promoted_at is not None
    assert meeting.registrations.confirmed().count() == 2
    recipients = {m.to[0]: m for m in mail.outbox}
    assert set(recipients) == {b.email, c.email}
    promotion = recipients[c.email]
    assert "Une place s'est libérée" in promotion.subject or "place" in promotion.subject
    assert promotion.attachments and promotion.attachments[0][0] == "meeting.ics"


def test_registering_twice_is_idempotent_and_sends_one_email(meeting, make_citizen,
                                                              django_capture_on_commit_callbacks):
    a = make_citizen()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.registration_create(meeting=meeting, user=a)
        second = services.registration_create(meeting=meeting, user=a)
    assert first.pk == second.pk
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_cancel_then_register_again_reuses_the_row_and_respects_the_queue(meeting, make_citizen):
    a, b, c = make_citizen(), make_citizen(), make_citizen()
    ra = services.registration_create(meeting=meeting, user=a)
    services.registration_create(meeting=meeting, user=b)
    rc = services.registration_create(meeting=meeting, user=c)
    services.registration_cancel(registration=ra, user=a)  # c is promoted
    again = services.registration_create(meeting=meeting, user=a)
    assert again.pk == ra.pk
    assert again.status == RegistrationStatus.WAITLISTED
    rc.refresh_from_db()
    assert rc.status == RegistrationStatus.CONFIRMED


def test_waitlisted_cancellation_promotes_nobody(meeting, make_citizen):
    a, b, c = make_citizen(), make_citizen(), make_citizen()
    services.registration_create(meeting=meeting, user=a)
    services.registration_create(meeting=meeting, user=b)
    rc = services.registration_create(meeting=meeting, user=c)
    assert services.registration_cancel(registration=rc, user=c) is None
    assert meeting.registrations.confirmed().count() == 2


def test_unverified_and_anonymous_are_refused(meeting, make_citizen):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ActionRefused) as error:
        services.registration_create(meeting=meeting, user=make_citizen(verified=False))
    assert error.value.reason == "verify_email"
    with pytest.raises(ActionRefused) as error:
        services.registration_create(meeting=meeting, user=AnonymousUser())
    assert error.value.reason == "login"


@pytest.mark.parametrize(("opens", "closes", "reason"), [
    (timedelta(days=1), None, "not_open_yet"),
    (None, -timedelta(hours=1), "closed"),
])
def test_registration_window(make_meeting, make_citizen, opens, closes, reason):
    now = timezone.now()
    meeting = make_meeting(registration_opens_at=now + opens if opens else None,
                           registration_closes_at=now + closes if closes else None)
    with pytest.raises(ActionRefused) as error:
        services.registration_create(meeting=meeting, user=make_citizen())
    assert error.value.reason == reason


def test_past_meeting_refuses_registration_and_cancellation(make_meeting, make_citizen):
    meeting = make_meeting(starts_in=timedelta(days=2))
    user = make_citizen()
    registration = services.registration_create(meeting=meeting, user=user)
    later = timezone.now() + timedelta(days=3)
    with pytest.raises(ActionRefused) as error:
        services.registration_cancel(registration=registration, user=user, now=later)
    assert error.value.reason == "past"
    with pytest.raises(ActionRefused):
        services.registration_create(meeting=meeting, user=make_citizen(), now=later)


def test_someone_else_cannot_cancel(meeting, make_citizen):
    a, b = make_citizen(), make_citizen()
    ra = services.registration_create(meeting=meeting, user=a)
    with pytest.raises(ActionRefused):
        services.registration_cancel(registration=ra, user=b)


def test_raising_capacity_promotes_the_waiting_list(meeting, make_citizen):
    users = [make_citizen() for _ in range(4)]
    regs = [services.registration_create(meeting=meeting, user=u) for u in users]
    assert [r.status for r in regs] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    meeting.capacity = 3
    meeting.save_revision().publish()
    promoted = services.meeting_fill_from_waitlist(meeting=meeting)  # what the after_publish_page hook runs
    assert [r.pk for r in promoted] == [regs[2].pk]
    statuses = list(Registration.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "confirmed", "waitlisted"]


def test_unlimited_capacity(make_meeting, make_citizen):
    meeting = make_meeting(capacity=None)
    regs = [services.registration_create(meeting=meeting, user=make_citizen()) for _ in range(5)]
    assert {r.status for r in regs} == {"confirmed"}


def test_french_page_registers_on_the_logical_meeting(meeting, make_citizen):
    from wagtail.models import Locale

    page_fr = meeting.get_translation(Locale.objects.get(language_code="fr")).specific
    assert page_fr.logical.pk == meeting.pk
    registration = services.registration_create(meeting=page_fr.logical, user=make_citizen(), language="fr")
    assert registration.meeting_id == meeting.pk


def _block(user, site, *, days=3):
    from participation.core.models import UserBlock

    return UserBlock.objects.create(user=user, site=site, until=timezone.now() + timedelta(days=days),
                                    reason="إزعاج متكرر")


def test_citizen_blocked_on_the_commune_is_refused(meeting, make_citizen, commune_site,
                                                    django_capture_on_commit_callbacks):
    user = make_citizen()
    _block(user, commune_site)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ActionRefused) as error:
        services.registration_create(meeting=meeting, user=user)
    assert error.value.reason == "blocked"
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_lifted_block_lets_the_citizen_register_again(meeting, make_citizen, commune_site):
    from django.contrib.auth import get_user_model

    user = make_citizen()
    block = _block(user, commune_site)
    block.lifted_at = timezone.now()
    block.save()
    user = get_user_model().objects.get(pk=user.pk)  # a new request: a new user object
    registration = services.registration_create(meeting=meeting, user=user)
    assert registration.status == RegistrationStatus.CONFIRMED
