"""Staff translate their commune's pages with Wagtail's "Translate" action (issue 18, item 1):
the roles carry ``simple_translation.submit_translation`` (new communes through the role sync,
existing ones through a data migration), the action shows on the page, and the translation is
created as a draft in the other language's tree of the same commune, never in another one."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Permission
from wagtail.models import Locale, Page

from site_template.communes.models import CommuneRole
from site_template.communes.roles import Role
from site_template.communes.services import CommuneSpec, commune_create, commune_roles_sync
from site_template.news.models import NewsIndexPage, NewsPage

from .conftest import run_publishing_setup

pytestmark = pytest.mark.django_db

TRANSLATE = "simple_translation.submit_translation"
# role → may translate
MATRIX = {
    Role.COMMUNICATOR: True,
    Role.FOCAL_POINT: True,
    Role.INFORMATION_OFFICER: False,
    Role.ADMINISTRATOR: True,
}


@pytest.fixture
def groups(publishing):
    return commune_roles_sync(site=publishing)


@pytest.fixture
def staff(groups, django_user_model):
    users = {}
    for role in Role:
        user = django_user_model.objects.create_user(email=f"{role.value}@larache.ma", password="x-very-secret-1")
        user.groups.add(groups[role.value])
        users[role] = user
    users["citizen"] = django_user_model.objects.create_user(email="citizen@larache.ma", password="x-very-secret-1")
    return users


@pytest.fixture
def news_ar(home_ar):
    index = NewsIndexPage.objects.child_of(home_ar).get()
    page = index.add_child(instance=NewsPage(title="افتتاح المكتبة", slug="library-opening",
                                             intro="تفتتح الجماعة مكتبة جديدة.", locale=home_ar.locale))
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("role", [*MATRIX, "citizen"])
def test_which_roles_may_translate(role, staff, django_user_model):
    user = django_user_model.objects.get(pk=staff[role].pk)  # fresh permission cache
    assert user.has_perm(TRANSLATE) is MATRIX.get(role, False)


@pytest.mark.parametrize("role", [Role.COMMUNICATOR, Role.ADMINISTRATOR])
def test_communicator_and_administrator_translate_a_news_item(role, client, staff, news_ar, home_fr):
    client.force_login(staff[role])
    url = f"/admin/translation/submit/page/{news_ar.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    fr = Locale.objects.get(language_code="fr")
    assert f'value="{fr.pk}"' in form.content.decode()

    response = client.post(url, {"locales": [fr.pk]})
    assert response.status_code == 302
    news_fr = news_ar.get_translation(fr)
    assert response["Location"] == f"/admin/pages/{news_fr.pk}/edit/"
    assert news_fr.get_parent().specific == NewsIndexPage.objects.child_of(home_fr).get()
    assert not news_fr.live  # a draft, to be written in French and published
    assert client.get(response["Location"]).status_code == 200


def test_the_translate_action_shows_on_the_page(client, staff, news_ar):
    client.force_login(staff[Role.COMMUNICATOR])
    html = client.get(f"/admin/pages/{news_ar.pk}/edit/").content.decode()
    assert f"/admin/translation/submit/page/{news_ar.pk}/" in html
    listing = client.get(f"/admin/pages/{news_ar.get_parent().pk}/").content.decode()
    assert f"/admin/translation/submit/page/{news_ar.pk}/" in listing


def test_information_officer_is_refused_and_nothing_is_created(client, staff, news_ar):
    client.force_login(staff[Role.INFORMATION_OFFICER])
    fr = Locale.objects.get(language_code="fr")
    before = Page.objects.count()
    response = client.post(f"/admin/translation/submit/page/{news_ar.pk}/", {"locales": [fr.pk]})
    assert response.status_code == 302  # Wagtail's "no permission" redirect to the dashboard
    assert response["Location"] == "/admin/"
    assert Page.objects.count() == before
    assert not news_ar.has_translation(fr)


def test_no_one_translates_another_communes_page(client, staff, publishing):
    other = commune_create(spec=CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير",
                                            name_fr="Commune de Ksar El Kébir", hostname="ksar.test"))
    other_home_ar = other.root_page.specific
    other_home_fr = other_home_ar.get_translation(Locale.objects.get(language_code="fr")).specific
    run_publishing_setup(other, other_home_ar, other_home_fr, demo=False)
    index = NewsIndexPage.objects.child_of(other_home_ar).get()
    theirs = index.add_child(instance=NewsPage(title="خبر", slug="theirs", intro="مقدمة", locale=other_home_ar.locale))
    theirs.save_revision().publish()
    client.force_login(staff[Role.COMMUNICATOR])
    fr = Locale.objects.get(language_code="fr")
    before = Page.objects.count()
    # Another commune's page answers 403 in the admin (site_template.communes.admin_scoping).
    assert client.get(f"/admin/translation/submit/page/{theirs.pk}/").status_code == 403
    response = client.post(f"/admin/translation/submit/page/{theirs.pk}/", {"locales": [fr.pk]})
    assert response.status_code == 403
    assert Page.objects.count() == before


def test_existing_communes_get_the_permission_from_the_data_migration(groups):
    """Groups made before the permission was part of the roles get it from the migration."""
    permission = Permission.objects.get(content_type__app_label="simple_translation", codename="submit_translation")
    for group in groups.values():
        group.permissions.remove(permission)
    migration = importlib.import_module("site_template.communes.migrations.0004_roles_translate_pages")
    migration.grant_translation_permission(global_apps, schema_editor=None)
    migration.grant_translation_permission(global_apps, schema_editor=None)  # idempotent
    for role, may in MATRIX.items():
        group = CommuneRole.objects.get(group=groups[role.value]).group
        assert group.permissions.filter(pk=permission.pk).exists() is may, role
