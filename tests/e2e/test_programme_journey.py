"""The programme-tracking journey in headless Chromium (issue 11 quality bar):

the focal point imports a PAC spreadsheet (3 axes, 12 projects, activities, indicators, three years
of figures) in the Wagtail admin, adopts an open project of a consultation into the programme and
posts two progress updates; a citizen following the project is told of them; a citizen rates and
comments; the dashboard and the Gantt read right-to-left in Arabic and left-to-right in French;
the focal point publishes the annual evaluation report, whose PDF has readable Arabic."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook
from pypdf import PdfReader
from wagtail.models import Locale

from tests.e2e.helpers import logged_in_phone
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e

YEARS = (2023, 2024, 2025)


def pac_workbook() -> bytes:
    """The commune's PAC as it keeps it in Excel, in the documented layout (DATA_LAYOUT.md)."""
    book = Workbook()
    axes = book.active
    axes.title = "axes"
    axes.append(["number", "title_ar", "title_fr"])
    for number, ar, fr in [(1, "تجويد الخدمات", "Qualité des services"), (2, "التنمية الاجتماعية", "Développement social"),
                           (3, "البيئة", "Environnement")]:
        axes.append([number, ar, fr])
    projects = book.create_sheet("projects")
    projects.append(["number", "axis", "title_ar", "title_fr", "starts_on", "ends_on", "progress"])
    for n in range(1, 13):
        projects.append([n, (n - 1) % 3 + 1, f"مشروع رقم {n}", f"Projet numéro {n}", dt.date(2023, 1, 1),
                         dt.date(2026, 12, 31), 10 * (n % 10)])
    activities = book.create_sheet("activities")
    activities.append(["project", "number", "title_ar", "title_fr", "starts_on", "ends_on", "progress"])
    for n in range(1, 13):
        activities.append([n, 1, "الدراسات", "Études", dt.date(2023, 1, 1), dt.date(2023, 12, 31), 100])
        activities.append([n, 2, "الأشغال", "Travaux", dt.date(2024, 1, 1), dt.date(2025, 6, 30), 40])
    indicators = book.create_sheet("indicators")
    indicators.append(["project", "number", "name_ar", "name_fr", "unit_ar", "unit_fr", "baseline", "target",
                       "counts_people"])
    values = book.create_sheet("indicator_values")
    values.append(["project", "indicator", "year", "value", "women", "men"])
    funding = book.create_sheet("funding")
    funding.append(["project", "year", "source_ar", "source_fr", "planned", "committed", "spent"])
    for n in range(1, 13):
        indicators.append([n, 1, "عدد المستفيدين", "Bénéficiaires", "شخص", "personnes", 0, 1000, 1])
        for k, year in enumerate(YEARS):
            values.append([n, 1, year, 200 * (k + 1), 100 * (k + 1), 100 * (k + 1)])
            funding.append([n, year, "ميزانية الجماعة", "Budget communal", 100000, 80000, 50000])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def journey(live_commune, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # the focal point logs in with a password here
    settings.RATELIMIT_ENABLED = False
    from django.contrib.auth.models import Permission

    from participation.consultations.models import ConsultationPage, OpenProject
    from participation.consultations.services import Card, project_save, remark_create
    from participation.programme.models import ProgrammePage
    from site_template.communes.roles import Role
    from site_template.pages.tree import add_translated_child
    from tests.factories import grant_role

    site = live_commune
    home_ar = site.root_page.specific
    focal = UserFactory(email="focal@example.ma", display_name="نقطة الارتكاز")
    focal.is_staff = True
    focal.save()
    grant_role(focal, role=Role.FOCAL_POINT, site=site)
    focal.groups.first().permissions.add(Permission.objects.get(codename="access_admin"))
    programme, programme_fr = add_translated_child(
        home_ar, page_class=ProgrammePage, period_start=2022, period_end=2027,
        ar={"title": "برنامج عمل الجماعة 2022-2027", "slug": "pac"},
        fr={"title": "Programme d'action 2022-2027", "slug": "pac"},
    )
    from django.utils import timezone

    now = timezone.now()
    consultation, consultation_fr = add_translated_child(
        home_ar, page_class=ConsultationPage, opens_at=now - dt.timedelta(days=3),
        closes_at=now + dt.timedelta(days=3),
        ar={"title": "التشاور حول برنامج الانفتاح", "slug": "consultation"},
        fr={"title": "Consultation sur le programme d'ouverture", "slug": "consultation"},
    )
    open_project = project_save(project=OpenProject(
        consultation=consultation, number=85, title_ar="ميزانية المواطن", title_fr="Budget citoyen",
        description_ar="نشر ميزانية مبسطة", description_fr="Publier un budget simplifié",
        estimated_cost=Decimal("50000"),
    ))
    amina = UserFactory(email="amina@example.ma", display_name="أمينة")
    karim = UserFactory(email="karim@example.ma", display_name="Karim")
    remark_create(consultation=consultation, project=open_project, author=karim,
                  card=Card(problem="الميزانية صعبة الفهم", solutions="ورقتان مبسطتان بالعربية والفرنسية"))
    return {"site": site, "programme": programme, "programme_fr": programme_fr, "focal": focal,
            "amina": amina, "karim": karim, "open_project": open_project, "consultation_fr": consultation_fr}


def test_programme_journey(browser, live_server, journey, tmp_path):
    from participation.notifications.models import Notification
    from participation.programme.models import AnnualReport, Project

    base = live_server.url
    programme, programme_fr = journey["programme"], journey["programme_fr"]

    # 1. The focal point imports the PAC spreadsheet in the admin.
    context, staff = logged_in_phone(browser, base, "focal@example.ma", accept_downloads=True)
    staff.set_viewport_size({"width": 1280, "height": 900})
    staff.goto(f"{base}/admin/programme/{programme.pk}/import/")
    workbook = tmp_path / "pac.xlsx"
    workbook.write_bytes(pac_workbook())
    staff.set_input_files("input[type=file]", str(workbook))
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    assert Project.objects.filter(programme=programme).count() == 12, staff.inner_text("main")[:1500]

    # 2. ... adopts the consultation's open project 85 as project 13 of axis 1.
    staff.goto(f"{base}/admin/programme/{programme.pk}/adopt/")
    staff.select_option("select[name=axis]", label="1. تجويد الخدمات")
    staff.fill("input[name=number]", "13")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    adopted = Project.objects.get(programme=programme, number=13)
    assert adopted.title_fr == "Budget citoyen"

    # 3. A citizen follows project 1 (in French), rates it and comments; another rates it too.
    citizen_context, citizen = logged_in_phone(browser, base, "amina@example.ma")
    project_url_fr = f"{base}{programme_fr.url}projects/1/"
    citizen.goto(project_url_fr)
    citizen.locator("form.follow-form button").click()
    citizen.wait_for_load_state()
    citizen.check("input[name=value][value='4']")
    citizen.locator("form.rating__form button[type=submit]").click()
    citizen.wait_for_load_state()
    citizen.fill("#comment-text", "Quand les travaux commencent-ils dans notre quartier ?")
    citizen.locator("form.comments__form button[type=submit]").click()
    citizen.wait_for_load_state()
    assert "Quand les travaux commencent-ils" in citizen.inner_text("main")
    project_1 = Project.objects.get(programme=programme, number=1)
    project_1.contribution.refresh_from_db()
    assert (project_1.contribution.rating_count, project_1.contribution.rating_total) == (1, 4)

    # 4. The focal point posts two progress updates on project 1.
    for text_ar, text_fr, progress in [("انطلقت الدراسات التقنية", "Les études techniques ont commencé", "20"),
                                       ("بدأت الأشغال في الحي", "Les travaux ont commencé dans le quartier", "45")]:
        staff.goto(f"{base}/admin/programme/projects/{project_1.pk}/update/")
        staff.fill("textarea[name=text_ar]", text_ar)
        staff.fill("textarea[name=text_fr]", text_fr)
        staff.fill("input[name=progress]", progress)
        staff.locator("main form button[type=submit]").click()
        staff.wait_for_load_state()
    assert Notification.objects.filter(user=journey["amina"], event="update").count() == 2
    citizen.goto(f"{base}/fr/participation/notifications/")
    notes = citizen.inner_text("main")
    assert "point d'avancement" in notes, notes[:800]
    citizen.goto(project_url_fr)
    main = citizen.inner_text("main")
    assert "Les travaux ont commencé dans le quartier" in main and "45" in main

    # 5. The adopted project shows what shaped it; the consultation says where it went.
    citizen.goto(f"{base}{programme_fr.url}projects/13/")
    assert "الميزانية صعبة الفهم" in citizen.inner_text("main")
    citizen.goto(f"{base}{journey['consultation_fr'].url}projects/85/")
    assert citizen.locator(f"a[href*='{programme_fr.url}projects/13/']").count() >= 1

    # 6. The dashboard and the Gantt read right-to-left in Arabic, left-to-right in French.
    for page_obj, direction in ((programme, "rtl"), (programme_fr, "ltr")):
        citizen.goto(f"{base}{page_obj.url}dashboard/")
        assert citizen.locator("html").get_attribute("dir") == direction
        assert citizen.locator("main svg[role=img]").count() >= 3
        assert citizen.locator("main table").count() >= 3
        citizen.goto(f"{base}{page_obj.url}projects/1/")
        bars = citizen.locator("main .chart--gantt .gantt__row rect.chart__track")
        assert bars.count() == 2
        first, second = bars.nth(0).bounding_box(), bars.nth(1).bounding_box()
        # the earlier activity (studies, 2023) is on the right in Arabic, on the left in French
        assert (first["x"] > second["x"]) if direction == "rtl" else (first["x"] < second["x"])

    # 7. The annual evaluation report: drafted from the live figures, published, PDF readable.
    staff.goto(f"{base}/admin/programme/{programme.pk}/reports/new/")
    staff.fill("input[name=year]", "2025")
    staff.fill("textarea[name=summary_ar]", "تقدم إنجاز البرنامج بشكل مرض خلال سنة 2025")
    staff.fill("textarea[name=summary_fr]", "Le programme a bien avancé en 2025")
    staff.locator("main form button[type=submit]").first.click()
    staff.wait_for_load_state()
    report = AnnualReport.objects.get(programme=programme, year=2025)
    staff.goto(f"{base}/admin/programme/{programme.pk}/reports/")
    staff.locator(f"form[action$='/reports/{report.pk}/publish/'] button").click()
    staff.wait_for_load_state()
    report.refresh_from_db()
    assert report.is_published
    response = citizen_context.request.get(f"{base}{programme.url}reports/2025/pdf/")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.body())).pages)
    assert "تقدم إنجاز البرنامج بشكل مرض" in text, text[:500]
    assert Locale.objects.filter(language_code="fr").exists()
    context.close()
    citizen_context.close()
