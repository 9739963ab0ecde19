"""Shared fixtures: a real commune site (through the same service the generator uses) and the
users every app's tests meet (made by ``tests.factories``)."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from site_template.communes.services import CommuneSpec, commune_create
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language (Arabic): a request served by the test
    client leaves its language active in the thread, which would leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def restore_migration_data() -> None:
    """A transactional test (browser journeys, thread tests) empties the database, including what
    Wagtail's data migrations made (the root page and the root collection), and on PostgreSQL the
    content types come back with new ids: put things back as a fresh install has them."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    ContentType.objects.clear_cache()
    locale, _ = Locale.objects.get_or_create(language_code="ar")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale, live=True))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def commune_site(db):
    """A commune on the default site (served to the test client's ``testserver`` host)."""
    restore_migration_data()
    return commune_create(
        spec=CommuneSpec(
            slug="larache",
            name_ar="جماعة العرائش",
            name_fr="Commune de Larache",
            hostname="testserver",
            population=125008,
            is_default_site=True,
        )
    )


@pytest.fixture
def home_ar(commune_site):
    return commune_site.root_page.specific


@pytest.fixture
def home_fr(home_ar):
    from wagtail.models import Locale

    return home_ar.get_translation(Locale.objects.get(language_code="fr")).specific


@pytest.fixture
def demo_commune(db):
    """The demo commune, as ``make demo`` builds it (``create_commune --demo``), on the default site."""
    with open("/dev/null", "w") as quiet:
        call_command(
            "create_commune", "--demo", "--slug", "larache", "--name-ar", "جماعة العرائش",
            "--name-fr", "Commune de Larache", "--hostname", "testserver", "--default-site",
            "--population", "125008", stdout=quiet,
        )


# --- Users (tests.factories.UserFactory; password tests.factories.PASSWORD) --------------------


@pytest.fixture
def make_citizen(db):
    """``UserFactory`` itself, for tests that need many citizens: ``make_citizen()``,
    ``make_citizen(verified=False)``, ``make_citizen(association_name=…)``."""
    return UserFactory


@pytest.fixture
def citizen(db):
    """Amina, a citizen whose email is verified."""
    return UserFactory(email="amina@example.ma", display_name="أمينة")


@pytest.fixture
def citizen2(db):
    """Karim, a second verified citizen."""
    return UserFactory(email="karim@example.ma", display_name="Karim")


@pytest.fixture
def superuser(db):
    return UserFactory(superuser=True, email="root@example.ma", display_name="Root")


@pytest.fixture
def focal_point(commune_site):
    """The participation focal point of ``commune_site`` (its commune role's group)."""
    return UserFactory(focal_point=True, email="focal@example.ma", display_name="Focal")


@pytest.fixture
def communicator(commune_site):
    return UserFactory(communicator=True, email="communicator@example.ma", display_name="Communicator")


@pytest.fixture
def officer(commune_site):
    """The information officer of ``commune_site``."""
    return UserFactory(information_officer=True, email="officer@example.ma", display_name="Officer")


@pytest.fixture
def administrator(commune_site):
    """The administrator role of ``commune_site`` (not a superuser)."""
    return UserFactory(administrator=True, email="admin@example.ma", display_name="Administrator")
