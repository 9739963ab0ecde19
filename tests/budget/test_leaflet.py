"""The printable citizen budget of a published year (PDF): readable Arabic and French text, the
totals, the sectors explained, the executed amounts only once the account is published; 404 for
an unpublished year."""

from __future__ import annotations

import pytest
from django.utils import translation

from participation.budget.models import BudgetLine, Sector
from tests.budget.conftest import build_year, make_budget
from tests.pdf_checks import assert_contains, assert_letters_not_glyph_forms, pdf_text

pytestmark = pytest.mark.django_db

SUMMARY_AR = "ميزانية متوازنة تعطي الأولوية للطرق والإنارة العمومية"
SUMMARY_FR = "Un budget équilibré qui donne la priorité à la voirie et à l'éclairage"


@pytest.fixture
def pages(home_ar):
    return make_budget(home_ar)


@pytest.fixture
def year(pages):
    budget_year = build_year(pages[0], year=2025, lines=40)
    budget_year.summary_ar, budget_year.summary_fr = SUMMARY_AR, SUMMARY_FR
    budget_year.save()
    return budget_year


def _url(page, year: int) -> str:
    return page.url + page.reverse_subpage("pdf_route", args=[year])


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def test_arabic_leaflet_is_readable(client, pages, year):
    response = client.get(_url(pages[0], 2025))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF")
    assert_letters_not_glyph_forms(data)
    sector = Sector.objects.get(budget=pages[0], code="30")
    with translation.override("ar"):
        title = translation.gettext("Citizen budget %(year)s").replace("%(year)s", "").strip()
    assert_contains(data, title, "2025", SUMMARY_AR, sector.name_ar, "جماعة العرائش")
    assert _digits(pdf_text(data))  # the amounts are there


def test_french_leaflet_has_the_totals_and_executed_amounts(client, pages, year):
    data = client.get(_url(pages[1], 2025)).content
    sector = Sector.objects.get(budget=pages[0], code="30")
    assert_contains(data, SUMMARY_FR, sector.name_fr, "Commune de Larache")
    text = pdf_text(data)
    revenue_final = sum(line.final for line in BudgetLine.objects.filter(budget_year=year, direction="revenue"))
    assert f"{int(revenue_final):,}".replace(",", " ") in text.replace("\u202f", " ")
    revenue_executed = sum(line.executed for line in BudgetLine.objects.filter(budget_year=year, direction="revenue"))
    assert f"{int(revenue_executed):,}".replace(",", " ") in text.replace("\u202f", " ")


def test_executed_amounts_wait_for_the_account(client, pages, year):
    year.account_published_at = None
    year.save()
    text = pdf_text(client.get(_url(pages[1], 2025)).content).replace("\u202f", " ")
    revenue_executed = sum(line.executed for line in BudgetLine.objects.filter(budget_year=year, direction="revenue"))
    assert f"{int(revenue_executed):,}".replace(",", " ") not in text
    assert "compte administratif" in text or "administrative account" in text


def test_unpublished_years_have_no_leaflet(client, pages, year):
    build_year(pages[0], year=2026, lines=8, executed=False, published=False)
    assert client.get(_url(pages[0], 2026)).status_code == 404
    assert client.get(_url(pages[1], 2024)).status_code == 404
