"""What a commune gets: an empty programme page for every commune; in the demo a PAC with its
axes, projects, history and an update; the focal point's permissions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from participation.programme.models import ProgrammePage, Project, ProjectStatus, ProjectUpdate, StatusChange

pytestmark = pytest.mark.django_db


def test_demo_commune_has_a_tracked_programme_in_both_languages(client, demo_commune):
    pages = ProgrammePage.objects.filter(slug="action-programme")
    assert sorted(pages.values_list("locale__language_code", flat=True)) == ["ar", "fr"]
    programme = pages.get(locale__language_code="ar")
    assert programme.projects.count() == 6 and programme.axes.count() == 3
    assert Project.objects.get(programme=programme, number=5).status == ProjectStatus.SUSPENDED
    assert Project.objects.get(programme=programme, number=2).status == ProjectStatus.DONE
    assert StatusChange.objects.filter(project__programme=programme).count() >= 10
    assert ProjectUpdate.objects.filter(project__programme=programme).count() == 1
    for page in pages:
        assert client.get(page.url).status_code == 200
        assert client.get(page.url + "projects/5/").status_code == 200


def test_running_the_setup_twice_creates_nothing_twice(demo_commune):
    from django.core.management import call_command

    with open("/dev/null", "w") as quiet:
        call_command(
            "create_commune", "--demo", "--slug", "larache", "--name-ar", "جماعة العرائش",
            "--name-fr", "Commune de Larache", "--hostname", "testserver", "--default-site",
            "--population", "125008", stdout=quiet,
        )
    assert ProgrammePage.objects.filter(slug="action-programme").count() == 2
    assert Project.objects.count() == 6


def test_focal_point_group_may_keep_the_programme(demo_commune):
    from site_template.communes.models import CommuneRole

    role = CommuneRole.objects.get(role="focal_point")
    codenames = set(Permission.objects.filter(group=role.group).values_list("codename", flat=True))
    assert {"change_project", "add_axis", "change_indicator", "add_projectupdate", "change_annualreport"} <= codenames
