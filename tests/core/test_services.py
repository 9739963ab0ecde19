from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from participation.core import rules, services
from participation.core.models import (
    Comment,
    Contribution,
    ContributionStatus,
    ModerationAction,
    Report,
    StatusChange,
    Support,
)
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_contribution_hangs_on_logical_page_from_either_language(page_ar, page_fr, citizen):
    c1 = ContributionFactory(page=page_ar, author=citizen)
    c2 = ContributionFactory(page=page_fr, author=citizen)
    assert c1.page_id == c2.page_id == page_ar.pk
    assert set(Contribution.objects.for_page(page_fr)) == {c1, c2}
    assert c1.site_id == page_ar.get_site().pk
    assert StatusChange.objects.filter(contribution=c1, to_status="received").count() == 1


def test_support_toggle_counts(page_ar, citizen, citizen2):
    c = ContributionFactory(page=page_ar, author=citizen)
    assert services.support_toggle(contribution=c, user=citizen2) == (True, 1)
    assert services.support_toggle(contribution=c, user=citizen2, want=True) == (True, 1)  # double submit
    assert services.support_toggle(contribution=c, user=citizen2) == (False, 0)
    assert services.support_toggle(contribution=c, user=citizen2, want=False) == (False, 0)
    c.refresh_from_db()
    assert c.support_count == Support.objects.filter(contribution=c).count() == 0


def test_viewer_state_annotation(page_ar, citizen, citizen2):
    c = ContributionFactory(page=page_ar, author=citizen)
    services.support_toggle(contribution=c, user=citizen2)
    row = Contribution.objects.with_viewer_state(citizen2).get(pk=c.pk)
    assert row.viewer_supports is True
    assert Contribution.objects.with_viewer_state(citizen).get(pk=c.pk).viewer_supports is False


def test_comments_replies_one_level_and_counts(page_ar, citizen, citizen2):
    c = ContributionFactory(page=page_ar, author=citizen)
    top = services.comment_create(contribution=c, author=citizen2, text="تعليق")
    reply = services.comment_create(contribution=c, author=citizen, text="رد", parent=top)
    reply2 = services.comment_create(contribution=c, author=citizen2, text="رد على الرد", parent=reply)
    assert reply2.parent_id == top.pk
    c.refresh_from_db()
    assert c.comment_count == 3
    services.comment_delete(comment=reply, by=citizen)
    reply.refresh_from_db()
    assert reply.is_deleted and reply.text == ""
    c.refresh_from_db()
    assert c.comment_count == 2
    with pytest.raises(PermissionDenied):
        services.comment_delete(comment=top, by=citizen)


def test_comment_edit_window(page_ar, citizen, settings):
    c = ContributionFactory(page=page_ar, author=citizen)
    comment = services.comment_create(contribution=c, author=citizen, text="أول")
    services.comment_edit(comment=comment, by=citizen, text="معدل")
    comment.refresh_from_db()
    assert comment.text == "معدل" and comment.edited_at
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    comment.refresh_from_db()
    assert rules.can_edit_comment(citizen, comment).reason == rules.TOO_LATE
    with pytest.raises(PermissionDenied):
        services.comment_edit(comment=comment, by=citizen, text="late")


def test_status_transitions_history_and_answer(page_ar, citizen, focal_point):
    c = ContributionFactory(page=page_ar, author=citizen)
    with pytest.raises(ValidationError):
        services.contribution_set_status(contribution=c, status="done", by=focal_point)
    with pytest.raises(ValidationError):
        services.contribution_set_status(contribution=c, status="not_retained", by=focal_point)
    services.contribution_set_status(contribution=c, status="under_study", by=focal_point, reason="دراسة")
    c = services.contribution_set_status(contribution=c, status="under_study", by=focal_point, answer="جواب رسمي")
    assert c.official_answer == "جواب رسمي" and c.answered_by == focal_point and c.answered_at
    c = services.contribution_set_status(contribution=c, status="not_retained", by=focal_point, reason="لا ميزانية")
    steps = list(c.status_changes.values_list("from_status", "to_status"))
    assert steps == [("", "received"), ("received", "under_study"), ("under_study", "not_retained")]


def test_answer_on_received_moves_to_answered(page_ar, citizen, focal_point):
    c = ContributionFactory(page=page_ar, author=citizen)
    c = services.contribution_set_status(contribution=c, status="received", by=focal_point, answer="شكرا")
    assert c.status == ContributionStatus.ANSWERED


def test_withdraw_and_update(page_ar, citizen, citizen2):
    c = ContributionFactory(page=page_ar, author=citizen)
    with pytest.raises(PermissionDenied):
        services.contribution_update(contribution=c, by=citizen2, title="x")
    c = services.contribution_update(contribution=c, by=citizen, title="عنوان جديد")
    assert c.title == "عنوان جديد"
    services.contribution_withdraw(contribution=c, by=citizen)
    assert not Contribution.objects.visible().filter(pk=c.pk).exists()


def test_reports_moderation_and_log(page_ar, citizen, citizen2, focal_point):
    c = ContributionFactory(page=page_ar, author=citizen)
    comment = services.comment_create(contribution=c, author=citizen2, text="كلام مسيء")
    r1 = services.report_create(reporter=citizen, reason="abuse", comment=comment)
    r2 = services.report_create(reporter=citizen, reason="spam", comment=comment)
    assert r1.pk == r2.pk and Report.objects.count() == 1
    with pytest.raises(ValidationError):
        services.moderation_hide(by=focal_point, reason="", comment=comment)
    services.moderation_hide(by=focal_point, reason="إساءة", comment=comment)
    comment.refresh_from_db()
    c.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "إساءة"
    assert c.comment_count == 0
    assert Report.objects.get().resolved_by == focal_point
    services.moderation_restore(by=focal_point, comment=comment)
    c.refresh_from_db()
    assert c.comment_count == 1
    assert list(ModerationAction.objects.values_list("action", flat=True)) == ["restore", "hide"]


def test_user_block_denies_participation(page_ar, citizen, focal_point, commune_site):
    c = ContributionFactory(page=page_ar, author=UserFactory())
    assert rules.can_support(citizen, c)
    services.user_block(user=citizen, site=commune_site, by=focal_point, days=3, reason="spam")
    assert rules.can_support(citizen, c).reason == rules.BLOCKED
    assert rules.can_contribute(citizen, page_ar).reason == rules.BLOCKED
    assert ModerationAction.objects.filter(action="block", target_user=citizen).exists()
    services.user_unblock(user=citizen, site=commune_site, by=focal_point)
    citizen.__dict__.pop("_participation_account", None)
    assert rules.can_support(citizen, c)


def test_permission_reasons(page_ar, citizen):
    from django.contrib.auth.models import AnonymousUser

    unverified = UserFactory(verified=False)
    c = ContributionFactory(page=page_ar, author=citizen)
    assert rules.can_contribute(AnonymousUser(), page_ar).reason == rules.LOGIN
    assert rules.can_contribute(unverified, page_ar).reason == rules.VERIFY_EMAIL
    assert rules.can_support(citizen, c).reason == rules.OWN
    assert rules.can_comment(citizen, c).allowed


def test_phase_rule_from_page(page_ar, citizen):
    c = ContributionFactory(page=page_ar, author=citizen)
    page_ar.participation_closed_reason = lambda *, action: "closed" if action != "contribute" else None
    assert rules.can_contribute(citizen, page_ar).allowed
    assert rules.can_comment(citizen, c, page=page_ar).reason == "closed"
