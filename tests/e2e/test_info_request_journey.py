"""The access-to-information journey in headless Chromium (issue 6 quality bar):

an anonymous citizen files a request and gets the receipt (page, email, PDF); the information
officer extends it, then answers with a PDF attachment and publishes it; the register shows the
answer without the identity; a second request goes overdue (time moves), shows in the officers'
reminder and in the figures as late, and its requester files a complaint from the status page."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Locale

from participation.working_days import clock
from tests.e2e.helpers import PASSWORD, log_in

pytestmark = pytest.mark.e2e



@pytest.fixture
def journey(live_commune, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # the officer logs in with a password here
    settings.RATELIMIT_ENABLED = False
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from participation.info_requests.provisioning import info_requests_setup
    from site_template.communes.models import CommuneRole
    from site_template.communes.roles import Role

    site = live_commune
    home_ar = site.root_page.specific
    home_fr = home_ar.get_translation(Locale.objects.get(language_code="fr"))
    info_page = info_requests_setup(site=site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    role = CommuneRole.objects.filter(site=site, role=Role.INFORMATION_OFFICER).select_related("group").first()
    group = role.group if role else Group.objects.create(name="larache — information officer")
    if role is None:
        CommuneRole.objects.create(site=site, role=Role.INFORMATION_OFFICER, group=group)
    group.permissions.add(*Permission.objects.filter(
        codename__in=["access_admin", "view_inforequest", "change_inforequest"]))
    officer = get_user_model().objects.create_user(email="officer@example.ma", password=PASSWORD,
                                                   display_name="المكلف بالمعلومات")
    EmailAddress.objects.create(user=officer, email=officer.email, verified=True, primary=True)
    officer.groups.add(group)
    clock.reset()
    yield {"info_page": info_page, "officer": officer}
    clock.reset()


def _file_request(page, url: str, *, name: str, cin: str, email: str, subject: str, text: str) -> str:
    page.goto(url)
    page.fill("input[name=full_name]", name)
    page.fill("textarea[name=postal_address]", "12 زنقة الأندلس، العرائش")
    page.fill("input[name=id_number]", cin)
    page.fill("input[name=email]", email)
    page.fill("input[name=subject]", subject)
    page.fill("textarea[name=information_requested]", text)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page.url


def test_info_request_journey(live_server, browser, journey, tmp_path):
    from participation.info_requests.models import InfoRequest

    base = live_server.url
    info_page = journey["info_page"]
    form_url = base + info_page.url

    # 1. An anonymous citizen files a request and gets the receipt.
    ctx = browser.new_context(locale="ar-MA", viewport={"width": 412, "height": 860})
    citizen = ctx.new_page()
    citizen.set_default_timeout(30_000)
    receipt_url = _file_request(citizen, form_url, name="فاطمة الزهراء العلمي", cin="LA123456",
                                email="fatima@example.ma", subject="ميزانية الجماعة 2025",
                                text="أطلب نسخة من الميزانية المصادق عليها لسنة 2025.")
    assert "/receipt/" in receipt_url
    first = InfoRequest.objects.get()
    assert citizen.locator("h1").inner_text() == "تم التوصل بطلبكم"
    assert first.tracking_number in citizen.locator("main").inner_text()
    status_url = citizen.locator("a.info-link").get_attribute("href")
    assert re.search(r"/r/[A-Za-z0-9_-]{20,}/$", status_url)
    assert any(status_url in m.body for m in mail.outbox if "fatima@example.ma" in m.to)
    pdf = citizen.request.get(base + citizen.locator("a.button").first.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"

    # 2. The officer extends it, then answers with a PDF attachment and publishes it.
    octx = browser.new_context(locale="ar-MA", viewport={"width": 1280, "height": 900})
    officer = octx.new_page()
    officer.set_default_timeout(30_000)
    log_in(officer, base, "officer@example.ma")
    officer.goto(f"{base}/admin/info_requests/")
    assert first.tracking_number in officer.content()
    officer.locator(f"a:has-text('{first.tracking_number}')").first.click()
    officer.wait_for_load_state()
    assert "LA123456" in officer.content()  # the officer sees the identity (and it is logged)
    officer.locator("details:has(button[value=extend]) > summary").click()
    officer.fill("textarea[name='extend-reason']", "الوثائق المطلوبة محفوظة في أرشيف المصلحة المالية.")
    officer.locator("button[value=extend]").click()
    officer.wait_for_load_state()
    first.refresh_from_db()
    assert first.status == "extended" and first.extended_at
    attachment = tmp_path / "budget-2025.pdf"
    attachment.write_bytes(b"%PDF-1.4\n% budget 2025\n")
    officer.fill("textarea[name='answer-message']", "تجدون رفقته الميزانية المصادق عليها لسنة 2025.")
    officer.set_input_files("input[name='answer-files']", str(attachment))
    officer.check("input[name='answer-publish']")
    officer.locator("button[value=answer]").click()
    officer.wait_for_load_state()
    first.refresh_from_db()
    assert first.status == "answered" and first.published_at and first.attachments.count() == 1

    # The requester reads the answer and downloads the attachment with the private link.
    citizen.goto(status_url)
    assert "تجدون رفقته الميزانية" in citizen.locator("main").inner_text()
    file_href = citizen.locator(".info-files a").first.get_attribute("href")
    assert citizen.request.get(base + file_href).body().startswith(b"%PDF")

    # 3. The public register shows the answer without the identity.
    anon = browser.new_context(locale="fr-FR").new_page()
    anon.goto(form_url + "register/")
    register_text = anon.locator("main").inner_text()
    assert "تجدون رفقته الميزانية" in register_text
    for marker in ("فاطمة", "LA123456", "fatima@example.ma"):
        assert marker not in anon.content()
    # The tracking number alone reveals nothing.
    response = anon.goto(form_url + f"r/{first.tracking_number}/")
    assert response.status == 404

    # 4. A second request goes overdue, shows in the reminder and the figures, and its requester complains.
    ctx2 = browser.new_context(locale="ar-MA", viewport={"width": 412, "height": 860})
    second_page = ctx2.new_page()
    second_page.set_default_timeout(30_000)
    _file_request(second_page, form_url, name="Karim Bennani", cin="LB998877", email="karim@example.ma",
                  subject="محضر دورة فبراير", text="أطلب محضر الدورة العادية لشهر فبراير.")
    second = InfoRequest.objects.exclude(pk=first.pk).get()
    second_status = second_page.locator("a.info-link").get_attribute("href")
    clock.travel(days=45)
    mail.outbox.clear()
    call_command("info_requests_remind")
    reminder = [m for m in mail.outbox if "officer@example.ma" in m.to]
    assert reminder and second.tracking_number in reminder[0].body
    assert first.tracking_number not in reminder[0].body

    anon.goto(form_url + "figures/")
    year_row = anon.locator("table.info-figures tbody tr").first
    cells = year_row.locator("td").all_inner_texts()
    # received, on time, answered late, unanswered past the deadline
    assert cells[:4] == ["2", "1", "0", "1"]

    second_page.goto(second_status)
    assert "انقضى الأجل" in second_page.locator("main").inner_text()
    second_page.fill("textarea[name=text]", "انقضى الأجل القانوني دون أي جواب.")
    second_page.locator("#complaint button[type=submit]").click()
    second_page.wait_for_load_state()
    assert "تم إرسال شكايتكم" in second_page.locator("main").inner_text()
    complaint = second.complaints.get()
    assert complaint.reason == "late" and complaint.state == "filed"
    assert "انقضى الأجل القانوني دون أي جواب." in second_page.locator("#complaint").inner_text()
    for context in (ctx, octx, ctx2):
        context.close()
