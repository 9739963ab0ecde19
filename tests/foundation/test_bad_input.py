"""The bad addresses reported against the site, one by one: each is a clear, translated 400 or
404 (the hostile walk of every URL is ``test_hostile_urls.py``)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from participation.consultations.models import ConsultationPage
from participation.meetings.models import MeetingPage
from site_template.params import MAX_ID, clean_query_text, page_number, parse_id

pytestmark = pytest.mark.django_db

HUGE = "9" * 23
NOT_FOUND_FR = "Page introuvable"
NOT_FOUND_AR = "الصفحة غير موجودة"


@pytest.fixture
def superuser_client(client, demo_commune):
    client.force_login(get_user_model().objects.create_superuser(email="root@example.org", password="x-long-pass-1"))
    client.raise_request_exception = False
    return client


def test_parse_id_accepts_ascii_ids_in_the_database_range_only():
    assert parse_id("42") == 42
    assert parse_id(" 42 ") == 42
    assert parse_id(str(MAX_ID)) == MAX_ID
    for bad in (str(MAX_ID + 1), HUGE, "0", "-1", "abc", "\u00b2", "\u0663", "\x00", "1e3", "", None, "4\u202e2"):
        assert parse_id(bad) is None, bad


def test_page_number_is_always_a_usable_page():
    assert page_number("3") == 3
    assert page_number(HUGE) == 1000
    assert page_number(str(2**70)) == 1000
    for bad in ("0", "-1", "abc", "\u00b2", "\x00", "", None, "infinity"):
        assert page_number(bad) == 1, bad


def test_clean_query_text_drops_controls_and_bidi_marks():
    assert clean_query_text("a\x00b\u202ec\u2066d\u200f e\n\tf") == "abcd e f"
    assert clean_query_text("x" * 500, max_length=10) == "x" * 10
    assert clean_query_text(None) == ""


def test_public_bad_addresses_are_translated_404s(client, demo_commune):
    client.raise_request_exception = False
    for url in (
        f"/fr/participate/information/register/{HUGE}/files/1/",
        f"/fr/participate/information/register/1/files/{HUGE}/",
        f"/fr/participate/information/r/{'A' * 22}/files/{HUGE}/",
        f"/fr/participate/suggestions/{HUGE}/",
        f"/fr/participation/contributions/{HUGE}/support/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert NOT_FOUND_FR in response.content.decode(), url


def test_meetings_filters_ignore_values_that_are_not_ids(client, demo_commune):
    client.raise_request_exception = False
    for value in ["%C2%B2", "abc", HUGE, "%00", "-1", "%D9%A3"]:
        response = client.get(f"/fr/participate/meetings/?neighbourhood={value}&theme={value}")
        assert response.status_code == 200, value
        assert "<h1" in response.content.decode()


def test_admin_bad_ids_are_404s(superuser_client):
    consultation = ConsultationPage.objects.filter(locale__language_code="ar").first()
    meeting = MeetingPage.objects.filter(locale__language_code="ar").first()
    for url in (
        f"/admin/consultations/{HUGE}/",
        f"/admin/consultations/{consultation.pk}/synthesis/{HUGE}/",
        f"/admin/meetings/{HUGE}/registrants.csv",
        f"/admin/meetings/{meeting.pk}/ideas/{HUGE}/convert/",
        f"/admin/participation/contributions/{HUGE}/",
        f"/admin/participation/block/{HUGE}/",
        f"/admin/workflows/edit/1/?p={HUGE}",
    ):
        # follow: every 404 under /admin/ is first redirected to /ar/admin/… by Django's
        # LocaleMiddleware (the language-prefixed page catch-all), which then says 404.
        response = superuser_client.get(url, follow=True)
        assert response.status_code == 404, url
        assert NOT_FOUND_AR in response.content.decode() or NOT_FOUND_FR in response.content.decode(), url
    # Wagtail's page filter binds ?site= as it is: SQLite cannot (OverflowError, answered 404),
    # PostgreSQL finds nothing and shows the unfiltered listing.
    from django.db import connection

    expected = 404 if connection.vendor == "sqlite" else 200
    assert superuser_client.get(f"/admin/pages/?site={HUGE}", follow=True).status_code == expected
    # Not digits at all: Wagtail's workflow editor passes ?p= to int(); the page is shown.
    assert superuser_client.get("/admin/workflows/edit/1/?p=%C2%B2").status_code == 200


def test_block_form_with_a_site_that_is_no_id_is_a_translated_400(superuser_client):
    from participation.core.models import UserBlock

    citizen = get_user_model().objects.get(email="citizen.larache@example.org")
    for site in ["abc", "\u00b2", HUGE, "-1", ""]:  # a NUL byte: test_nul_bytes_…
        response = superuser_client.get(f"/admin/participation/block/{citizen.pk}/", {"site": site})
        assert response.status_code == 400, site
        assert "هذه الجماعة غير موجودة." in response.content.decode()  # the admin speaks Arabic by default
        response = superuser_client.post(f"/admin/participation/block/{citizen.pk}/", {"site": site, "days": "7", "reason": "x"})
        assert response.status_code == 400, site
        assert UserBlock.objects.count() == 0


def test_nul_bytes_in_the_admin_or_any_path_are_a_translated_400(superuser_client):
    for url in ("/admin/choose-page/?locale=%00", "/admin/workflows/tasks/add/%00/page/", "/fr/news/%00/"):
        response = superuser_client.get(url)
        assert response.status_code == 400, url
        assert "يتضمن العنوان أو الاستمارة حرفا غير مسموح به." in response.content.decode() or (
            "L’adresse ou le formulaire contient un caractère non autorisé." in response.content.decode()), url
    response = superuser_client.post("/admin/participation/blocks/", "reason=a%00b",
                                     content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
