"""Fixtures for information requests: the page in both languages and a helper to file a request
through the service (the citizen and the staff of each commune role: tests/conftest.py)."""

import pytest

from participation.info_requests import services
from participation.info_requests.models import AccessForm, IdDocument
from participation.info_requests.provisioning import info_requests_setup
from participation.working_days import clock


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
