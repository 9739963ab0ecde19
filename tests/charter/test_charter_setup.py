"""What a commune gets from the charter: its seven principles and a charter page in both
languages under the Participate section; in the demo ten commitments over the seven principles
(the computed ones typed by no one), two published evaluations a year apart with their findings;
the focal point's permissions; the site works whether or not the computed keys are registered."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from participation.charter.models import (
    CharterPage,
    Commitment,
    Evaluation,
    EvaluationFinding,
    Evaluator,
    Principle,
)
from participation.charter.provisioning import SLUG
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _source_charter() -> CharterPage:
    return CharterPage.objects.get(slug=SLUG, locale__language_code="ar")


def test_the_demo_has_a_charter_with_ten_commitments_and_two_evaluations(demo_commune):
    pages = CharterPage.objects.filter(slug=SLUG)
    assert sorted(pages.values_list("locale__language_code", flat=True)) == ["ar", "fr"]
    charter = _source_charter()
    assert charter.get_parent().slug == "participate" and charter.adoption_date is not None
    assert charter.charter_text and charter.adoption_decision and charter.intro
    assert Principle.objects.filter(site=charter.get_site()).count() == 7
    commitments = list(Commitment.objects.filter(charter=charter))
    assert len(commitments) == 10
    assert len({c.principle_id for c in commitments}) == 7
    assert all(c.contribution_id for c in commitments)
    computed = {c.indicator_source for c in commitments if c.indicator_source}
    assert {"meetings.reports_published", "info_requests.answered_on_time", "meetings.women_share",
            "council.decisions_posted_on_time", "budget.published_on_time"} <= computed
    assert all(c.current_value is None for c in commitments if c.indicator_source)
    assert len({c.status for c in commitments}) == 4
    evaluations = list(Evaluation.objects.filter(charter=charter).order_by("evaluated_on"))
    assert len(evaluations) == 2 and all(e.is_published for e in evaluations)
    assert (evaluations[1].evaluated_on - evaluations[0].evaluated_on).days in range(350, 380)
    assert evaluations[0].evaluator == Evaluator.COMMUNE and evaluations[1].evaluator != Evaluator.COMMUNE
    assert EvaluationFinding.objects.filter(evaluation__in=evaluations).count() == 20
    moved = [
        number for number in range(1, 11)
        if len(set(EvaluationFinding.objects.filter(commitment__charter=charter, commitment__number=number)
                   .values_list("status", "value"))) > 1
    ]
    assert len(moved) >= 6  # the history shows movement
    assert all(page.live for page in pages)  # the public pages themselves are tested with their views


def test_the_demo_links_a_commitment_to_the_programme(demo_commune):
    commitment = Commitment.objects.get(charter=_source_charter(), number=9)
    assert commitment.programme_project is not None and commitment.programme_project.kind == "programme_project"


def test_the_staff_overview_of_the_demo_works_without_the_computed_keys(client, demo_commune):
    from site_template.communes.models import CommuneRole

    charter = _source_charter()
    focal = UserFactory(email="focal-demo@example.ma")
    focal.groups.add(CommuneRole.objects.get(role="focal_point").group)
    client.force_login(focal)
    response = client.get(f"/admin/charter/{charter.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-computed="1"') == 5 and html.count('data-computed="0"') == 5
    assert client.get("/admin/charter/").status_code == 200


def test_running_the_setup_twice_creates_nothing_twice(demo_commune):
    with open("/dev/null", "w") as quiet:
        call_command(
            "create_commune", "--demo", "--slug", "larache", "--name-ar", "جماعة العرائش",
            "--name-fr", "Commune de Larache", "--hostname", "testserver", "--default-site",
            "--population", "125008", stdout=quiet,
        )
    assert CharterPage.objects.filter(slug=SLUG).count() == 2
    assert Commitment.objects.count() == 10 and Evaluation.objects.count() == 2 and Principle.objects.count() == 7


def test_a_commune_without_the_demo_gets_an_empty_charter(db):
    from site_template.communes.services import CommuneSpec, commune_generate
    from tests.conftest import restore_migration_data

    restore_migration_data()
    result = commune_generate(spec=CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar",
                                               hostname="ksar.test"))
    charter = CharterPage.objects.get(slug=SLUG, locale__language_code="ar")
    assert charter.get_site().pk == result.site.pk
    assert not Commitment.objects.exists() and Principle.objects.filter(site=result.site).count() == 7


def test_the_focal_point_group_may_keep_the_charter(demo_commune):
    from site_template.communes.models import CommuneRole

    role = CommuneRole.objects.get(role="focal_point")
    codenames = set(Permission.objects.filter(group=role.group).values_list("codename", flat=True))
    assert {"add_principle", "change_principle", "add_commitment", "change_commitment", "delete_commitment",
            "add_commitmentdocument", "change_commitmentlink", "add_evaluation", "change_evaluation",
            "delete_evaluationfinding"} <= codenames
    communicator = CommuneRole.objects.get(role="communicator")
    assert not Permission.objects.filter(group=communicator.group, codename="change_commitment").exists()


def test_the_contribution_kind_has_a_label():
    from participation.core.models import contribution_kind_choices

    assert "charter_commitment" in dict(contribution_kind_choices())
