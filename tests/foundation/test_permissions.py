"""Staff roles per commune: role × (admin access, pages of own commune, pages of the other commune,
site settings, media collection, neighbourhoods), on two communes sharing one database."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.permissions import policy_registry

from site_template.communes.models import CommuneRole, CommuneSettings, Neighbourhood
from site_template.communes.roles import Role
from site_template.communes.selectors import user_has_role
from site_template.communes.services import (
    CommuneSpec,
    commune_generate,
    commune_roles_sync,
    participate_page,
)

pytestmark = pytest.mark.django_db

ROLES = [r.value for r in Role]


@pytest.fixture(autouse=True)
def _foundation_hooks_only(monkeypatch):
    hooks.search_for_hooks()
    monkeypatch.setitem(hooks._hooks, "commune_setup", [])


@pytest.fixture
def communes():
    a = commune_generate(spec=CommuneSpec(slug="larache", name_ar="جماعة العرائش", name_fr="Commune de Larache",
                                          hostname="larache.test")).site
    b = commune_generate(spec=CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير",
                                          name_fr="Commune de Ksar El Kébir", hostname="ksar.test")).site
    return a, b


@pytest.fixture
def staff(communes):
    """One user per role of commune A, plus a citizen with no role."""
    site_a, _ = communes
    user_model = get_user_model()
    users = {}
    for role in ROLES + ["citizen"]:
        user = user_model.objects.create_user(email=f"{role}@example.org", password="a-long-password-1")
        if role != "citizen":
            user.groups.add(CommuneRole.objects.get(site=site_a, role=role).group)
        users[role] = user
    return users


# role → (admin, edit own home, add under own participate, change own settings, add own images)
MATRIX = {
    "communicator": (True, True, True, False, True),
    "focal_point": (True, False, True, False, True),
    "information_officer": (True, False, False, False, False),
    "administrator": (True, True, True, True, True),
    "citizen": (False, False, False, False, False),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_permission_matrix(role, communes, staff):
    site_a, site_b = communes
    user = get_user_model().objects.get(pk=staff[role].pk)  # fresh permission caches
    admin, edit_home, add_participation, settings_change, add_images = MATRIX[role]

    assert user.has_perm("wagtailadmin.access_admin") is admin
    home_a, home_b = site_a.root_page.specific, site_b.root_page.specific
    home_a_fr = home_a.get_translations().get()
    assert home_a.permissions_for_user(user).can_edit() is edit_home
    assert home_a_fr.permissions_for_user(user).can_edit() is edit_home  # both languages
    assert home_a.permissions_for_user(user).can_publish() is edit_home
    assert participate_page(home=home_a).permissions_for_user(user).can_add_subpage() is add_participation
    # Never the other commune's pages.
    for page in (home_b, participate_page(home=home_b), *home_b.get_descendants()):
        perms = page.specific.permissions_for_user(user)
        assert not perms.can_edit() and not perms.can_add_subpage() and not perms.can_publish()

    settings_policy = policy_registry.get_by_type(CommuneSettings)
    assert settings_policy.user_has_permission_for_instance(user, "change", site_a) is settings_change
    assert settings_policy.user_has_permission_for_instance(user, "change", site_b) is False

    image_policy = policy_registry.get_by_type(get_image_model())
    collections = image_policy.collections_user_has_permission_for(user, "add")
    assert collections.filter(pk=CommuneSettings.for_site(site_a).collection_id).exists() is add_images
    assert not collections.filter(pk=CommuneSettings.for_site(site_b).collection_id).exists()

    if role != "citizen":
        assert user_has_role(user=user, site=site_a, role=role)
        assert not user_has_role(user=user, site=site_b, role=role)


@pytest.mark.parametrize("role", list(MATRIX))
def test_permission_matrix_in_the_admin(role, client, communes, staff):
    site_a, site_b = communes
    admin, edit_home, _add, settings_change, _images = MATRIX[role]
    client.force_login(staff[role])
    dashboard = client.get("/admin/", HTTP_HOST="larache.test")
    assert (dashboard.status_code == 200) is admin

    own = client.get(f"/admin/pages/{site_a.root_page_id}/edit/", HTTP_HOST="larache.test")
    other = client.get(f"/admin/pages/{site_b.root_page_id}/edit/", HTTP_HOST="larache.test")
    assert (own.status_code == 200) is edit_home
    assert other.status_code == 403

    own_settings = client.get(f"/admin/settings/communes/communesettings/{site_a.pk}/", HTTP_HOST="larache.test")
    other_settings = client.get(f"/admin/settings/communes/communesettings/{site_b.pk}/", HTTP_HOST="larache.test")
    assert (own_settings.status_code == 200) is settings_change
    assert other_settings.status_code == 403


def test_neighbourhoods_are_scoped_to_the_focal_points_commune(client, communes, staff):
    site_a, site_b = communes
    mine = Neighbourhood.objects.create(site=site_a, name_ar="المدينة القديمة", name_fr="Médina")
    theirs = Neighbourhood.objects.create(site=site_b, name_ar="حي السلام", name_fr="Essalam")
    client.force_login(staff["focal_point"])
    listing = client.get("/admin/snippets/communes/neighbourhood/", HTTP_HOST="larache.test")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "المدينة القديمة" in html and "حي السلام" not in html
    assert client.get(f"/admin/snippets/communes/neighbourhood/edit/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/communes/neighbourhood/edit/{theirs.pk}/").status_code == 403
    add_form = client.get("/admin/snippets/communes/neighbourhood/add/").content.decode()
    assert f'value="{site_a.pk}"' in add_form and f'value="{site_b.pk}"' not in add_form


def test_role_permissions_hook_is_granted_to_the_role_and_the_administrator(communes):
    site_a, _ = communes

    def declare():
        return {Role.INFORMATION_OFFICER: ["wagtailforms.view_formsubmission"]}

    with hooks.register_temporarily("role_permissions", declare):
        groups = commune_roles_sync(site=site_a)
    for role in (Role.INFORMATION_OFFICER, Role.ADMINISTRATOR):
        assert groups[role].permissions.filter(codename="view_formsubmission").exists()
    assert not groups[Role.COMMUNICATOR].permissions.filter(codename="view_formsubmission").exists()


def test_roles_sync_is_idempotent(communes):
    site_a, _ = communes
    before = {role: group.permissions.count() for role, group in commune_roles_sync(site=site_a).items()}
    after = {role: group.permissions.count() for role, group in commune_roles_sync(site=site_a).items()}
    assert before == after
    assert CommuneRole.objects.filter(site=site_a).count() == len(Role)
    assert Site.objects.count() >= 2
