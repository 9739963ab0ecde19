"""Display and association names: bidi controls are removed where they are typed, and a name
saved before that is printed without them."""

import pytest

from site_template.accounts.forms import SignupForm
from tests.hostile_text import RLO_NAME

pytestmark = pytest.mark.django_db


def test_profile_form_cleans_display_and_association_names(client, citizen):
    client.force_login(citizen)
    response = client.post(
        "/ar/accounts/profile/",
        {"save_profile": "1", "profile-display_name": f" {RLO_NAME}\u202c ",
         "profile-association_name": "\u2067جمعية\u2069 الأمل\u202b"},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.display_name == "txt.exe"
    assert citizen.association_name == "جمعية الأمل"


def test_a_name_of_controls_only_is_no_name(client, citizen):
    client.force_login(citizen)
    response = client.post("/ar/accounts/profile/", {"save_profile": "1", "profile-display_name": "\u202e\u2066"})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.display_name == ""  # the name is optional: shown as "Citizen"


def test_signup_display_name_field_cleans():
    assert SignupForm.base_fields["display_name"].clean(f"{RLO_NAME}\u2069") == "txt.exe"


def test_public_name_saved_before_the_cleaning_has_no_controls(citizen):
    type(citizen).objects.filter(pk=citizen.pk).update(display_name=RLO_NAME)
    citizen.refresh_from_db()
    assert citizen.public_name == "txt.exe"
    assert str(citizen) == "txt.exe"
