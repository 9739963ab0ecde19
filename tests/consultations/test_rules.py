"""The services check the consultation's rules themselves (``participation.core.rules.require``):
whoever calls them (a view, the admin, a command) gets the same refusal, with its reason, and
nothing is written."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from participation.consultations import rules
from participation.consultations.models import Remark, RemarkStatus
from participation.consultations.services import (
    Card,
    ConsultationActionRefused,
    remark_create,
    remark_update,
    remark_withdraw,
)
from participation.core.models import Contribution
from participation.core.rules import ActionRefused, Permission

pytestmark = pytest.mark.django_db


def _refused(call) -> str:
    remarks, threads = Remark.objects.count(), Contribution.objects.count()
    with pytest.raises(ActionRefused) as refused:
        call()
    assert (Remark.objects.count(), Contribution.objects.count()) == (remarks, threads)
    return refused.value.reason


def test_the_consultation_refusal_is_the_cores():
    assert ConsultationActionRefused is ActionRefused
    assert issubclass(ActionRefused, PermissionDenied)


@pytest.mark.parametrize(("moment", "reason"), [("before", "not_open_yet"), ("after", "closed")])
def test_remark_outside_the_window_is_refused(consultation, projects, citizen, moving_clock, moment, reason):
    moving_clock.set(
        consultation.opens_at - timedelta(minutes=1) if moment == "before" else consultation.closes_at
    )
    card = Card(problem="p")
    assert _refused(lambda: remark_create(consultation=consultation, project=projects[0], author=citizen, card=card)) == reason
    assert _refused(lambda: remark_create(consultation=consultation, author=citizen, card=card, proposal_title="t")) == reason


def test_unverified_account_is_refused_by_the_core_account_rule(consultation, projects, make_citizen):
    user = make_citizen(verified=False)
    reason = _refused(lambda: remark_create(consultation=consultation, project=projects[0], author=user, card=Card(problem="p")))
    assert reason == "verify_email"


def test_association_needs_a_confirmed_membership(consultation, projects, make_citizen):
    member = make_citizen(association_name="جمعية الأمل", association_verified=False)
    assert rules.can_speak_for_association(member) == Permission(False, "association_not_confirmed")
    reason = _refused(
        lambda: remark_create(
            consultation=consultation, project=projects[0], author=member, card=Card(problem="p"), for_association=True
        )
    )
    assert reason == "association_not_confirmed"


def test_only_the_author_changes_a_remark_and_only_while_open(consultation, projects, citizen, make_citizen, moving_clock):
    remark = remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="قديم"))
    other = make_citizen()
    assert _refused(lambda: remark_update(remark=remark, by=other, card=Card(problem="جديد"))) == "forbidden"
    assert _refused(lambda: remark_withdraw(remark=remark, by=other)) == "forbidden"
    moving_clock.set(consultation.closes_at)
    assert _refused(lambda: remark_update(remark=remark, by=citizen, card=Card(problem="جديد"))) == "closed"
    assert _refused(lambda: remark_withdraw(remark=remark, by=citizen)) == "closed"
    remark.refresh_from_db()
    assert (remark.problem, remark.status) == ("قديم", RemarkStatus.PUBLISHED)
    assert remark.contribution.status != "withdrawn"


def test_rules_answer_with_core_permissions(consultation, citizen, focal):
    assert rules.can_remark(citizen, consultation) == Permission(True)
    assert rules.can_manage(citizen, consultation) == Permission(False, "forbidden")
    assert rules.can_manage(focal, consultation)


def test_a_refused_post_shows_the_reason_and_writes_nothing(client, consultation, projects, citizen, moving_clock):
    moving_clock.set(consultation.closes_at)
    client.force_login(citizen)
    url = consultation.url + "projects/68/"
    response = client.post(url, {"problem": "متأخر"})
    assert response.status_code == 302 and response["Location"] == url
    assert Remark.objects.count() == 0
    assert "هذا الإجراء غير ممكن: التشاور مغلق" in client.get(url).content.decode()
