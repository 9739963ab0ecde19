"""The notifications page, follow endpoints and one-click unsubscribe, through the test client."""

import html5lib
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from participation.core import services as core
from participation.notifications.emails import unsubscribe_token
from participation.notifications.models import EmailFrequency, Follow, Notification, NotificationPreference

pytestmark = pytest.mark.django_db


def _url(name, lang="ar", **kwargs):
    with translation.override(lang):
        return reverse(f"notifications:{name}", kwargs=kwargs or None)


def _valid_html(content: bytes) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(content)


def test_anonymous_is_sent_to_log_in(client, contribution):
    response = client.get(_url("list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(_url("follow_toggle", contribution_id=contribution.pk), {"next": "/ar/"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Follow.objects.exclude(user=contribution.author).exists()


def test_follow_toggle_redirects_to_same_site_next_only(client, contribution, citizen2):
    client.force_login(citizen2)
    url = _url("follow_toggle", "fr", contribution_id=contribution.pk)
    response = client.post(url, {"next": "/fr/suggestions/"})
    assert response.status_code == 302 and response["Location"] == "/fr/suggestions/"
    assert Follow.objects.filter(user=citizen2, contribution=contribution).exists()
    assert NotificationPreference.objects.get(user=citizen2).language == "fr"
    response = client.post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302 and "evil.example" not in response["Location"]
    assert not Follow.objects.filter(user=citizen2).exists()


def test_follow_toggle_json_for_the_enhancer(client, contribution, citizen2):
    client.force_login(citizen2)
    response = client.post(
        _url("follow_toggle", contribution_id=contribution.pk), HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 200 and response.json()["following"] is True


def test_cannot_follow_a_hidden_contribution(client, contribution, citizen2, focal_point):
    core.moderation_hide(by=focal_point, reason="spam", contribution=contribution)
    client.force_login(citizen2)
    response = client.post(_url("follow_toggle", contribution_id=contribution.pk))
    assert response.status_code == 404


def test_get_is_not_allowed_on_follow(client, contribution, citizen2):
    client.force_login(citizen2)
    assert client.get(_url("follow_toggle", contribution_id=contribution.pk)).status_code == 405


def test_notifications_page_header_count_and_open(
    client, contribution, author, citizen2, django_assert_max_num_queries
):
    for text in ("تعليق 1", "تعليق 2", "تعليق 3"):
        core.comment_create(contribution=contribution, author=citizen2, text=text)
    client.force_login(author)
    response = client.get(_url("list"))
    assert response.status_code == 200
    body = response.content.decode()
    _valid_html(response.content)
    assert body.count('class="notification notification--unread"') == 3
    assert "إنارة زنقة الحرية" in body
    # The header link shows the unread count.
    assert reverse("notifications:list") in body and '<span class="badge">3' in body
    # Query count does not grow with the number of notifications.
    for i in range(15):
        core.comment_create(contribution=contribution, author=citizen2, text=f"x{i}")
    with django_assert_max_num_queries(14):
        client.get(_url("list"))
    note = Notification.objects.filter(user=author).first()
    response = client.get(_url("open", pk=note.pk))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.read_at is not None
    # Someone else's notification is a 404.
    client.force_login(citizen2)
    assert client.get(_url("open", pk=note.pk)).status_code == 404


def test_french_page(client, contribution, author, citizen2):
    core.comment_create(contribution=contribution, author=citizen2, text="Je suis d'accord")
    client.force_login(author)
    body = client.get(_url("list", "fr")).content.decode()
    assert "Mes notifications" in body and "<bdi>Karim</bdi> a commenté" in body
    assert 'lang="fr"' in body and 'dir="ltr"' in body


def test_mark_all_read(client, contribution, author, citizen2):
    core.comment_create(contribution=contribution, author=citizen2, text="1")
    client.force_login(author)
    response = client.post(_url("mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(user=author, read_at__isnull=True).exists()
    assert '<span class="badge">' not in client.get(_url("list")).content.decode()


def test_preferences_form(client, author):
    client.force_login(author)
    response = client.post(_url("preferences"), {"email_frequency": "daily", "language": "fr"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=author)
    assert (preference.email_frequency, preference.language) == ("daily", "fr")
    response = client.post(_url("preferences"), {"email_frequency": "hourly", "language": "fr"})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()


def test_unsubscribe_get_confirms_post_unsubscribes(client, author):
    url = _url("unsubscribe", token=unsubscribe_token(author.pk))
    response = client.get(url)
    assert response.status_code == 200 and "<form" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=author, email_frequency="none").exists()
    # RFC 8058 one-click: the mail client POSTs without a CSRF token or a session.
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=author).email_frequency == EmailFrequency.NONE


def test_tampered_unsubscribe_token(client, author):
    token = unsubscribe_token(author.pk)
    response = client.post(_url("unsubscribe", token=token[:-2] + "xx"))
    assert response.status_code == 400
    assert not NotificationPreference.objects.filter(user=author, email_frequency="none").exists()


def test_email_unsubscribe_link_works_end_to_end(
    client, contribution, author, focal_point, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        core.contribution_set_status(contribution=contribution, status="under_study", by=focal_point)
    message = mail.outbox[0]
    link = message.extra_headers["List-Unsubscribe"].strip("<>").replace("http://testserver", "")
    assert client.post(link).status_code == 200
    assert NotificationPreference.objects.get(user=author).email_frequency == EmailFrequency.NONE


def test_follow_button_include(rf, contribution, citizen2):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/ar/suggestions/")
    request.user = AnonymousUser()
    html = render_to_string(
        "notifications/includes/follow_button.html", {"contribution": contribution}, request
    )
    assert "/accounts/login/" in html
    request.user = citizen2
    html = render_to_string(
        "notifications/includes/follow_button.html", {"contribution": contribution}, request
    )
    assert 'aria-pressed="false"' in html and 'name="next" value="/ar/suggestions/"' in html
    Follow.objects.create(user=citizen2, contribution=contribution)
    html = render_to_string(
        "notifications/includes/follow_button.html", {"contribution": contribution}, request
    )
    assert 'aria-pressed="true"' in html


def test_titles_are_escaped_and_isolated(client, page_ar, author, citizen2):
    from tests.factories import ContributionFactory

    hostile = ContributionFactory(page=page_ar, author=author, title="<script>alert(1)</script>\u202eعنوان")
    core.comment_create(contribution=hostile, author=citizen2, text="x")
    client.force_login(author)
    body = client.get(_url("list", "fr")).content.decode()
    assert "<script>alert(1)" not in body
    assert "<bdi>&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<bdi>Karim</bdi> a commenté" in body
