"""The generic endpoints: comment, edit, delete, support, report — POST + redirect, JSON for the
enhancer, permission reasons, same-site ``next`` only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participation.core import services
from participation.core.models import Comment, Report, Support
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contribution(page_ar, citizen):
    return ContributionFactory(page=page_ar, author=citizen)


def test_anonymous_support_redirects_to_login(client, contribution):
    r = client.post(f"/ar/participation/contributions/{contribution.pk}/support/", {"next": "/ar/"})
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    assert Support.objects.count() == 0


def test_unverified_user_gets_a_message(client, contribution):
    client.force_login(UserFactory(verified=False))
    r = client.post(f"/ar/participation/contributions/{contribution.pk}/support/", {"next": "/ar/"}, follow=True)
    assert Support.objects.count() == 0
    assert any("email" in str(m).lower() or "بريد" in str(m) for m in r.context["messages"])


def test_support_toggle_and_json(client, contribution, citizen2):
    client.force_login(citizen2)
    url = f"/ar/participation/contributions/{contribution.pk}/support/"
    r = client.post(url, {"next": "/ar/musharaka/", "support": "1"})
    assert r.status_code == 302 and r["Location"] == "/ar/musharaka/"
    r = client.post(url, {"support": "1"}, HTTP_X_REQUESTED_WITH="fetch")
    assert r.json() == {"ok": True, "supported": True, "count": 1}
    r = client.post(url, {"support": "0"}, HTTP_X_REQUESTED_WITH="fetch")
    assert r.json() == {"ok": True, "supported": False, "count": 0}


def test_author_cannot_support_own(client, contribution, citizen):
    client.force_login(citizen)
    r = client.post(f"/ar/participation/contributions/{contribution.pk}/support/", {"support": "1"}, HTTP_X_REQUESTED_WITH="fetch")
    assert r.status_code == 403 and r.json()["error"] == "own"


def test_comment_post_reply_edit_delete(client, contribution, citizen, citizen2):
    client.force_login(citizen2)
    url = f"/ar/participation/contributions/{contribution.pk}/comment/"
    r = client.post(url, {"text": "تعليق أول", "next": "/ar/musharaka/"})
    assert r.status_code == 302
    top = Comment.objects.get()
    assert r["Location"] == f"/ar/musharaka/#comment-{top.pk}"
    client.force_login(citizen)
    client.post(url, {"text": "رد", "parent": top.pk, "next": "/ar/musharaka/"})
    reply = Comment.objects.exclude(pk=top.pk).get()
    assert reply.parent_id == top.pk
    # edit form + save
    r = client.get(f"/ar/participation/comments/{reply.pk}/edit/?next=/ar/musharaka/")
    assert r.status_code == 200 and "رد" in r.content.decode()
    client.post(f"/ar/participation/comments/{reply.pk}/edit/", {"text": "رد معدل", "next": "/ar/musharaka/"})
    reply.refresh_from_db()
    assert reply.text == "رد معدل"
    # someone else cannot edit or delete
    client.force_login(citizen2)
    client.post(f"/ar/participation/comments/{reply.pk}/edit/", {"text": "hack"})
    client.post(f"/ar/participation/comments/{reply.pk}/delete/")
    reply.refresh_from_db()
    assert reply.text == "رد معدل" and not reply.is_deleted
    client.force_login(citizen)
    assert client.get(f"/ar/participation/comments/{reply.pk}/delete/").status_code == 200
    client.post(f"/ar/participation/comments/{reply.pk}/delete/", {"next": "/ar/musharaka/"})
    reply.refresh_from_db()
    assert reply.is_deleted


def test_edit_after_window_is_refused(client, contribution, citizen):
    comment = services.comment_create(contribution=contribution, author=citizen, text="قديم")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(hours=1))
    client.force_login(citizen)
    r = client.post(f"/ar/participation/comments/{comment.pk}/edit/", {"text": "جديد", "next": "/ar/"})
    comment.refresh_from_db()
    assert comment.text == "قديم"
    assert r.status_code == 302 and r["Location"] == "/ar/"
    from django.contrib.messages import get_messages

    from participation.core.views import permission_message

    (message,) = get_messages(r.wsgi_request)
    assert message.level_tag == "error" and str(message) == permission_message("too_late")


def test_empty_comment_rerenders_with_error(client, contribution, citizen2):
    client.force_login(citizen2)
    r = client.post(f"/ar/participation/contributions/{contribution.pk}/comment/", {"text": "   \u202e ", "next": "/ar/"})
    assert r.status_code == 400
    assert 'class="errorlist"' in r.content.decode()


def test_report_form_and_post(client, contribution, citizen, citizen2):
    comment = services.comment_create(contribution=contribution, author=citizen, text="تعليق")
    client.force_login(citizen2)
    r = client.get(f"/ar/participation/report/comment/{comment.pk}/")
    assert r.status_code == 200
    r = client.post(f"/ar/participation/report/comment/{comment.pk}/", {"reason": "bogus"})
    assert r.status_code == 400
    r = client.post(f"/ar/participation/report/comment/{comment.pk}/", {"reason": "abuse", "details": "سب", "next": "/ar/"})
    assert r.status_code == 302
    report = Report.objects.get()
    assert report.comment == comment and report.reporter == citizen2 and report.site_id == contribution.site_id
    r = client.post(f"/ar/participation/report/contribution/{contribution.pk}/", {"reason": "spam"})
    assert r.status_code == 302
    assert Report.objects.count() == 2


def test_french_prefix_endpoints_work(client, contribution, citizen2):
    client.force_login(citizen2)
    r = client.post(f"/fr/participation/contributions/{contribution.pk}/support/", {"next": "/fr/"})
    assert r.status_code == 302 and r["Location"] == "/fr/"
    contribution.refresh_from_db()
    assert contribution.support_count == 1
