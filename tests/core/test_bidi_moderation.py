"""Names and titles saved before citizen text was cleaned on entry still cannot reorder the
moderation admin: the pages carry no raw bidi control and every name is isolated in <bdi>."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from participation.core import services
from participation.core.models import Contribution
from tests.factories import ContributionFactory
from tests.hostile_text import RLO_NAME, assert_no_bidi_controls

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(focal_point):
    focal_point.groups.get().permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "moderate_contribution", "answer_contribution"])
    )
    return focal_point


def test_moderation_pages_isolate_legacy_names_and_titles(client, staff, page_ar, citizen, citizen2):
    users = get_user_model().objects
    users.filter(pk=citizen.pk).update(display_name=RLO_NAME)  # as stored before the cleaning
    users.filter(pk=citizen2.pk).update(display_name="\u202bKarim\u2066")
    contribution = ContributionFactory(page=page_ar, author=citizen)
    Contribution.objects.filter(pk=contribution.pk).update(title="\u202eexe.txt\u202a", text="\u2067نص\u2069 مسيء")
    services.report_create(reporter=citizen2, reason="abuse", details="\u202eسب", contribution=contribution)
    client.force_login(staff)

    queue = client.get("/admin/participation/").content.decode()
    assert_no_bidi_controls(queue)
    assert "<bdi>txt.exe</bdi>" in queue  # the author; the date after it keeps its order
    assert "<bdi>Karim</bdi>," in queue  # the reporter, then the date
    assert "<bdi>exe.txt</bdi>" in queue
    for url in ("/admin/participation/contributions/", f"/admin/participation/contributions/{contribution.pk}/",
                f"/admin/participation/block/{citizen.pk}/?site={contribution.site_id}"):
        html = client.get(url).content.decode()
        assert_no_bidi_controls(html)
        assert "<bdi>" in html, url
    services.moderation_hide(by=staff, reason="سب", contribution=contribution)
    for url in ("/admin/participation/hidden/", "/admin/participation/log/"):
        html = client.get(url).content.decode()
        assert_no_bidi_controls(html)
        assert "<bdi>exe.txt</bdi>" in html, url


def test_str_of_a_legacy_contribution_has_no_controls(page_ar, citizen):
    contribution = ContributionFactory(page=page_ar, author=citizen)
    Contribution.objects.filter(pk=contribution.pk).update(title=RLO_NAME)
    contribution.refresh_from_db()
    assert str(contribution) == "txt.exe"  # Wagtail prints it in aria-labels
