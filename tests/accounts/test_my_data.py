"""My data: download everything as JSON; delete the account (contributions stay, anonymised)."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.translation import gettext
from wagtail import hooks

from site_template.accounts.models import DemographicProfile, User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_my_data_page(client, citizen):
    client.force_login(citizen)
    html = client.get("/fr/accounts/my-data/").content.decode()
    assert "/fr/accounts/my-data/download/" in html
    assert 'name="password"' in html


def test_download_contains_account_profile_and_feature_data(client, citizen):
    DemographicProfile.objects.create(user=citizen, consented_at=timezone.now(), gender="female")
    client.force_login(citizen)

    def export_feature(user):
        return {"suggestions": [{"title": f"from {user.email}"}]}

    with hooks.register_temporarily("user_data_export", export_feature):
        response = client.get("/ar/accounts/my-data/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content.decode("utf-8"))
    assert data["account"]["email"] == "amina@example.ma"
    assert data["account"]["display_name"] == "أمينة"
    assert data["account"]["email_addresses"] == [{"email": "amina@example.ma", "verified": True, "primary": True}]
    assert data["statistics_profile"]["gender"] == "female"
    assert data["features"]["suggestions"] == [{"title": "from amina@example.ma"}]


def test_download_needs_login(client, commune_site):
    assert client.get("/ar/accounts/my-data/download/").status_code == 302


def test_delete_needs_the_right_password(client, citizen):
    client.force_login(citizen)
    response = client.post("/ar/accounts/delete/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    citizen.refresh_from_db()
    assert citizen.is_active and citizen.deleted_at is None


def test_delete_anonymises_and_keeps_the_row(client, citizen):
    DemographicProfile.objects.create(user=citizen, consented_at=timezone.now(), gender="female")
    citizen.association_name = "جمعية"
    citizen.save()
    client.force_login(citizen)
    seen = []

    with hooks.register_temporarily("user_anonymise", lambda user: seen.append(user.email)):
        response = client.post("/ar/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert seen == ["amina@example.ma"]  # hooks run before the scrubbing
    user = User.objects.get(pk=citizen.pk)
    assert not user.is_active
    assert user.deleted_at is not None
    assert "amina" not in user.email and "amina" not in user.username
    assert user.display_name == "" and user.association_name == ""
    assert not user.has_usable_password()
    assert user.public_name == gettext("Former participant")
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not DemographicProfile.objects.filter(user=user).exists()
    # Logged out, and cannot log in again.
    assert "_auth_user_id" not in client.session
    response = client.post("/ar/accounts/login/", {"login": "amina@example.ma", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_delete_attempts_are_rate_limited(client, citizen):
    client.force_login(citizen)
    for _ in range(5):
        client.post("/ar/accounts/delete/", {"password": "wrong", "confirm": "on"})
    response = client.post("/ar/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 429
    citizen.refresh_from_db()
    assert citizen.is_active


def test_contributions_stay_after_deletion_with_counts(client, citizen, home_ar):
    """Issue 2: "contributions stay, anonymised" — the suggestion, its comment and its support
    keep their author row (deactivated, scrubbed) and the counts do not change."""
    from participation.core.models import Comment, Contribution, Support
    from participation.core.services import comment_create, contribution_create, support_toggle

    contribution = contribution_create(
        page=home_ar, author=citizen, kind="suggestion", title="إنارة الشارع", text="نقترح إنارة الشارع الرئيسي."
    )
    comment_create(contribution=contribution, author=citizen, text="تعليق")
    support_toggle(contribution=contribution, user=citizen)
    client.force_login(citizen)
    client.post("/ar/accounts/delete/", {"password": PASSWORD, "confirm": "on"})

    contribution = Contribution.objects.get(pk=contribution.pk)
    assert contribution.author_id == citizen.pk
    assert contribution.author.public_name == gettext("Former participant")
    assert "amina" not in str(contribution.author).lower()
    assert Comment.objects.filter(contribution=contribution, author_id=citizen.pk).count() == 1
    assert Support.objects.filter(contribution=contribution).count() == contribution.support_count == 1


def test_download_includes_participation_data(client, citizen, home_ar, make_citizen):
    from participation.core.services import comment_create, contribution_create, support_toggle

    contribution = contribution_create(page=home_ar, author=citizen, kind="suggestion", title="حديقة", text="نص")
    comment_create(contribution=contribution, author=citizen, text="تعليقي")
    support_toggle(contribution=contribution, user=citizen)
    from participation.core.services import rating_set

    rating_set(contribution=contribution, user=make_citizen(), value=5)  # someone else's
    rating_set(contribution=contribution, user=citizen, value=3)
    client.force_login(citizen)
    data = json.loads(client.get("/ar/accounts/my-data/download/").content.decode("utf-8"))
    participation = data["features"]["participation"]
    assert participation["contributions"][0]["title"] == "حديقة"
    assert participation["comments"][0]["text"] == "تعليقي"
    assert participation["supports"][0]["on"] == "حديقة"
    assert [(r["on"], r["value"]) for r in participation["ratings"]] == [("حديقة", 3)]
