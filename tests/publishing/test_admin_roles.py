"""The communicator of a commune, through the groups the generator gives it."""

import pytest
from wagtail.models import Page, Site

from site_template.communes.roles import Role
from site_template.communes.services import commune_roles_sync
from site_template.council.models import CouncilSessionIndexPage
from site_template.library.models import DocumentCategory

from .factories import days_ago, make_session


@pytest.fixture
def communicator(publishing, django_user_model):
    groups = commune_roles_sync(site=publishing)
    user = django_user_model.objects.create_user(email="com@larache.ma", password="x-very-secret-1")
    user.groups.add(groups[Role.COMMUNICATOR])
    return user


@pytest.mark.django_db
def test_communicator_sees_overdue_sessions_of_their_commune(client, communicator, home_ar):
    index = CouncilSessionIndexPage.objects.descendant_of(home_ar).get()
    make_session(index, slug="late", starts_at=days_ago(20))
    client.force_login(communicator)
    html = client.get("/admin/").content.decode()
    assert "council-overdue-heading" in html and "دورة late" in html
    listing = client.get("/admin/council_sessions/?overdue=true")
    assert listing.status_code == 200 and "دورة late" in listing.content.decode()


@pytest.mark.django_db
def test_communicator_manages_only_their_commune_categories(client, communicator, publishing):
    from site_template.pages.models import HomePage

    mine = DocumentCategory.objects.create(site=publishing, slug="budget", name_ar="الميزانية", name_fr="Budget")
    root = Page.get_first_root_node()
    other_home = root.add_child(instance=HomePage(title="أخرى", slug="other", locale=publishing.root_page.locale))
    other = Site.objects.create(hostname="other.example", root_page=other_home)
    DocumentCategory.objects.create(site=other, slug="secret", name_ar="سري", name_fr="Secret")
    client.force_login(communicator)
    response = client.get("/admin/snippets/library/documentcategory/")
    assert response.status_code == 200
    html = response.content.decode()
    assert mine.name_ar in html and "سري" not in html


@pytest.mark.django_db
def test_communicator_cannot_edit_another_commune_category(client, communicator, publishing):
    from site_template.pages.models import HomePage

    root = Page.get_first_root_node()
    other_home = root.add_child(instance=HomePage(title="أخرى", slug="other", locale=publishing.root_page.locale))
    other = Site.objects.create(hostname="other.example", root_page=other_home)
    theirs = DocumentCategory.objects.create(site=other, slug="secret", name_ar="سري", name_fr="Secret")
    mine = DocumentCategory.objects.create(site=publishing, slug="budget", name_ar="الميزانية", name_fr="Budget")
    client.force_login(communicator)
    assert client.get(f"/admin/snippets/library/documentcategory/edit/{mine.pk}/").status_code == 200
    edit_theirs = f"/admin/snippets/library/documentcategory/edit/{theirs.pk}/"
    response = client.get(edit_theirs)
    assert response.status_code == 403 and "سري" not in response.content.decode()
    response = client.post(edit_theirs, {"site": publishing.pk, "slug": "taken", "name_ar": "مأخوذ", "name_fr": "Pris"})
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert (theirs.site_id, theirs.slug, theirs.name_ar) == (other.pk, "secret", "سري")
    form = client.get("/admin/snippets/library/documentcategory/add/").content.decode()
    assert "other.example" not in form
