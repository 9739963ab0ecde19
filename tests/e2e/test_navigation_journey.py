"""The main menu on a phone (390 px wide), in Arabic (right to left) and French (left to right),
with and without JavaScript: every entry is on screen (none hidden in a sideways scroller), the
page does not scroll sideways, and the keyboard reaches every entry with a visible focus."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.e2e

WIDTH = 390


@pytest.fixture
def generated_commune(live_server, transactional_db, settings, tmp_path):
    """A whole generated commune (its full menu) served by the live server."""
    from site_template.communes.services import CommuneSpec, commune_generate
    from tests.conftest import restore_migration_data

    settings.MEDIA_ROOT = tmp_path / "media"
    restore_migration_data()
    url = urlparse(live_server.url)
    return commune_generate(
        spec=CommuneSpec(slug="larache", name_ar="جماعة العرائش", name_fr="Commune de Larache",
                         hostname=url.hostname, port=url.port, is_default_site=True),
    ).site


@pytest.fixture
def phone(browser, request):
    javascript = request.param

    def open_page(language: str):
        context = browser.new_context(
            locale="ar-MA" if language == "ar" else "fr-MA",
            viewport={"width": WIDTH, "height": 844},
            java_script_enabled=javascript,
            has_touch=True,
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        opened.append(context)
        return page

    opened: list = []
    yield open_page
    for context in opened:
        context.close()


def _assert_every_entry_on_screen(page) -> int:
    links = page.locator(".site-nav a")
    count = links.count()
    assert count >= 6, count  # the generator's menu and the log-in link
    for i in range(count):
        link = links.nth(i)
        assert link.is_visible()
        box = link.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH + 0.5, (link.inner_text(), box)
        # Nothing (a scroller's clipping, another element) covers the entry where one taps it.
        hit = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.closest('.site-nav a')?.textContent",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert hit == link.text_content(), (hit, link.text_content())
    return count


@pytest.mark.parametrize("phone", [True, False], ids=["with-js", "without-js"], indirect=True)
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_phone_menu_shows_every_entry_without_sideways_scroll(live_server, generated_commune, phone, language):
    page = phone(language)
    page.goto(f"{live_server.url}/{language}/")
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    _assert_every_entry_on_screen(page)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == WIDTH, widths  # no horizontal scroll
    menu = page.locator("nav.site-nav")
    assert menu.get_attribute("aria-label")  # a named landmark


@pytest.mark.parametrize("phone", [False], ids=["without-js"], indirect=True)
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_keyboard_reaches_every_menu_entry_with_a_visible_focus(live_server, generated_commune, phone, language):
    page = phone(language)
    page.goto(f"{live_server.url}/{language}/")
    entries = page.locator(".site-nav a")
    expected = [entries.nth(i).get_attribute("href") for i in range(entries.count())]
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const a = document.activeElement; if (!a.closest('.site-nav')) return null;"
            " const s = getComputedStyle(a); const r = a.getBoundingClientRect();"
            " return [a.getAttribute('href'), s.outlineStyle, parseFloat(s.outlineWidth), r.left, r.right]; }"
        )
        if focused is None:
            if reached:
                break
            continue
        href, outline_style, outline_width, left, right = focused
        assert outline_style != "none" and outline_width >= 2, focused  # focus visible
        assert left >= 0 and right <= WIDTH + 0.5, focused  # and on screen
        reached.append(href)
    assert reached == expected
