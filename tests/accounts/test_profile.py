"""Profile: display name, association, consented statistics data (and its withdrawal)."""

from __future__ import annotations

import pytest
from wagtail.models import Site

from site_template.accounts.models import DemographicProfile, User
from site_template.accounts.selectors import demographics_for_users
from site_template.accounts.services import association_set_verified
from site_template.communes.models import Neighbourhood
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbourhoods(commune_site):
    other_site = Site.objects.create(hostname="other.example", root_page=commune_site.root_page)
    return {
        "ours": Neighbourhood.objects.create(site=commune_site, name_ar="المدينة القديمة", name_fr="Médina"),
        "theirs": Neighbourhood.objects.create(site=other_site, name_ar="حي آخر", name_fr="Autre"),
    }


def test_profile_requires_login(client, commune_site):
    response = client.get("/ar/accounts/profile/")
    assert response.status_code == 302
    assert "/ar/accounts/login/" in response["Location"]


def test_profile_page_shows_forms_in_both_languages(client, citizen, neighbourhoods):
    client.force_login(citizen)
    for lang, direction in (("ar", "rtl"), ("fr", "ltr")):
        html = client.get(f"/{lang}/accounts/profile/").content.decode()
        assert f'dir="{direction}"' in html
        assert 'name="profile-display_name"' in html
        assert 'name="stats-consent"' in html
        assert "المدينة القديمة" in html or "Médina" in html
        assert "حي آخر" not in html and "Autre" not in html  # another commune's neighbourhood


def test_edit_display_name_and_association(client, citizen):
    client.force_login(citizen)
    association_set_verified(user=citizen, verified=False)
    response = client.post(
        "/ar/accounts/profile/",
        {"save_profile": "1", "profile-display_name": "  أمينة   ب. ", "profile-association_name": "جمعية الأمل"},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.display_name == "أمينة ب."
    assert citizen.association_name == "جمعية الأمل"
    assert not citizen.association_verified

    association_set_verified(user=citizen, verified=True)
    citizen.refresh_from_db()
    assert citizen.confirmed_association == "جمعية الأمل"
    # Changing the association needs a new confirmation
    client.post(
        "/ar/accounts/profile/",
        {"save_profile": "1", "profile-display_name": "Amina", "profile-association_name": "Autre association"},
    )
    citizen.refresh_from_db()
    assert not citizen.association_verified
    assert citizen.confirmed_association == ""


def test_consent_gives_and_withdrawal_erases_statistics_data(client, citizen, neighbourhoods):
    client.force_login(citizen)
    response = client.post(
        "/ar/accounts/profile/",
        {
            "save_statistics": "1",
            "stats-consent": "on",
            "stats-gender": "female",
            "stats-age_bracket": "25_34",
            "stats-neighbourhood": neighbourhoods["ours"].pk,
        },
    )
    assert response.status_code == 302
    profile = DemographicProfile.objects.get(user=citizen)
    assert (profile.gender, profile.age_bracket, profile.neighbourhood) == (
        "female",
        "25_34",
        neighbourhoods["ours"],
    )
    data = demographics_for_users(user_ids=[citizen.pk])[citizen.pk]
    assert data.gender == "female" and data.is_young is True
    assert data.neighbourhood_id == neighbourhoods["ours"].pk

    # Withdrawing consent clears everything.
    response = client.post("/ar/accounts/profile/", {"save_statistics": "1", "stats-gender": ""})
    assert response.status_code == 302
    assert not DemographicProfile.objects.filter(user=citizen).exists()
    assert demographics_for_users(user_ids=[citizen.pk]) == {}


def test_details_without_consent_are_refused_and_kept_in_the_form(client, citizen):
    client.force_login(citizen)
    response = client.post(
        "/fr/accounts/profile/", {"save_statistics": "1", "stats-gender": "male", "stats-age_bracket": "65_plus"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    assert 'value="65_plus" selected' in html
    assert not DemographicProfile.objects.filter(user=citizen).exists()


def test_neighbourhood_of_another_commune_is_refused(client, citizen, neighbourhoods):
    client.force_login(citizen)
    response = client.post(
        "/ar/accounts/profile/",
        {"save_statistics": "1", "stats-consent": "on", "stats-neighbourhood": neighbourhoods["theirs"].pk},
    )
    assert response.status_code == 200
    assert not DemographicProfile.objects.filter(user=citizen).exists()


def test_demographics_selector_is_one_query_and_skips_non_consenting(django_assert_num_queries, commune_site):
    users = [UserFactory(email=f"u{i}@example.ma") for i in range(6)]
    from django.utils import timezone

    for user in users[:4]:
        DemographicProfile.objects.create(user=user, consented_at=timezone.now(), gender="male", age_bracket="50_64")
    users[0].association_name = "Assoc"
    users[0].association_verified = True
    users[0].save()
    with django_assert_num_queries(1):
        result = demographics_for_users(user_ids=[u.pk for u in users] + [None])
    assert set(result) == {u.pk for u in users[:4]}
    assert result[users[0].pk].association_member is True
    assert result[users[1].pk].is_young is False
    assert demographics_for_users(user_ids=[]) == {}


def test_public_name():
    assert User(display_name="Amina").public_name == "Amina"
    assert User().public_name
