"""The annual evaluation report (issue 11 b, decree 2.16.301 art. 14-15): drafted in the admin
beside the live figures, published with its figures frozen, read as a page in Arabic and French
and as a PDF whose Arabic text is real letters in logical order; a draft is not public."""

from __future__ import annotations

import re
from decimal import Decimal

import html5lib
import pytest
from django.utils import translation

from participation.programme import reports, services
from participation.programme.models import AnnualReport, FundingLine, Project, ProjectStatus
from tests.pdf_checks import assert_contains, assert_letters_not_glyph_forms, assert_reading_order

pytestmark = pytest.mark.django_db

SUMMARY_AR = "حققت الجماعة تقدما ملموسا في تنفيذ مشاريع البرنامج (خاصة في المحور الأول) خلال هذه السنة."
SUMMARY_FR = "La commune a bien avancé dans ses projets (surtout le premier axe) cette année."
OBSTACLES_AR = "تأخر صرف الاعتمادات من الشركاء"
PROGRAMME_AR = "برنامج عمل الجماعة"


def _draft(client, programme, focal, **extra):
    client.force_login(focal)
    data = {"year": "2024", "summary_ar": SUMMARY_AR, "summary_fr": SUMMARY_FR, "obstacles_ar": OBSTACLES_AR,
            "resources_ar": "", "resources_fr": "", "obstacles_fr": "", "corrective_measures_ar": "",
            "corrective_measures_fr": "", **extra}
    return client.post(f"/admin/programme/{programme.pk}/reports/new/", data)


def _rate(value: int) -> str:
    """A rate as the pages write it (decimal comma in the commune's locale)."""
    return f">{value},0%<"


def _valid_html(content: bytes) -> None:
    html5lib.HTMLParser(strict=True).parse(content)


def test_focal_point_drafts_a_report_beside_the_live_figures(client, programme, projects, programme_focal):
    response = _draft(client, programme, programme_focal)
    assert response.status_code == 302
    report = AnnualReport.objects.get(programme=programme)
    assert (report.year, report.summary_ar, report.is_published) == (2024, SUMMARY_AR, False)

    response = client.get(f"/admin/programme/{programme.pk}/reports/{report.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    # 12 projects, 100 000 planned and 40 000 spent each in 2024: 40 % executed.
    assert re.search(r"1\D?200\D?000<", body)
    assert _rate(40) in body
    assert SUMMARY_AR in body


def test_a_second_report_for_the_same_year_keeps_what_was_typed(client, programme, projects, programme_focal):
    _draft(client, programme, programme_focal)
    response = _draft(client, programme, programme_focal, summary_ar="نص ثان")
    assert response.status_code == 200
    assert "نص ثان" in response.content.decode()
    assert AnnualReport.objects.count() == 1


def test_publishing_freezes_the_figures(client, programme, programme_fr, projects, programme_focal):
    _draft(client, programme, programme_focal)
    report = AnnualReport.objects.get()
    response = client.post(f"/admin/programme/{programme.pk}/reports/{report.pk}/publish/", {"action": "publish"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_published
    frozen = report.figures
    assert frozen["total"]["money"]["spent"] == "480000.00"

    # The programme moves on: money spent, a project done.
    FundingLine.objects.filter(project__programme=programme, year=2024).update(spent=Decimal("100000.00"))
    Project.objects.filter(pk=projects[0].pk).update(status=ProjectStatus.DONE)
    report.refresh_from_db()
    assert report.figures == frozen
    for page in (programme, programme_fr):
        body = client.get(page.url + "reports/2024/").content.decode()
        assert _rate(40) in body and _rate(100) not in body
    # The admin shows the live figures beside the frozen ones.
    body = client.get(f"/admin/programme/{programme.pk}/reports/{report.pk}/").content.decode()
    assert _rate(100) in body and _rate(40) in body


def test_published_report_reads_in_arabic_and_french(client, programme, programme_fr, projects, programme_focal):
    _draft(client, programme, programme_focal)
    report = AnnualReport.objects.get()
    services.annual_report_publish(report=report, by=programme_focal)
    client.logout()

    response = client.get(programme.url + "reports/2024/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'dir="rtl"' in body and SUMMARY_AR in body and OBSTACLES_AR in body
    assert "<caption>" in body and 'scope="row"' in body
    _valid_html(response.content)

    response = client.get(programme_fr.url + "reports/2024/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="fr"' in body and SUMMARY_FR in body
    assert OBSTACLES_AR in body  # no French text: the Arabic one, in its own direction
    _valid_html(response.content)

    # Listed for the programme page.
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    with translation.override("fr"):
        listing = render_to_string("programme/includes/reports_list.html",
                                   {"reports": reports.published_reports(programme_fr), "page": programme_fr},
                                   request=RequestFactory().get(programme_fr.url))
    assert f'href="{programme_fr.url}reports/2024/"' in listing
    assert f'href="{programme_fr.url}reports/2024/pdf/"' in listing


def test_pdf_has_readable_arabic(client, programme, projects, programme_focal):
    _draft(client, programme, programme_focal)
    services.annual_report_publish(report=AnnualReport.objects.get(), by=programme_focal)
    client.logout()
    response = client.get(programme.url + "reports/2024/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF")
    assert_letters_not_glyph_forms(data)
    with translation.override("ar"):
        title = reports.report_title(AnnualReport.objects.get())
    # The title mixes an Arabic sentence and a number: each run of one direction is checked.
    words = title.replace("2024", "").strip()
    assert words and words != title
    assert_contains(data, words, "2024", PROGRAMME_AR, OBSTACLES_AR, "تقدما ملموسا في تنفيذ مشاريع البرنامج")
    # The sentence in reading order, parentheses in place (poppler moves a paragraph's final full
    # stop to the other end of a right-to-left line: left out, as in the other PDF tests).
    assert_reading_order(data, words, SUMMARY_AR.rstrip("."), PROGRAMME_AR)


def test_french_pdf(client, programme, programme_fr, projects, programme_focal):
    _draft(client, programme, programme_focal)
    services.annual_report_publish(report=AnnualReport.objects.get(), by=programme_focal)
    data = client.get(programme_fr.url + "reports/2024/pdf/").content
    assert_contains(data, SUMMARY_FR, "Programme d'action de la commune")


def test_a_draft_is_not_public_but_its_focal_point_previews_it(client, programme, programme_fr, projects,
                                                                programme_focal, citizen):
    _draft(client, programme, programme_focal)
    report = AnnualReport.objects.get()
    preview = client.get(f"/admin/programme/{programme.pk}/reports/{report.pk}/pdf/?lang=ar")
    assert preview.status_code == 200 and preview.content.startswith(b"%PDF")
    assert_contains(preview.content, OBSTACLES_AR)

    client.logout()
    for page in (programme, programme_fr):
        assert client.get(page.url + "reports/2024/").status_code == 404
        assert client.get(page.url + "reports/2024/pdf/").status_code == 404
        assert client.get(page.url + "reports/2023/").status_code == 404

    services.annual_report_publish(report=report, by=programme_focal)
    assert client.get(programme.url + "reports/2024/").status_code == 200
    services.annual_report_unpublish(report=report, by=programme_focal)
    assert client.get(programme.url + "reports/2024/").status_code == 404
    assert client.get(programme.url + "reports/2024/pdf/").status_code == 404

    client.force_login(citizen)
    assert client.get(f"/admin/programme/{programme.pk}/reports/{report.pk}/pdf/").status_code == 403
    response = client.post(f"/admin/programme/{programme.pk}/reports/{report.pk}/publish/", {"action": "publish"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert not report.is_published
