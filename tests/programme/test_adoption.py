"""From consultation to programme (issue 11 a): an open project of a consultation becomes a
programme project in one action by the focal point; the two threads are linked both ways, the
consultation's project page says where it is followed now, and the programme project shows the
remarks and supports that shaped it and the suggestions about it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from participation.consultations.models import Decision, OpenProject
from participation.consultations.services import Card, project_save, remark_create
from participation.core import services as core_services
from participation.core.conversion import adoptable_item, adoptable_items
from participation.core.models import ContributionLink, LinkRelation
from participation.core.rules import ActionRefused
from participation.programme import services
from participation.programme.models import Axis, Project
from participation.programme.origins import project_origins
from tests.consultations.conftest import make_consultation
from tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db

TITLE_AR = "تجويد آليات التواصل"
REVISED_AR = "نص المشروع كما عدلته اللجنة بعد التشاور"
REMARK = "المواعيد غير معلنة في الحي"


@pytest.fixture
def consultation_pair(home_ar, home_fr):
    now = timezone.now()
    return make_consultation(home_ar, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=6))


@pytest.fixture
def consultation(consultation_pair):
    return consultation_pair[0]


@pytest.fixture
def open_projects(consultation):
    kept = project_save(project=OpenProject(
        consultation=consultation, number=68, title_ar=TITLE_AR, title_fr="Améliorer la communication",
        description_ar="الوصف الأول", description_fr="Description initiale", revised_text_ar=REVISED_AR,
        revised_text_fr="Texte revu par le comité", decision=Decision.PARTLY_RETAINED,
        estimated_cost=Decimal("250000.00"), responsible_service_ar="مصلحة التواصل",
        responsible_service_fr="Service de la communication",
    ))
    dropped = project_save(project=OpenProject(
        consultation=consultation, number=70, title_ar="مشروع لم يحتفظ به", decision=Decision.NOT_RETAINED,
    ))
    return kept, dropped


@pytest.fixture
def shaped(open_projects, consultation, citizen, citizen2):
    """A remark and two supports on project 68."""
    kept = open_projects[0]
    remark = remark_create(consultation=consultation, author=citizen, card=Card(problem=REMARK), project=kept)
    core_services.support_toggle(contribution=kept.contribution, user=citizen, want=True)
    core_services.support_toggle(contribution=kept.contribution, user=citizen2, want=True)
    return remark


@pytest.fixture
def axis(programme):
    return Axis.objects.create(programme=programme, number=1, title_ar="تحسين جودة الخدمات", title_fr="Services")


def _key(project):
    return f"open_project:{project.pk}"


def test_a_remark_on_an_open_project_is_linked_to_it(shaped, open_projects):
    assert ContributionLink.objects.filter(
        source=shaped.contribution, target=open_projects[0].contribution, relation=LinkRelation.CONCERNS
    ).exists()


def test_adoptable_items_are_the_projects_the_committee_did_not_turn_down(open_projects, commune_site):
    kept, dropped = open_projects
    items = {item.key: item for item in adoptable_items(commune_site)}
    assert _key(kept) in items and _key(dropped) not in items
    item = items[_key(kept)]
    assert item.contribution == kept.contribution
    assert (item.description_ar, item.description_fr) == (REVISED_AR, "Texte revu par le comité")
    assert item.amount == Decimal("250000.00")
    assert item.responsible_service_fr == "Service de la communication"
    assert "التشاور الرقمي" in item.label


def test_focal_point_adopts_an_open_project_and_each_page_shows_the_other(
    client, programme, programme_fr, axis, open_projects, shaped, programme_focal, consultation_pair
):
    from django.test import Client

    kept = open_projects[0]
    visitor = Client()  # an anonymous visitor whose page may come from the cache
    before = visitor.get(consultation_pair[1].url + "projects/68/").content.decode()
    assert "/projects/7/" not in before
    url = f"/admin/programme/{programme_fr.pk}/adopt/"
    client.force_login(programme_focal)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert TITLE_AR in body and "مشروع لم يحتفظ به" not in body

    response = client.post(url, {"item": _key(kept), "axis": axis.pk, "number": "7"})
    assert response.status_code == 302
    project = Project.objects.get(programme=programme)
    assert (project.number, project.axis, project.title_ar, project.title_fr) == (
        7, axis, TITLE_AR, "Améliorer la communication")
    assert (project.description_ar, project.description_fr) == (REVISED_AR, "Texte revu par le comité")
    assert project.responsible_service_ar == "مصلحة التواصل"
    assert project.funding_lines.get().planned == Decimal("250000.00")
    assert ContributionLink.objects.filter(
        source=kept.contribution, target=project.contribution, relation=LinkRelation.BECAME).exists()

    # The consultation's project page (both languages) points to the programme project.
    for page, language in ((consultation_pair[0], "ar"), (consultation_pair[1], "fr")):
        with translation.override(language):
            body = visitor.get(page.url + "projects/68/").content.decode()
        target = (programme if language == "ar" else programme_fr).url + "projects/7/"
        assert f'href="{target}"' in body, language

    # The programme project shows where it comes from: the open project, its supports, the remark.
    with translation.override("fr"):
        origins = project_origins(project=project, viewer=None)
        html = render_to_string("programme/includes/origins.html", {"origins": origins})
    assert origins.open_project.support_count == 2
    assert origins.open_project.url == consultation_pair[1].url + "projects/68/"
    assert f'href="{origins.open_project.url}"' in html
    assert origins.remark_count == 1 and REMARK in origins.remarks[0].excerpt
    assert consultation_pair[1].url + f"remarks/{shaped.pk}/" in html
    assert "2 soutiens" in html or "2 supports" in html


def test_adopting_twice_is_refused(client, programme, axis, open_projects, programme_focal, commune_site):
    kept = open_projects[0]
    item = adoptable_item(commune_site, _key(kept))
    services.project_adopt(programme=programme, item=item, axis=axis, number=1, by=programme_focal)
    with pytest.raises(ValidationError) as refused:
        services.project_adopt(programme=programme, item=item, axis=axis, number=2, by=programme_focal)
    assert refused.value.code == "already_adopted"

    client.force_login(programme_focal)
    url = f"/admin/programme/{programme.pk}/adopt/"
    assert TITLE_AR not in client.get(url).content.decode()  # no longer offered
    response = client.post(url, {"item": _key(kept), "axis": axis.pk, "number": "3"})
    assert response.status_code == 200  # the form again, with what was typed
    body = response.content.decode()
    assert 'value="3"' in body
    assert Project.objects.filter(programme=programme).count() == 1


def test_a_taken_number_re_renders_the_form(client, programme, axis, open_projects, programme_focal):
    Project.objects.create(programme=programme, axis=axis, number=5, title_ar="مشروع قائم")
    client.force_login(programme_focal)
    response = client.post(f"/admin/programme/{programme.pk}/adopt/",
                           {"item": _key(open_projects[0]), "axis": axis.pk, "number": "5"})
    assert response.status_code == 200
    assert "help-critical" in response.content.decode()
    assert Project.objects.filter(programme=programme).count() == 1


def test_a_citizen_cannot_adopt(client, programme, axis, open_projects, citizen, commune_site):
    item = adoptable_item(commune_site, _key(open_projects[0]))
    with pytest.raises(ActionRefused):
        services.project_adopt(programme=programme, item=item, axis=axis, number=1, by=citizen)
    client.force_login(citizen)
    response = client.post(f"/admin/programme/{programme.pk}/adopt/",
                           {"item": _key(open_projects[0]), "axis": axis.pk, "number": "1"})
    assert response.status_code == 403
    assert not Project.objects.exists()
    assert not ContributionLink.objects.filter(relation=LinkRelation.BECAME).exists()


def test_suggestions_about_the_project_are_shown(programme, axis, open_projects, programme_focal, commune_site,
                                                 citizen):
    item = adoptable_item(commune_site, _key(open_projects[0]))
    project = services.project_adopt(programme=programme, item=item, axis=axis, number=1, by=programme_focal)
    suggestion = ContributionFactory(page=programme, title="حفرة في الطريق", text="الأشغال متوقفة منذ شهر",
                                     author=citizen)
    core_services.contribution_link(source=suggestion, target=project.contribution, relation=LinkRelation.CONCERNS)
    origins = project_origins(project=project, viewer=None)
    assert [s.title for s in origins.suggestions] == ["حفرة في الطريق"]
    assert origins.suggestion_count == 1


def test_the_data_migration_links_existing_remarks(shaped, open_projects):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("participation.consultations.migrations.0005_link_remarks_to_projects")
    ContributionLink.objects.all().delete()
    migration.link_remarks(apps, None)
    migration.link_remarks(apps, None)  # run twice: no duplicate
    assert list(ContributionLink.objects.values_list("source", "target", "relation")) == [
        (shaped.contribution_id, open_projects[0].contribution_id, "concerns")
    ]


def test_origins_take_a_fixed_number_of_queries(programme, axis, open_projects, consultation, programme_focal,
                                                commune_site, make_citizen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kept = open_projects[0]
    project = services.project_adopt(programme=programme, item=adoptable_item(commune_site, _key(kept)), axis=axis,
                                     number=1, by=programme_focal)

    def count(n_remarks: int) -> int:
        while len(kept.remarks.all()) < n_remarks:
            remark_create(consultation=consultation, author=make_citizen(), card=Card(problem="ملاحظة"), project=kept)
        project.refresh_from_db()
        with translation.override("fr"), CaptureQueriesContext(connection) as queries:
            origins = project_origins(project=project, viewer=None)
        assert origins.remark_count == n_remarks
        return len(queries)

    assert count(2) == count(15)
