"""Staff confirm association memberships in the Wagtail admin (in Arabic)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(commune_site):
    return make_user("member@example.ma", display_name="Karim", association_name="جمعية الأمل للتنمية")


def _grant(user, codename, app_label):
    user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label=app_label))


def test_focal_point_confirms_a_membership(client, staff_user, member):
    _grant(staff_user, "verify_association", "accounts")
    client.force_login(staff_user)
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
    assert response.status_code in (302, 403)
    response = client.post(f"/admin/association-members/edit/{member.pk}/", {"association_verified": "on"})
    member.refresh_from_db()
    assert not member.association_verified


def test_no_add_or_delete(client, staff_user, member):
    _grant(staff_user, "verify_association", "accounts")
    client.force_login(staff_user)
    assert client.get("/admin/association-members/add/").status_code in (302, 403)
    assert client.get(f"/admin/association-members/delete/{member.pk}/").status_code in (302, 403)
