"""Browser journeys: Playwright drives Debian's chromium (/usr/bin/chromium) against the
live test server. Under CI (CI=true) a missing browser is a failure, never a skip."""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Debian's chromium is missing under CI: `make browser` must install it.")
        pytest.skip("!!! chromium is not installed: browser journeys SKIPPED (run `make browser`).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ar-MA", viewport={"width": 412, "height": 860})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def live_commune(live_server, transactional_db):
    """A commune served by the live server on its own host and port."""
    from urllib.parse import urlparse

    from site_template.communes.services import CommuneSpec, commune_create
    from tests.conftest import restore_migration_data

    restore_migration_data()
    url = urlparse(live_server.url)
    return commune_create(
        spec=CommuneSpec(
            slug="larache",
            name_ar="جماعة العرائش",
            name_fr="Commune de Larache",
            hostname=url.hostname,
            port=url.port,
            population=125008,
            is_default_site=True,
        )
    )
