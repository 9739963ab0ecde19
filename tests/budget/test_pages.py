"""The citizen budget's public pages: both languages, valid and light HTML with headings in order
and tables with captions, only published years, executed amounts only once the administrative
account is published, amounts written the Moroccan way, explanations, the programme projects
linked, and a fixed number of SQL queries whatever the number of lines."""

from __future__ import annotations

import re
from decimal import Decimal

import html5lib
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participation.budget.models import BudgetLine, BudgetYear, Chapter, Direction, Section, Sector
from participation.core.caching import content_changed
from site_template.communes.models import CommuneSettings
from tests.budget.conftest import build_year, make_budget
from tests.foundation.test_public_pages import PAGE_WEIGHT_BUDGET, LinkParser, static_size

pytestmark = pytest.mark.django_db

NNBSP = "\u202f"


@pytest.fixture
def pages(home_ar):
    return make_budget(home_ar)


def _year_url(page, year):
    return page.url + page.reverse_subpage("year_route", args=[year])


def _headings_in_order(html: str) -> None:
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels


def _tables_are_accessible(html: str) -> None:
    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    assert tables
    for table in tables:
        assert "<caption>" in table
        assert re.findall(r"<th(?=[\s>])(?![^>]*scope=)", table) == [], table[:300]


def _weight(response) -> int:
    parser = LinkParser()
    parser.feed(response.content.decode())
    fonts = set(parser.fonts)
    if parser.html_attrs.get("lang") == "ar":
        fonts.add(django_settings.STATIC_URL + "fonts/NotoSansArabic-Bold-subset.woff2")
    return len(response.content) + sum(static_size(u) for u in parser.stylesheets + parser.scripts + sorted(fonts))


def test_both_pages_in_both_languages_are_valid_light_and_ordered(client, pages):
    budget_ar, budget_fr = pages
    build_year(budget_ar, year=2024, lines=300)
    build_year(budget_ar, year=2025, lines=300, executed=False)
    for page, lang, direction in ((budget_ar, "ar", "rtl"), (budget_fr, "fr", "ltr")):
        for url in (page.url, _year_url(page, 2024), _year_url(page, 2025)):
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            html5lib.HTMLParser(strict=True).parse(response.content)
            parser = LinkParser()
            parser.feed(html)
            assert parser.html_attrs == {"lang": lang, "dir": direction}
            _headings_in_order(html)
            _tables_are_accessible(html)
            assert "<script" not in html
            assert _weight(response) < PAGE_WEIGHT_BUDGET, (url, _weight(response))
            assert 'class="site-header' in html  # the site's own header (base template)
        year_page = client.get(_year_url(page, 2024)).content.decode()
        # every chart drawn on the server, with its title, description and table
        assert year_page.count('role="img"') == 5 and year_page.count("<desc") == 5
        assert year_page.count("<caption>") >= 8
        # the open data and the other years are linked
        for fmt in ("csv", "xlsx", "json"):
            assert f'href="{page.url}years/2024/data/{fmt}/"' in year_page
        assert f'href="{page.url}years/2025/"' in year_page


def test_the_index_shows_the_latest_published_year_and_every_published_year(client, pages):
    budget_ar, budget_fr = pages
    build_year(budget_ar, year=2024, lines=40)
    build_year(budget_ar, year=2025, lines=40, executed=False)
    build_year(budget_ar, year=2026, lines=40, published=False)
    body = client.get(budget_fr.url).content.decode()
    assert '<h2 id="budget-latest-title">Budget 2025</h2>' in body
    assert f'href="{budget_fr.url}years/2025/"' in body and f'href="{budget_fr.url}years/2024/"' in body
    assert "years/2026/" not in body
    assert body.count("<tr><th scope=\"row\"><a href=") == 2
    # the latest year in short: totals, per inhabitant, the 100 dirhams
    assert f"393{NNBSP}700 MAD" in body and "3,47 MAD" in body
    assert 'id="chart-hundred-title"' in body


def test_a_year_that_is_not_published_is_not_found(client, pages):
    budget_ar, budget_fr = pages
    build_year(budget_ar, year=2026, lines=12, published=False)
    assert client.get(_year_url(budget_fr, 2026)).status_code == 404
    assert client.get(_year_url(budget_ar, 2026)).status_code == 404
    assert client.get(_year_url(budget_fr, 2031)).status_code == 404
    assert "years/2026/" not in client.get(budget_fr.url).content.decode()


def test_nothing_published_yet(client, pages):
    body = client.get(pages[1].url).content.decode()
    assert "notice" in body and "<table" not in body


def test_executed_amounts_are_hidden_until_the_account_is_published(client, pages):
    budget_ar, budget_fr = pages
    budget_year = build_year(budget_ar, year=2025, lines=40)  # the lines carry executed amounts
    BudgetYear.objects.filter(pk=budget_year.pk).update(account_published_at=None)
    content_changed()
    body = client.get(_year_url(budget_fr, 2025)).content.decode()
    executed_total = "390" + NNBSP + "690"  # 90 % of 434 100
    assert executed_total not in body
    assert "19" + NNBSP + "980,00" not in body  # a chapter's executed amount
    assert 'id="chart-execution-title"' not in body
    assert body.count("Le compte administratif 2025 n'est pas encore publié") == 2
    assert '<th scope="col">Taux d\'exécution</th>' not in body and '<th scope="col">Exécuté</th>' not in body

    BudgetYear.objects.filter(pk=budget_year.pk).update(account_published_at=timezone.now())
    content_changed()
    body = client.get(_year_url(budget_fr, 2025)).content.decode()
    assert executed_total in body and 'id="chart-execution-title"' in body
    assert "not published yet" not in body


def test_amounts_are_written_the_moroccan_way_in_both_languages(client, pages):
    budget_ar, budget_fr = pages
    budget_year = build_year(budget_ar, year=2025, lines=0)
    chapter = Chapter.objects.create(budget=budget_ar, direction=Direction.EXPENSE, section=Section.INVESTMENT,
                                     code="60", name_ar="البنيات التحتية", name_fr="Infrastructures")
    BudgetLine.objects.create(
        budget_year=budget_year, direction=Direction.EXPENSE, section=Section.INVESTMENT, chapter=chapter,
        article="10", paragraph="11", label_ar="تهيئة الطرق", label_fr="Aménagement des rues",
        sector=Sector.objects.get(budget=budget_ar, code="20"), voted=Decimal("1234567.89"),
    )
    BudgetLine.objects.create(
        budget_year=budget_year, direction=Direction.EXPENSE, section=Section.INVESTMENT, chapter=chapter,
        article="20", paragraph="", label_ar="الإنارة", label_fr="Éclairage",
        sector=Sector.objects.get(budget=budget_ar, code="20"), voted=Decimal("11065432.11"),
    )
    exact = f"1{NNBSP}234{NNBSP}567,89"
    fr = client.get(_year_url(budget_fr, 2025)).content.decode()
    assert f"{exact} MAD" in fr  # the line, exactly
    assert "12,3 millions de dirhams" in fr  # 12 299 999,00 in all, readably
    assert f"12{NNBSP}300{NNBSP}000,00 MAD" in fr  # and exactly in the tables
    ar = client.get(_year_url(budget_ar, 2025)).content.decode()
    assert f"{exact} درهم" in ar
    assert "12,3 مليون درهم" in ar
    assert "Aménagement des rues" in fr and "تهيئة الطرق" in ar


def test_chapters_and_sectors_are_explained_in_plain_words(client, pages):
    budget_ar, budget_fr = pages
    build_year(budget_ar, year=2025, lines=40)
    Chapter.objects.filter(budget=budget_ar, direction=Direction.REVENUE, code="20").update(
        explanation_ar="جزء من الضريبة على القيمة المضافة تحوله الدولة.",
        explanation_fr="Une part de la TVA que l'État verse à la commune.",
    )
    fr = client.get(_year_url(budget_fr, 2025)).content.decode()
    ar = client.get(_year_url(budget_ar, 2025)).content.decode()
    assert re.search(r"<details><summary>Chapitre 20 .*?</summary><p>Une part de la TVA que l&#x27;État verse", fr)
    assert "جزء من الضريبة على القيمة المضافة تحوله الدولة." in ar
    sector = Sector.objects.get(budget=budget_ar, code="30")
    assert f"<p>{sector.explanation_fr.replace(chr(39), '&#x27;')}</p>" in fr
    assert f"<p>{sector.explanation_ar}</p>" in ar
    assert fr.count("<details>") == 2 + 4  # both revenue chapters 20; the four sectors with expenses


def test_a_big_project_links_to_its_programme_project(client, pages, home_ar):
    from tests.programme.conftest import build_programme, make_programme

    budget_ar, budget_fr = pages
    programme_ar, programme_fr = make_programme(home_ar)
    project = build_programme(programme_ar, projects=3)[1]
    budget_year = build_year(budget_ar, year=2025, lines=40)
    biggest = (BudgetLine.objects.filter(budget_year=budget_year, direction=Direction.EXPENSE,
                                         section=Section.INVESTMENT).order_by("-voted").first())
    BudgetLine.objects.filter(pk=biggest.pk).update(tracked_project=project.contribution)
    fr = client.get(_year_url(budget_fr, 2025)).content.decode()
    assert f'<a href="{programme_fr.url}projects/{project.number}/">{project.contribution.title}</a>' in fr
    ar = client.get(_year_url(budget_ar, 2025)).content.decode()
    assert f'href="{programme_ar.url}projects/{project.number}/"' in ar
    # and the line can be asked about
    assert f'href="{budget_fr.url}years/2025/lines/{biggest.pk}/"' in fr


def test_links_to_the_line_pages_stay_few(client, pages):
    budget_ar, budget_fr = pages
    build_year(budget_ar, year=2025, lines=600)
    body = client.get(_year_url(budget_fr, 2025)).content.decode()
    line_links = set(re.findall(r'href="([^"]*/lines/\d+/)"', body))
    # the largest line of each of the 20 chapters, and the 8 big investment projects (5 of them already there)
    assert 20 <= len(line_links) <= 20 + budget_ar.big_projects_count


def test_without_a_population_amounts_per_inhabitant_are_not_shown(client, pages, commune_site):
    budget_ar, budget_fr = pages
    build_year(budget_ar, year=2025, lines=40)
    CommuneSettings.objects.filter(site=commune_site).update(population=None)
    content_changed()
    body = client.get(_year_url(budget_fr, 2025)).content.decode()
    notice = "les montants par habitant ne sont pas affichés"
    assert notice in body
    assert "par habitant" not in body.replace(notice, "")


def test_documents_are_linked(client, pages):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    budget_ar, budget_fr = pages
    budget_year = build_year(budget_ar, year=2025, lines=8, executed=False)
    document = get_document_model().objects.create(title="Budget 2025", file=ContentFile(b"%PDF-1.4", name="b.pdf"))
    account = get_document_model().objects.create(title="CA 2025", file=ContentFile(b"%PDF-1.4", name="ca.pdf"))
    BudgetYear.objects.filter(pk=budget_year.pk).update(budget_document=document, account_document=account)
    body = client.get(_year_url(budget_fr, 2025)).content.decode()
    assert f'href="{document.url}"' in body
    assert f'href="{account.url}"' not in body  # the account is not published yet


def _count_queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (site, locales)
    content_changed()  # the year's cached HTML is stale: everything is computed again
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_year_page_runs_as_many_queries_at_40_as_at_600_lines(client, home_ar, settings, citizen, logged_in):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 0
    if logged_in:
        client.force_login(citizen)
    counts = []
    for slug, lines in (("small", 40), ("big", 600)):
        budget_ar, budget_fr = make_budget(home_ar, slug=slug)
        build_year(budget_ar, year=2024, lines=lines)
        build_year(budget_ar, year=2025, lines=lines, executed=False)
        counts.append((_count_queries(client, _year_url(budget_fr, 2024)), _count_queries(client, budget_fr.url)))
    assert counts[0] == counts[1], counts
    assert counts[1][0] < 40, counts


def test_anonymous_visitors_get_the_cached_page(client, pages, settings):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 60
    build_year(pages[0], year=2025, lines=12)
    url = _year_url(pages[1], 2025)
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
