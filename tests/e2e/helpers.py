"""Steps the browser journeys share: logging in through the site's log-in page and publishing a
page in Wagtail's editor."""

from __future__ import annotations

PASSWORD = "Une-phrase-de-passe-2026"  # noqa: S105 — the journeys' test accounts


def log_in(page, base: str, email: str, password: str = PASSWORD) -> None:
    """Logs ``page`` in through the site's log-in form (Arabic) and waits for the next page."""
    page.goto(f"{base}/ar/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state()


def logged_in_phone(browser, base: str, email: str, *, locale: str = "ar-MA", accept_downloads: bool = False):
    """A new phone-sized browser context logged in as ``email``: ``(context, page)``."""
    context = browser.new_context(locale=locale, viewport={"width": 412, "height": 860},
                                  accept_downloads=accept_downloads)
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, base, email)
    return context, page


def publish_in_admin(page) -> None:
    """Clicks Wagtail's "Publish" (inside the footer's dropdown), waits for the next page and
    fails with the editor's error messages if the page stayed in the editor."""
    with page.expect_navigation():
        page.locator("button[name='action-publish']").dispatch_event("click")
    page.wait_for_load_state()
    errors = page.locator(".error-message, .help-critical, .messages .error").all_inner_texts()
    assert "/edit/" not in page.url and "/add/" not in page.url, (page.url, errors)
