"""The commune generator hook: consultation pages in both languages, demo content (seed 003:
projects 68, 69, 70, 85, 86; a closed 2023 week with its synthesis and an open one), idempotent."""

import pytest

from participation.consultations.models import ConsultationPage, OpenProject, Remark
from participation.consultations.provisioning import consultations_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users(make_citizen, focal):
    return {
        "focal_point": focal,
        "citizen": make_citizen(display_name="Amina"),
        "citizen2": make_citizen(display_name="Youssef"),
        "association": make_citizen(association_name="جمعية الأمل", association_verified=True),
    }


def test_setup_without_demo_creates_the_page_pair(commune_site, home_ar, home_fr):
    consultations_setup(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    consultations_setup(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    assert ConsultationPage.objects.filter(locale__language_code="ar").count() == 1
    assert ConsultationPage.objects.filter(locale__language_code="fr").count() == 1


def test_demo_has_a_closed_week_with_synthesis_and_an_open_one(client, commune_site, home_ar, home_fr, demo_users):
    for _ in range(2):
        consultations_setup(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=True, demo_users=demo_users)
    pages = ConsultationPage.objects.filter(locale__language_code="ar")
    assert pages.count() == 2
    past = pages.get(slug="consultation-2023")
    current = pages.get(slug="consultation")
    assert past.phase == "closed" and current.phase == "open"
    for page in (past, current):
        assert sorted(OpenProject.objects.filter(consultation=page).values_list("number", flat=True)) == [68, 69, 70, 85, 86]
    assert Remark.objects.filter(consultation=past).exclude(decision="").count() == 2
    assert Remark.objects.filter(consultation=current).count() == 3
    body = client.get(past.url).content.decode()
    assert "خلاصة التشاور" in body
    body = client.get(current.url + "projects/68/").content.decode()
    assert "مواعيد دورات المجلس" in body
    # the home page lists the open consultation
    assert current.title in client.get(home_ar.url).content.decode()


def test_my_data_export_and_anonymise_hooks(consultation, projects, citizen):
    from wagtail import hooks

    from participation.consultations.services import Card, remark_create
    from participation.notifications.models import Follow
    from participation.notifications.services import follow_page_ensure

    remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="مشكل"))
    follow_page_ensure(user=citizen, page=consultation)  # "notify me when it opens"
    data = {}
    for fn in hooks.get_hooks("user_data_export"):
        data.update(fn(citizen))
    assert data["consultations"]["remarks"][0]["problem"] == "مشكل"
    assert data["consultations"]["remarks"][0]["project"] == 68
    assert {"page": consultation.title} in [
        {key: value for key, value in follow.items() if key == "page"} for follow in data["notifications"]["follows"]
    ]
    for fn in hooks.get_hooks("user_anonymise"):
        fn(citizen)
    assert not Follow.objects.filter(user=citizen).exists()
