"""The communicator's translation journey in headless Chromium (issue 18, item 1): publish a
news item in Arabic, see that the language switch leads to the French section with a notice,
translate the item with Wagtail's "Translate" action, publish the French version, and the
language switch then links the two versions both ways."""

from __future__ import annotations

import pytest
from wagtail.models import Locale

from tests.e2e.helpers import PASSWORD, log_in, publish_in_admin

pytestmark = pytest.mark.e2e



@pytest.fixture
def newsroom(live_commune, settings):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from site_template.communes.roles import Role
    from site_template.communes.services import commune_roles_sync
    from site_template.news.models import NewsIndexPage
    from site_template.news.wagtail_hooks import setup_news

    settings.MFA_REQUIRED_FOR_STAFF = False  # the communicator logs in with a password here
    settings.RATELIMIT_ENABLED = False
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 0
    home_ar = live_commune.root_page.specific
    home_fr = home_ar.get_translation(Locale.objects.get(language_code="fr")).specific
    setup_news(site=live_commune, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    groups = commune_roles_sync(site=live_commune)
    user = get_user_model().objects.create_user(email="communicator@example.ma", password=PASSWORD,
                                                display_name="المكلف بالتواصل")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.groups.add(groups[Role.COMMUNICATOR])
    return {"index_ar": NewsIndexPage.objects.child_of(home_ar).get()}



def test_communicator_publishes_translates_and_the_switch_links_both(live_server, browser, newsroom):
    from site_template.news.models import NewsPage

    base = live_server.url
    context = browser.new_context(locale="ar-MA", viewport={"width": 1280, "height": 900})
    admin = context.new_page()
    admin.set_default_timeout(15_000)
    log_in(admin, base, "communicator@example.ma")

    # 1. The communicator publishes a news item in Arabic.
    admin.goto(f"{base}/admin/pages/add/news/newspage/{newsroom['index_ar'].pk}/")
    admin.eval_on_selector("#id_slug", "el => { el.value = 'library-opening'; }")
    admin.fill("#id_title", "افتتاح المكتبة الجماعية")
    admin.fill("#id_intro", "تفتتح الجماعة مكتبة جديدة بحي الأندلس.")
    publish_in_admin(admin)
    news_ar = NewsPage.objects.get(slug="library-opening", locale__language_code="ar")
    assert news_ar.live

    # No French version yet: the switch leads to the French news section, which says so.
    reader = context.new_page()
    reader.goto(f"{base}{news_ar.url}")
    reader.locator(".language-switch a[hreflang='fr']").click()
    reader.wait_for_load_state()
    assert reader.url == f"{base}/fr/news/?untranslated=1"
    assert reader.locator("html").get_attribute("lang") == "fr"
    assert "pas encore disponible dans cette langue" in reader.locator("main .messages").inner_text()

    # 2. The Translate action is in the item's "Actions" menu in the admin; it makes the French draft.
    admin.goto(f"{base}/admin/pages/{news_ar.pk}/edit/")
    admin.locator("#w-slim-header-buttons .w-dropdown__toggle").click()
    translate = admin.locator(f"a[href*='/admin/translation/submit/page/{news_ar.pk}/']")
    translate.wait_for(state="visible")
    with admin.expect_navigation():
        translate.click()
    fr = Locale.objects.get(language_code="fr")
    admin.check(f"input[name='locales'][value='{fr.pk}']")
    with admin.expect_navigation():
        admin.locator("form[data-controller=w-bulk] input[type=submit]").click()
    news_fr = news_ar.get_translation(fr)
    assert admin.url.endswith(f"/admin/pages/{news_fr.pk}/edit/")
    assert not news_fr.live

    # 3. The French version is written and published.
    admin.fill("#id_title", "Ouverture de la bibliothèque communale")
    admin.fill("#id_intro", "La commune ouvre une nouvelle bibliothèque au quartier Al Andalous.")
    publish_in_admin(admin)
    news_fr = NewsPage.objects.get(pk=news_fr.pk)
    assert news_fr.live and news_fr.title == "Ouverture de la bibliothèque communale"

    # 4. The language switch links the two versions, both ways.
    reader.goto(f"{base}{news_ar.url}")
    reader.locator(".language-switch a[hreflang='fr']").click()
    reader.wait_for_load_state()
    assert reader.url == f"{base}{news_fr.url}"
    assert reader.locator("main h1").inner_text().strip() == "Ouverture de la bibliothèque communale"
    assert reader.locator("main .messages").count() == 0
    reader.locator(".language-switch a[hreflang='ar']").click()
    reader.wait_for_load_state()
    assert reader.url == f"{base}{news_ar.url}"
    assert reader.locator("html").get_attribute("dir") == "rtl"
    assert reader.locator("main h1").inner_text().strip() == "افتتاح المكتبة الجماعية"
    context.close()
