"""Every line of a published year (``BudgetPage.lines_route``): both languages, valid and
accessible, filtered by chapter and by words (Arabic read the way the site's search reads it,
French, codes), 50 a page, executed amounts only once the account is published, the questions
counted, a fixed number of queries, and linked from the year's page."""

from __future__ import annotations

import re

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from participation.budget import figures, models, services
from participation.budget.models import BudgetLine, BudgetYear, Chapter
from participation.core.caching import content_changed
from participation.core.models import Contribution, Visibility
from tests.budget.conftest import build_year, make_budget
from tests.budget.test_pages import _headings_in_order, _tables_are_accessible
from tests.foundation.test_public_pages import LinkParser

pytestmark = pytest.mark.django_db

LINE_LINK = re.compile(r'href="[^"]*/years/(\d+)/lines/(\d+)/"')


@pytest.fixture
def pages(home_ar):
    return make_budget(home_ar)


def _lines_url(page, year=2025) -> str:
    return page.url + page.reverse_subpage("lines_route", args=[year])


def _linked_lines(html: str) -> list[int]:
    return [int(pk) for _year, pk in LINE_LINK.findall(html)]


def _get(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_the_lines_page_in_both_languages_is_valid_and_accessible(client, pages, language, direction):
    budget_ar, _budget_fr = pages
    build_year(budget_ar, year=2025, lines=40)
    page = pages[0] if language == "ar" else pages[1]
    response = client.get(_lines_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    html5lib.HTMLParser(strict=True).parse(response.content)
    parser = LinkParser()
    parser.feed(html)
    assert parser.html_attrs == {"lang": language, "dir": direction}
    _headings_in_order(html)
    _tables_are_accessible(html)
    assert "<script" not in html
    # the search form works without JavaScript: a GET form with its labels
    assert 'method="get"' in html and 'for="lines-q"' in html and 'for="lines-chapter"' in html
    assert 'name="q"' in html and 'name="chapter"' in html and "csrfmiddlewaretoken" not in html
    # 40 lines: one page, each linked to its own page, labelled in the page's language
    assert sorted(_linked_lines(html)) == sorted(BudgetLine.objects.values_list("pk", flat=True))
    assert ("السطر 7" if language == "ar" else "Ligne 7") in html
    assert ("Ligne 7" if language == "ar" else "السطر 7") not in html


def test_the_lines_are_filtered_by_chapter_and_another_budgets_chapter_is_ignored(client, pages, home_ar):
    budget_ar, budget_fr = pages
    budget_year = build_year(budget_ar, year=2025, lines=40)
    chapter = Chapter.objects.get(budget=budget_ar, direction="expense", section="investment", code="20")
    expected = set(BudgetLine.objects.filter(budget_year=budget_year, chapter=chapter).values_list("pk", flat=True))
    assert 0 < len(expected) < 40
    html = _get(client, _lines_url(budget_fr), chapter=str(chapter.pk))
    assert set(_linked_lines(html)) == expected
    assert f'<option value="{chapter.pk}" selected>' in html
    other_ar, _other_fr = make_budget(home_ar, slug="other")
    build_year(other_ar, year=2025, lines=8)
    foreign = Chapter.objects.filter(budget=other_ar).first()
    for value in (str(foreign.pk), "abc", "99999999999999999999999", "٣"):
        assert len(_linked_lines(_get(client, _lines_url(budget_fr), chapter=value))) == 40, value


def test_the_lines_are_searched_in_arabic_the_way_the_site_search_reads_it(client, pages):
    budget_ar, budget_fr = pages
    budget_year = build_year(budget_ar, year=2025, lines=40)
    lighting = BudgetLine.objects.get(budget_year=budget_year, paragraph="6")
    BudgetLine.objects.filter(pk=lighting.pk).update(label_ar="مصاريف الإنارة العمومية", label_fr="Éclairage public")
    for query in ("الإنارة العمومية", "الانارة العموميه", "الاِنارة", "  الإنارة\u200f  "):
        html = _get(client, _lines_url(budget_ar), q=query)
        assert _linked_lines(html) == [lighting.pk], query
    # the French label and the code are searched too, in either language
    for query in ("eclairage", "ÉCLAIRAGE PUB", lighting.code):
        assert _linked_lines(_get(client, _lines_url(budget_fr), q=query)) == [lighting.pk], query
    html = _get(client, _lines_url(budget_fr), q="introuvable")
    assert _linked_lines(html) == [] and "Aucune ligne ne correspond à votre recherche." in html
    assert 'value="introuvable"' in html  # what was typed is kept


def test_the_words_and_the_chapter_combine(client, pages):
    budget_ar, budget_fr = pages
    budget_year = build_year(budget_ar, year=2025, lines=40)
    line = BudgetLine.objects.get(budget_year=budget_year, paragraph="6")
    assert _linked_lines(_get(client, _lines_url(budget_fr), q="Ligne 6", chapter=str(line.chapter_id))) == [line.pk]
    other_chapter = Chapter.objects.filter(budget=budget_ar).exclude(pk=line.chapter_id).first()
    assert _linked_lines(_get(client, _lines_url(budget_fr), q="Ligne 6", chapter=str(other_chapter.pk))) == []


def test_the_lines_come_fifty_a_page_and_the_pages_keep_the_filters(client, pages):
    budget_ar, budget_fr = pages
    build_year(budget_ar, year=2025, lines=120)
    first = _get(client, _lines_url(budget_fr))
    assert len(_linked_lines(first)) == 50
    assert 'href="?page=2" rel="next"' in first
    third = _get(client, _lines_url(budget_fr), page="3")
    assert len(_linked_lines(third)) == 20 and 'href="?page=2" rel="prev"' in third
    # unreadable or too large page numbers never fail
    assert len(_linked_lines(_get(client, _lines_url(budget_fr), page="x"))) == 50
    assert len(_linked_lines(_get(client, _lines_url(budget_fr), page="99999"))) == 20
    every = set()
    for number in (1, 2, 3):
        every |= set(_linked_lines(_get(client, _lines_url(budget_fr), page=str(number))))
    assert every == set(BudgetLine.objects.values_list("pk", flat=True))
    searched = _get(client, _lines_url(budget_fr), q="Ligne")
    assert 'href="?q=Ligne&amp;page=2" rel="next"' in searched


@pytest.mark.parametrize("year", [2027, 2031])
def test_a_year_that_is_not_published_is_not_found(client, pages, year):
    budget_ar, budget_fr = pages
    build_year(budget_ar, year=2025, lines=8)
    build_year(budget_ar, year=2027, lines=8, executed=False, published=False)
    assert client.get(_lines_url(budget_fr, year)).status_code == 404
    assert client.get(_lines_url(budget_ar, year)).status_code == 404


def test_executed_amounts_are_hidden_until_the_account_is_published(client, pages):
    budget_ar, budget_fr = pages
    budget_year = build_year(budget_ar, year=2025, lines=8)  # executed amounts imported
    BudgetYear.objects.filter(pk=budget_year.pk).update(account_published_at=None)
    content_changed()
    with translation.override("fr"):
        heading = f'<th scope="col">{gettext("Executed")}</th>'
    assert heading != '<th scope="col">Executed</th>'  # translated, so the check below reads the page's words
    html = _get(client, _lines_url(budget_fr))
    assert "7\u202f060,00" in html  # line 6: final 7 060,00, executed 6 354,00
    assert "6\u202f354,00" not in html and heading not in html
    BudgetYear.objects.filter(pk=budget_year.pk).update(account_published_at=budget_year.budget_published_at)
    content_changed()
    html = _get(client, _lines_url(budget_fr))
    assert "6\u202f354,00" in html and heading in html


def test_the_execution_rate_rule_lives_in_one_place():
    from decimal import Decimal as D

    assert figures.execution_rate is models.execution_rate
    line = BudgetLine(voted=D("3"), amendments=D("0"), executed=D("2"))
    assert line.execution_rate == models.execution_rate(D("2"), D("3")) == D("66.7")
    assert BudgetLine(voted=D("0"), amendments=D("0"), executed=D("2")).execution_rate is None


def test_the_visible_questions_of_each_line_are_counted(client, pages, citizen):
    budget_ar, budget_fr = pages
    budget_year = build_year(budget_ar, year=2025, lines=8)
    line = BudgetLine.objects.get(budget_year=budget_year, paragraph="6")
    for title in ("لماذا ارتفعت مصاريف الإنارة؟", "ما هي الأشغال المبرمجة؟", "سؤال سيحجب"):
        question = services.question_ask(budget=budget_ar, line=line, author=citizen, title=title,
                                         text="أريد أن أعرف سبب هذا الاعتماد.")
    Contribution.objects.filter(pk=question.pk).update(visibility=Visibility.HIDDEN)
    content_changed()
    html = _get(client, _lines_url(budget_fr))
    row = re.search(rf'<tr>(?:(?!</tr>).)*/lines/{line.pk}/"(?:(?!</tr>).)*</tr>', html, flags=re.S).group(0)
    assert row.endswith("<td>2</td></tr>"), row
    assert html.count("<td>0</td></tr>") == 7


def _count_queries(client, url, **params) -> int:
    client.get(url, params)  # warm the per-process caches (site, locales)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_the_lines_page_runs_as_many_queries_at_40_as_at_600_lines(client, home_ar, settings, citizen):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 0
    counts = []
    for slug, size in (("small", 40), ("big", 600)):
        budget_ar, budget_fr = make_budget(home_ar, slug=slug)
        budget_year = build_year(budget_ar, year=2025, lines=size)
        line = BudgetLine.objects.filter(budget_year=budget_year).first()
        services.question_ask(budget=budget_ar, line=line, author=citizen, title="لماذا هذا الاعتماد؟",
                              text="أريد أن أعرف سبب هذا الاعتماد.")
        chapter = str(line.chapter_id)
        counts.append((_count_queries(client, _lines_url(budget_fr)),
                       _count_queries(client, _lines_url(budget_ar), chapter=chapter, page="2"),
                       _count_queries(client, _lines_url(budget_fr), q="Ligne 1")))
    assert counts[0] == counts[1], counts
    assert counts[1][0] < 25, counts


def test_anonymous_visitors_get_the_cached_page_for_each_query_string(client, pages, settings):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 60
    build_year(pages[0], year=2025, lines=12)
    url = _lines_url(pages[1])
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    searched = client.get(url, {"q": "Ligne 3"})
    assert searched["X-Page-Cache"] == "miss" and len(_linked_lines(searched.content.decode())) == 1


def test_the_year_page_links_to_every_line_and_to_each_explained_chapters_lines(client, pages):
    budget_ar, budget_fr = pages
    build_year(budget_ar, year=2025, lines=40)
    chapter = Chapter.objects.get(budget=budget_ar, direction="revenue", section="operating", code="10")
    Chapter.objects.filter(pk=chapter.pk).update(explanation_ar="ما تجبيه الجماعة", explanation_fr="Ce que perçoit la commune")
    content_changed()
    for page in pages:
        html = _get(client, page.url + page.reverse_subpage("year_route", args=[2025]))
        assert f'href="{_lines_url(page)}"' in html
        assert f'href="{_lines_url(page)}?chapter={chapter.pk}"' in html
        assert html.count(f'href="{_lines_url(page)}?chapter=') == 1  # only explained chapters, never sectors
