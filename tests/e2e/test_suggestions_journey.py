"""The suggestions journey in headless Chromium (issue 3 quality bar):

a citizen signs up and verifies, posts a suggestion in Arabic with a photo; a second citizen
comments and supports it; a third reports the comment; the focal point hides the comment and
answers the suggestion officially in the admin; the first citizen gets the notification; the
French page shows the same suggestion, counts and answer."""

import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import translation
from PIL import Image
from playwright.sync_api import expect
from wagtail.models import Locale

from tests.e2e.helpers import PASSWORD, logged_in_phone

pytestmark = pytest.mark.e2e


def ar(msgid: str) -> str:
    """The Arabic label the page shows (labels are shared catalogue entries: never hard-coded)."""
    with translation.override("ar"):
        return translation.gettext(msgid)



@pytest.fixture
def journey_setup(live_commune, settings, tmp_path):
    settings.MFA_REQUIRED_FOR_STAFF = False  # the focal point logs in with a password here
    settings.ACCOUNTS_SIGNUP_MIN_SECONDS = 0
    settings.RATELIMIT_ENABLED = False
    from participation.core.models import Category
    from participation.suggestions.models import SuggestionsPage
    from participation.suggestions.wagtail_hooks import setup_suggestions
    from tests.factories import UserFactory

    site = live_commune
    home_ar = site.root_page.specific
    home_fr = home_ar.get_translation(Locale.objects.get(language_code="fr"))
    setup_suggestions(site=site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    page_ar = SuggestionsPage.objects.get(locale__language_code="ar")
    page_fr = page_ar.get_translation(Locale.objects.get(language_code="fr"))
    focal = UserFactory(focal_point=True, site=site, display_name="نقطة الاتصال", email="focal@example.ma")
    focal.groups.get().permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "moderate_contribution", "answer_contribution"])
    )
    photo = tmp_path / "rasif.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (120, 80, 40)).save(buffer, format="JPEG")
    photo.write_bytes(buffer.getvalue())
    return {
        "page_ar": page_ar,
        "page_fr": page_fr,
        "path_ar": page_ar.get_url(current_site=site),
        "path_fr": page_fr.get_url(current_site=site),
        "category": Category.objects.filter(site=site).first(),
        "citizen2": UserFactory(display_name="كريم", email="karim@example.ma"),
        "citizen3": UserFactory(display_name="سلمى", email="salma@example.ma"),
        "focal": focal,
        "photo": str(photo),
    }



def test_suggestion_journey(live_server, browser, page, journey_setup):
    from django.contrib.auth import get_user_model

    from participation.core.models import Comment, Contribution

    data = journey_setup
    base = live_server.url
    path_ar, path_fr = data["path_ar"], data["path_fr"]
    assert path_ar.startswith("/ar/") and path_fr.startswith("/fr/")
    # 1. A citizen signs up and verifies the email address.
    page.goto(f"{base}/ar/accounts/signup/")
    page.fill("input[name=email]", "amina@example.ma")
    page.fill("input[name=display_name]", "أمينة")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.check("input[name=accept_terms]")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    confirm = next(m for m in reversed(mail.outbox) if "amina@example.ma" in m.to)
    link = re.search(r"https?://\S+/confirm-email/\S+/", confirm.body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    amina = get_user_model().objects.get(email="amina@example.ma")

    # 2. She posts a suggestion in Arabic with a photo.
    page.goto(f"{base}{path_ar}")
    page.get_by_role("link", name=ar("Post a suggestion")).first.click()
    page.fill("input[name=title]", "إصلاح الرصيف أمام المدرسة")
    page.fill("textarea[name=text]", "الرصيف مكسور أمام مدرسة الحي ويشكل خطرا على التلاميذ، المرجو إصلاحه.")
    page.select_option("select[name=category]", str(data["category"].pk))
    page.fill("input[name=place_description]", "شارع محمد الخامس")
    page.set_input_files("input[name=photo]", data["photo"])
    page.fill("input[name=photo_alt]", "رصيف مكسور")
    page.get_by_role("button", name=ar("Publish my suggestion")).click()
    page.wait_for_load_state()
    suggestion = Contribution.objects.get(author=amina)
    assert page.url.endswith(f"{path_ar}{suggestion.pk}/")
    assert page.locator("h1").inner_text().strip() == "إصلاح الرصيف أمام المدرسة"
    assert page.locator("img[alt='رصيف مكسور']").count() == 1
    detail_path = f"{path_ar}{suggestion.pk}/"

    # 3. A second citizen comments and supports it.
    ctx2, p2 = logged_in_phone(browser, base, "karim@example.ma")
    p2.goto(f"{base}{detail_path}")
    p2.fill("#comment-text", "كلام غير لائق في هذا التعليق")
    p2.get_by_role("button", name=ar("Publish the comment")).click()
    p2.wait_for_load_state()
    p2.get_by_role("button", name=ar("I support")).click()  # toggled in place by the enhancer
    expect(p2.locator("[data-support-count]")).to_have_text("1")
    expect(p2.locator(".support__form button[aria-pressed=true]")).to_be_visible()
    comment = Comment.objects.get(contribution=suggestion)
    ctx2.close()

    # 4. A third citizen reports the comment.
    ctx3, p3 = logged_in_phone(browser, base, "salma@example.ma")
    p3.goto(f"{base}{detail_path}")
    p3.locator(f"#comment-{comment.pk} a.report").click()  # the comment's report page (no JS needed)
    p3.wait_for_load_state()
    p3.locator("input[value=abuse]").check()
    p3.locator("textarea[name=details]").fill("تعليق مسيء")
    p3.get_by_role("button", name=ar("Send the report")).click()
    p3.wait_for_load_state()
    assert p3.url.endswith(f"{detail_path}#comment-{comment.pk}")  # back to the comment
    ctx3.close()

    # 5. The focal point hides the comment and answers the suggestion in the admin.
    ctx4, p4 = logged_in_phone(browser, base, "focal@example.ma")
    p4.goto(f"{base}/admin/participation/")
    assert "تعليق مسيء" in p4.content()
    p4.fill(f"#hide-comment-{comment.pk}", "تعليق مخالف لقواعد المشاركة")
    p4.locator(f"form[action$='/comment/{comment.pk}/hide/'] button[type=submit]").click()
    p4.wait_for_load_state()
    p4.goto(f"{base}/admin/participation/contributions/{suggestion.pk}/")
    p4.select_option("select[name=status]", "accepted")
    p4.fill("textarea[name=answer]", "شكرا على اقتراحكم، سيتم إصلاح الرصيف خلال هذا الشهر.")
    p4.locator("main form button[type=submit]").last.click()
    p4.wait_for_load_state()
    ctx4.close()
    comment.refresh_from_db()
    suggestion.refresh_from_db()
    assert comment.is_hidden and suggestion.status == "accepted"

    # 6. The first citizen gets the notification.
    page.goto(f"{base}/ar/participation/notifications/")
    assert "إصلاح الرصيف أمام المدرسة" in page.content()

    # 7. The French page shows the same suggestion, counts and answer.
    page.goto(f"{base}{path_fr}{suggestion.pk}/")
    html = page.content()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "إصلاح الرصيف أمام المدرسة" in html
    assert "سيتم إصلاح الرصيف" in html
    assert page.locator("[data-support-count]").inner_text().strip() == "1"
    assert "كلام غير لائق" not in html
    with translation.override("fr"):
        assert translation.gettext("Accepted") in html
