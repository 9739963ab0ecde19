"""Staff confirm association memberships in the Wagtail admin (in Arabic): the focal point of
the commune on whose site the association was declared."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(commune_site):
    return UserFactory(email="member@example.ma", display_name="Karim", association_name="جمعية الأمل للتنمية",
                     association_site=commune_site)


@pytest.fixture
def focal_point(commune_site, staff_user):
    from site_template.communes.roles import Role
    from site_template.communes.services import commune_roles_sync

    staff_user.groups.add(commune_roles_sync(site=commune_site)[Role.FOCAL_POINT])
    return staff_user


def _grant(user, codename, app_label):
    user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label=app_label))


def test_focal_point_confirms_a_membership(client, focal_point, member):
    client.force_login(focal_point)
    listing = client.get("/admin/association-members/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "جمعية الأمل للتنمية" in html
    assert 'dir="rtl"' in html
    edit_url = f"/admin/association-members/edit/{member.pk}/"
    assert client.get(edit_url).status_code == 200
    response = client.post(
        edit_url, {"association_name": "جمعية الأمل للتنمية", "association_verified": "on"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.association_verified
    assert member.confirmed_association == "جمعية الأمل للتنمية"


def test_staff_without_the_permission_cannot(client, staff_user, member):
    client.force_login(staff_user)
    response = client.get("/admin/association-members/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's "permission denied"
    response = client.post(f"/admin/association-members/edit/{member.pk}/", {"association_verified": "on"})
    assert response.status_code == 403
    member.refresh_from_db()
    assert not member.association_verified and member.confirmed_association == ""


def test_no_add_or_delete(client, focal_point, member):
    client.force_login(focal_point)
    users = get_user_model().objects.count()
    # There is no "add" view: the admin answers 404 (after the language middleware's redirect).
    assert client.get("/admin/association-members/add/", follow=True).status_code == 404
    response = client.post("/admin/association-members/add/", {"email": "new@example.ma"}, follow=True)
    assert response.status_code == 404
    # The delete view is refused: back to the dashboard, the account stays.
    for response in (client.get(f"/admin/association-members/delete/{member.pk}/"),
                     client.post(f"/admin/association-members/delete/{member.pk}/")):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert get_user_model().objects.count() == users and get_user_model().objects.filter(pk=member.pk).exists()


def test_permission_alone_is_not_a_commune(client, staff_user, member):
    """The permission without a role in the member's commune shows no one and changes no one."""
    _grant(staff_user, "verify_association", "accounts")
    client.force_login(staff_user)
    listing = client.get("/admin/association-members/")
    assert listing.status_code == 200 and "جمعية الأمل للتنمية" not in listing.content.decode()
    response = client.post(f"/admin/association-members/edit/{member.pk}/",
                           {"association_name": "جمعية الأمل للتنمية", "association_verified": "on"})
    assert response.status_code == 403
    member.refresh_from_db()
    assert not member.association_verified


def test_the_association_is_declared_to_the_site_of_the_form(client, commune_site, member):
    """The profile form records the commune that must confirm; a new association, a new request."""
    from site_template.accounts.services import association_set_verified, profile_update

    user = UserFactory(email="decl@example.ma", display_name="Decl")
    client.force_login(user)
    response = client.post("/ar/accounts/profile/", {"save_profile": "1", "profile-display_name": "Decl",
                                                     "profile-association_name": "جمعية النور"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.association_name, user.association_site_id) == ("جمعية النور", commune_site.pk)
    association_set_verified(user=user, verified=True)
    profile_update(user=user, display_name="Decl", association_name="", site=commune_site)
    user.refresh_from_db()
    assert (user.association_verified, user.association_site_id) == (False, None)


def test_migration_gives_a_single_commune_its_declared_associations(commune_site):
    from importlib import import_module

    from django.apps import apps

    from site_template.accounts.models import User

    legacy = UserFactory(email="legacy@example.ma", association_name="جمعية قديمة")
    plain = UserFactory(email="plain@example.ma")
    import_module("site_template.accounts.migrations.0004_association_site").single_commune_confirms(apps, None)
    assert User.objects.get(pk=legacy.pk).association_site_id == commune_site.pk
    assert User.objects.get(pk=plain.pk).association_site_id is None
