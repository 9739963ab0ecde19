"""What the participation rules know of an account (verified address, blocks, focal-point role)
is cached between requests; every change counts from the next request on, including the
changes made by a queryset update, a group membership or a deleted group."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participation.core import rules
from participation.core.models import UserBlock
from participation.core.services import user_block, user_unblock
from site_template.communes.models import CommuneRole
from site_template.communes.roles import Role
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _fresh(user):
    """The user as the next request loads it (no memo of this one)."""
    return get_user_model().objects.get(pk=user.pk)


def test_the_standing_is_read_once_then_served_from_the_cache(citizen):
    rules.account_standing(_fresh(citizen))
    with CaptureQueriesContext(connection) as queries:
        standing = rules.account_standing(_fresh(citizen))
    assert standing.verified
    assert [q["sql"] for q in queries.captured_queries if "account_emailaddress" in q["sql"]] == []
    assert len(queries.captured_queries) == 1  # the user row only


def test_a_verified_address_counts_at_once(page_ar):
    user = UserFactory(verified=False)
    contribution = ContributionFactory(page=page_ar)
    assert rules.can_comment(_fresh(user), contribution).reason == rules.VERIFY_EMAIL
    address = EmailAddress.objects.get(user=user)
    address.verified = True
    address.save()
    assert rules.can_comment(_fresh(user), contribution)
    address.delete()
    assert rules.can_comment(_fresh(user), contribution).reason == rules.VERIFY_EMAIL


def test_blocks_count_at_once_and_end_on_time(page_ar, commune_site, citizen, focal_point):
    contribution = ContributionFactory(page=page_ar)
    assert rules.can_comment(_fresh(citizen), contribution)
    user_block(user=citizen, site=commune_site, by=focal_point, days=3, reason="سب وشتم")
    assert rules.can_comment(_fresh(citizen), contribution).reason == rules.BLOCKED
    assert rules.can_report(_fresh(citizen))  # reporting stays open to a blocked account
    user_unblock(user=citizen, site=commune_site, by=focal_point)  # a queryset update
    assert rules.can_comment(_fresh(citizen), contribution)

    block = user_block(user=citizen, site=commune_site, by=focal_point, days=1, reason="إزعاج")
    standing = rules.account_standing(_fresh(citizen))
    assert standing.blocked_on(commune_site.pk)
    assert not standing.blocked_on(commune_site.pk, now=block.until + timedelta(seconds=1))
    UserBlock.objects.filter(pk=block.pk).update(until=timezone.now() - timedelta(seconds=1))
    rules.forget_account_standing()
    assert rules.can_comment(_fresh(citizen), contribution)


def test_the_focal_point_role_follows_memberships_roles_and_groups(commune_site, citizen):
    focal = UserFactory(focal_point=True, site=commune_site)
    group = CommuneRole.objects.get(site=commune_site, role=Role.FOCAL_POINT).group
    assert rules.can_answer(_fresh(focal), site=commune_site)
    assert not rules.can_answer(_fresh(citizen), site=commune_site)

    citizen.groups.add(group)
    assert rules.can_answer(_fresh(citizen), site=commune_site)
    citizen.groups.remove(group)
    assert not rules.can_answer(_fresh(citizen), site=commune_site)
    assert rules.can_moderate(_fresh(focal), site=commune_site)

    focal.is_active = False
    focal.save()
    assert not rules.can_answer(_fresh(focal), site=commune_site)
    focal.is_active = True
    focal.save()
    assert rules.can_answer(_fresh(focal), site=commune_site)
    group.delete()  # its memberships and its commune role go with it
    assert not rules.can_answer(_fresh(focal), site=commune_site)
