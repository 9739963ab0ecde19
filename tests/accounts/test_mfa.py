"""TOTP required for staff in the Wagtail admin; the admin logs in through allauth; Arabic admin."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission

from tests.factories import PASSWORD, UserFactory

from .conftest import login, reauthenticate

pytestmark = pytest.mark.django_db


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


def _activate_totp(user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    return TOTP.activate(user, generate_totp_secret())


def test_staff_without_totp_is_sent_to_the_setup_page(client, staff_user, mfa_required):
    client.force_login(staff_user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/2fa/totp/activate/")
    response = client.get("/admin/pages/")
    assert response.status_code == 302


def test_role_member_with_admin_access_is_also_required(client, commune_site, mfa_required):
    group = Group.objects.create(name="Focal point")
    group.permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    user = UserFactory(email="focal@example.ma")
    user.groups.add(group)
    client.force_login(user)
    assert client.get("/admin/").status_code == 302


def test_setup_page_renders_in_the_site_layout(client, staff_user, mfa_required):
    login(client, staff_user)
    assert client.get("/ar/accounts/2fa/totp/activate/").status_code == 302  # password asked again first
    reauthenticate(client)
    response = client.get("/ar/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="totp-qr"' in html
    assert 'dir="rtl"' in html
    assert 'class="account-nav"' in html


def test_staff_with_totp_enters_the_admin_in_arabic(client, staff_user, mfa_required):
    _activate_totp(staff_user)
    assert Authenticator.objects.filter(user=staff_user, type=Authenticator.Type.TOTP).exists()
    client.force_login(staff_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html


def test_setting_off_lets_staff_in(client, staff_user, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(staff_user)
    assert client.get("/admin/").status_code == 200


def test_citizens_are_not_asked_and_stay_out_of_the_admin(client, citizen, mfa_required):
    client.force_login(citizen)
    response = client.get("/ar/accounts/profile/")
    assert response.status_code == 200
    response = client.get("/admin/")
    assert response.status_code == 403  # the "for commune staff" page (tests/accounts/test_admin_entrance.py)
    assert "Location" not in response


def test_wagtail_login_goes_through_allauth(client, commune_site):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "next=%2Fadmin%2Fpages%2F" in response["Location"]
    # The admin itself sends anonymous visitors to the site's login
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_login_of_staff_with_totp_asks_for_the_code(client, staff_user):
    _activate_totp(staff_user)
    response = client.post("/ar/accounts/login/", {"login": staff_user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session


def _code(secret: str, shift: int = 0) -> str:
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + shift))


def test_full_flow_staff_sets_up_totp_then_logs_in_with_a_code(client, staff_user, mfa_required, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    login(client, staff_user)
    response = client.get("/admin/")
    assert response["Location"].endswith("/accounts/2fa/totp/activate/")
    reauthenticate(client)
    response = client.get("/ar/accounts/2fa/totp/activate/")
    secret = response.context["form"].secret
    response = client.post("/ar/accounts/2fa/totp/activate/", {"code": _code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff_user, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200

    # Next log-in: password, then the code, then the admin.
    client.logout()
    response = client.post("/ar/accounts/login/", {"login": staff_user.email, "password": PASSWORD})
    assert response["Location"].endswith("/accounts/2fa/authenticate/")
    response = client.post("/ar/accounts/2fa/authenticate/", {"code": _code(secret, shift=1)})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == staff_user.pk
    assert client.get("/admin/").status_code == 200
