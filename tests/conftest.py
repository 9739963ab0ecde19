"""Shared fixtures: a real commune site (through the same service the generator uses),
users, and a Django test client per language."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from site_template.communes.services import CommuneSpec, commune_create


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
