"""Fixtures for information requests: the page in both languages, staff with commune roles,
and a helper to file a request through the service."""

import pytest
from django.contrib.auth.models import Group, Permission

from participation.info_requests import services
from participation.info_requests.models import AccessForm, IdDocument
from participation.info_requests.provisioning import info_requests_setup
from participation.working_days import clock
from site_template.communes.models import CommuneRole
from site_template.communes.roles import Role


@pytest.fixture(autouse=True)
def _reset_clock():
    clock.reset()
    yield
    clock.reset()


@pytest.fixture
def info_page(commune_site, home_ar, home_fr):
    return info_requests_setup(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})


@pytest.fixture
def info_page_fr(info_page):
    from wagtail.models import Locale

    return info_page.get_translation(Locale.objects.get(language_code="fr")).specific


def _role_user(django_user_model, site, role, email):
    commune_role = CommuneRole.objects.filter(site=site, role=role).select_related("group").first()
    if commune_role is None:
        group = Group.objects.create(name=f"{site.pk}-{role}")
        commune_role = CommuneRole.objects.create(site=site, role=role, group=group)
    commune_role.group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("view_inforequest", "change_inforequest"):
        if role in (Role.INFORMATION_OFFICER, Role.ADMINISTRATOR):
            commune_role.group.permissions.add(Permission.objects.get(codename=codename))
    user = django_user_model.objects.create_user(email=email, password="pw-" + "x" * 12, first_name=role)
    user.groups.add(commune_role.group)
    return user


@pytest.fixture
def officer(django_user_model, commune_site):
    return _role_user(django_user_model, commune_site, Role.INFORMATION_OFFICER, "officer@example.ma")


@pytest.fixture
def administrator(django_user_model, commune_site):
    return _role_user(django_user_model, commune_site, Role.ADMINISTRATOR, "admin@example.ma")


@pytest.fixture
def communicator(django_user_model, commune_site):
    return _role_user(django_user_model, commune_site, Role.COMMUNICATOR, "comm@example.ma")


@pytest.fixture
def focal_point(django_user_model, commune_site):
    return _role_user(django_user_model, commune_site, Role.FOCAL_POINT, "focal@example.ma")


@pytest.fixture
def citizen(django_user_model):
    return django_user_model.objects.create_user(email="citizen@example.ma", password="pw-" + "x" * 12)


IDENTITY = dict(full_name="فاطمة الزهراء العلمي", postal_address="12 زنقة الأندلس، العرائش",
                id_document=IdDocument.CIN, id_number="LA123456", email="fatima@example.ma", phone="0612345678")


@pytest.fixture
def file_request(info_page):
    def _file(**overrides):
        identity = services.Identity(**{**IDENTITY, **overrides.pop("identity", {})})
        kwargs = dict(page=info_page, identity=identity, subject="ميزانية 2025",
                      information_requested="نسخة من الميزانية", access_form=AccessForm.EMAIL)
        kwargs.update(overrides)
        return services.info_request_create(**kwargs)

    return _file


@pytest.fixture
def other_site(commune_site):
    """A second commune (Tétouan, on ``tetouan.test``) with its own information request page."""
    from site_template.communes.services import CommuneSpec, commune_create

    return commune_create(spec=CommuneSpec(slug="tetouan", name_ar="جماعة تطوان", name_fr="Commune de Tétouan",
                                           hostname="tetouan.test"))


@pytest.fixture
def other_info_page(other_site):
    from wagtail.models import Locale

    home_ar = other_site.root_page.specific
    home_fr = home_ar.get_translation(Locale.objects.get(language_code="fr")).specific
    return info_requests_setup(site=other_site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
