"""The digital-consultation journey in headless Chromium (issue 4 quality bar):

the focal point creates a consultation in the Wagtail admin and imports five open projects from a
spreadsheet; a citizen asks to be told when it opens and is emailed when it does; two citizens fill
remarks cards (one in Arabic, one in French), support projects, comment and propose a new project;
the window closes (time moves) and the forms are gone; the focal point writes the synthesis,
publishes it and exports the remarks and the PDF report; citizens read the synthesis in Arabic and
in French."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from openpyxl import Workbook
from pypdf import PdfReader
from wagtail.models import Locale

from participation.consultations import clock
from tests.e2e.helpers import logged_in_phone, publish_in_admin
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e

PROJECTS = [
    (68, "تجويد آليات التواصل", "Améliorer la communication", "communication"),
    (69, "إعداد دليل ترويجي لإبراز مؤهلات جماعة العرائش", "Guide promotionnel de Larache", "territorial_marketing"),
    (70, "الصيانة والمحافظة على المناطق الخضراء", "Entretien des espaces verts", "quality_services"),
    (85, "ميزانية المواطن", "Budget citoyen", "social_development"),
    (86, "الميزانية التشاركية", "Budget participatif", "social_development"),
]


class Clock:
    def __init__(self):
        self.instant = timezone.now()

    def __call__(self):
        return self.instant


@pytest.fixture
def journey(live_commune, settings, monkeypatch):
    settings.MFA_REQUIRED_FOR_STAFF = False  # the focal point logs in with a password here
    settings.RATELIMIT_ENABLED = False
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from site_template.communes.models import CommuneRole
    from site_template.communes.roles import Role

    moving = Clock()
    monkeypatch.setattr(clock, "now", moving)
    site = live_commune
    home_ar = site.root_page.specific
    role = CommuneRole.objects.filter(site=site, role=Role.FOCAL_POINT).select_related("group").first()
    group = role.group if role else Group.objects.create(name="larache — focal point")
    if role is None:
        CommuneRole.objects.create(site=site, role=Role.FOCAL_POINT, group=group)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for page in (home_ar, *home_ar.get_translations()):
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
            )
    focal = UserFactory(email="focal@example.ma", display_name="نقطة الارتكاز")
    focal.groups.add(group)
    return {
        "home_ar": home_ar,
        "clock": moving,
        "amina": UserFactory(email="amina@example.ma", display_name="أمينة"),
        "claire": UserFactory(email="claire@example.ma", display_name="Claire"),
    }




def _spreadsheet(path) -> str:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["number", "title_ar", "title_fr", "axis", "estimated_cost", "responsible_service_ar"])
    for number, title_ar, title_fr, axis in PROJECTS:
        sheet.append([number, title_ar, title_fr, axis, 100000 * number, "قسم التواصل"])
    target = path / "projects.xlsx"
    workbook.save(target)
    return str(target)


def _card(page, **fields) -> None:
    for name, value in fields.items():
        page.fill(f"textarea[name={name}]", value)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_load_state()


def test_consultation_journey(live_server, browser, journey, tmp_path):
    from participation.consultations.models import ConsultationPage, OpenProject, Remark
    from participation.core.models import Comment

    base = live_server.url
    moving = journey["clock"]
    amina, claire = journey["amina"], journey["claire"]
    local_now = clock.to_local(moving.instant)
    opens = (local_now + timedelta(hours=1)).replace(second=0, microsecond=0)
    closes = opens + timedelta(days=7)

    # 1. The focal point creates the consultation in the admin (announced for the next hour)…
    ctx_focal, admin = logged_in_phone(browser, base, "focal@example.ma", accept_downloads=True)
    admin.set_viewport_size({"width": 1280, "height": 900})
    admin.goto(f"{base}/admin/pages/add/consultations/consultationpage/{journey['home_ar'].pk}/")
    # The slug is set before the title is touched: Wagtail then treats it as edited by hand and
    # stops copying the title into it (otherwise a delayed copy can overwrite it).
    admin.eval_on_selector("#id_slug", "el => { el.value = 'consultation'; }")
    admin.fill("#id_title", "التشاور الرقمي حول برنامج الانفتاح")
    admin.fill("#id_opens_at", f"{opens:%Y-%m-%d %H:%M}")
    admin.fill("#id_closes_at", f"{closes:%Y-%m-%d %H:%M}")
    assert admin.input_value("#id_slug") == "consultation"
    publish_in_admin(admin)
    consultation = ConsultationPage.objects.get(slug="consultation", locale__language_code="ar")
    assert consultation.opens_at == clock.local_instant(opens.replace(tzinfo=None))
    consultation_fr = consultation.get_translation(Locale.objects.get(language_code="fr"))
    assert consultation_fr.live  # the French copy is published at once
    # (the communicator translates the French title)
    consultation_fr.title = "Consultation numérique sur le programme d'ouverture"
    consultation_fr.save_revision().publish()

    # … and imports the five open projects from a spreadsheet.
    admin.goto(f"{base}/admin/consultations/{consultation.pk}/import/")
    admin.set_input_files("input[type=file]", _spreadsheet(tmp_path))
    admin.locator("main form button[type=submit]").click()
    admin.wait_for_load_state()
    assert sorted(OpenProject.objects.filter(consultation=consultation).values_list("number", flat=True)) == [
        68, 69, 70, 85, 86
    ]
    assert "86" in admin.locator("table.listing").inner_text()

    # 2. Before opening: the projects are readable and Amina asks to be notified.
    ctx_amina, amina_page = logged_in_phone(browser, base, amina.email, accept_downloads=True)
    amina_page.goto(f"{base}{consultation.url}")
    assert "الميزانية التشاركية" in amina_page.content()
    assert amina_page.locator("textarea").count() == 0
    amina_page.locator("form[action$='notify/'] button").click()
    amina_page.wait_for_load_state()
    mail.outbox.clear()

    # 3. The consultation opens (time moves) and Amina is emailed.
    moving.instant = consultation.opens_at + timedelta(minutes=1)
    call_command("send_consultation_openings", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[amina.email]]

    # 4. Amina fills the remarks card in Arabic on project 68, supports it and proposes a project.
    amina_page.goto(f"{base}{consultation.url}projects/68/")
    _card(amina_page, problem="لا يعرف السكان مواعيد دورات المجلس.", solutions="نشر جدول الأعمال في لوحات الأحياء.")
    assert "لا يعرف السكان مواعيد دورات المجلس." in amina_page.locator("main").inner_text()
    amina_page.locator(".project-support .support-form button").click()
    amina_page.wait_for_load_state()
    amina_page.goto(f"{base}{consultation.url}propose/")
    amina_page.fill("input[name=proposal_title]", "فضاء رقمي للشباب")
    _card(amina_page, problem="ضعف ولوج الشباب إلى الخدمات الرقمية.")
    remark_amina = Remark.objects.get(author=amina, project__number=68)

    # 5. Claire fills the card in French on project 70, supports 68 and 70 and comments on Amina's remark.
    ctx_claire, claire_page = logged_in_phone(browser, base, claire.email, locale="fr-FR", accept_downloads=True)
    claire_page.goto(f"{base}{consultation_fr.url}projects/70/")
    assert claire_page.locator("html").get_attribute("lang") == "fr"
    _card(claire_page, problem="Le jardin manque d'arrosage en été.", funding_sources="Budget communal.")
    for number in (70, 68):
        claire_page.goto(f"{base}{consultation_fr.url}projects/{number}/")
        claire_page.locator(".project-support .support-form button").click()
        claire_page.wait_for_load_state()
    claire_page.goto(f"{base}{consultation_fr.url}remarks/{remark_amina.pk}/")
    claire_page.fill("textarea[name=text]", "Bonne idée, à afficher aussi à la mosquée du quartier.")
    claire_page.locator(".comments__form button[type=submit]").click()
    claire_page.wait_for_load_state()
    assert Comment.objects.filter(contribution=remark_amina.contribution).count() == 1
    project68 = OpenProject.objects.get(consultation=consultation, number=68)
    assert project68.contribution.support_count == 2
    assert Remark.objects.filter(consultation=consultation).count() == 3
    claire_page.goto(f"{base}{consultation_fr.url}")
    figures = claire_page.locator(".consultation-figures").inner_text()
    assert "Participants" in figures and "2" in figures

    # 6. The window closes: everything stays readable, the forms are gone.
    moving.instant = consultation.closes_at + timedelta(seconds=1)
    amina_page.goto(f"{base}{consultation.url}projects/68/")
    assert amina_page.locator("textarea").count() == 0
    assert amina_page.locator(".project-support .support-form").count() == 0
    assert "هذا التشاور مغلق" in amina_page.locator("main").inner_text()
    assert "لا يعرف السكان مواعيد دورات المجلس." in amina_page.locator("main").inner_text()

    # 7. The focal point writes the synthesis, publishes it and exports the remarks and the report.
    admin.goto(f"{base}/admin/consultations/{consultation.pk}/synthesis/{project68.pk}/")
    admin.select_option("#id_decision", "retained")
    admin.fill("#id_decision_reason_ar", "اعتمدت اللجنة نشر جدول الأعمال في الأحياء.")
    admin.fill("#id_decision_reason_fr", "Le comité retient l'affichage de l'ordre du jour dans les quartiers.")
    admin.fill("#id_revised_text_fr", "Affichage de l'ordre du jour des sessions une semaine avant.")
    admin.select_option(f"#decision-{remark_amina.pk}", "retained")
    admin.fill(f"#reason-{remark_amina.pk}", "أدرجت في المشروع المعدل.")
    admin.locator("main form button[type=submit]").last.click()
    admin.wait_for_load_state()
    remark_amina.refresh_from_db()
    assert remark_amina.decision == "retained"
    admin.goto(f"{base}/admin/pages/{consultation.pk}/edit/")
    admin.locator("#id_synthesis_published").check()
    publish_in_admin(admin)
    assert ConsultationPage.objects.get(pk=consultation.pk).synthesis_published
    with admin.expect_download() as download_info:
        admin.evaluate(f"window.location.href = '{base}{consultation.url}export/csv/'")
    csv_text = open(download_info.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    assert "لا يعرف السكان مواعيد دورات المجلس." in csv_text and "Le jardin manque d'arrosage" in csv_text
    report = ctx_focal.request.get(f"{base}{consultation.url}report/pdf/")
    assert report.headers["content-type"] == "application/pdf"
    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(report.body())).pages)
    assert "68" in pdf_text and not any("\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff" for ch in pdf_text)
    ctx_focal.close()

    # 8. Citizens read the synthesis in Arabic and in French.
    amina_page.goto(f"{base}{consultation.url}")
    synthesis = amina_page.locator(".consultation-synthesis").inner_text()
    assert "خلاصة التشاور" in synthesis and "اعتمدت اللجنة نشر جدول الأعمال في الأحياء." in synthesis
    claire_page.goto(f"{base}{consultation_fr.url}")
    assert claire_page.locator("html").get_attribute("dir") == "ltr"
    synthesis_fr = claire_page.locator(".consultation-synthesis").inner_text()
    assert "Synthèse de la consultation" in synthesis_fr and "Le comité retient" in synthesis_fr
    claire_page.goto(f"{base}{consultation_fr.url}projects/68/")
    project_text = claire_page.locator("main").inner_text()
    assert "Affichage de l'ordre du jour" in project_text and "أدرجت في المشروع المعدل." in project_text
    ctx_amina.close()
    ctx_claire.close()
