"""Citizens' questions about a budget line: the line's page (amounts, explanations, other years,
questions, the form), asking (refusals, errors keeping the text), the commune's official answer
through the core (service and admin screen) notifying the followers, both languages, fixed
query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from participation.budget import services
from participation.budget.models import QUESTION_KIND, BudgetLine, LineQuestion
from participation.core.models import Comment, Contribution, ContributionStatus, UserBlock, Visibility
from participation.core.rules import ActionRefused
from participation.core.services import contribution_set_status
from participation.notifications.models import Follow, Notification
from tests.budget.conftest import build_year, make_budget
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

TITLE = "لماذا ارتفعت مصاريف الإنارة العمومية؟"
TEXT = "أريد أن أعرف سبب ارتفاع هذا الاعتماد مقارنة بالسنة الماضية."


def _valid(html: str) -> None:
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(html)
    assert [e for e in parser.errors if e[1] != "unexpected-end-tag-in-special-element"] == []


@pytest.fixture
def pages(home_ar):
    return make_budget(home_ar)


@pytest.fixture
def years(pages):
    """2025 with its administrative account, 2026 voted only, 2027 not published."""
    budget = pages[0]
    return {
        2025: build_year(budget, year=2025, lines=16),
        2026: build_year(budget, year=2026, lines=16, executed=False),
        2027: build_year(budget, year=2027, lines=16, executed=False, published=False),
    }


def _line(budget_year, paragraph="6") -> BudgetLine:
    """Line ``n`` of ``build_year`` is paragraph ``n``; 6 is an operating expense (final credit
    7 060,00, executed 6 354,00 when the year has its account)."""
    return BudgetLine.objects.get(budget_year=budget_year, paragraph=paragraph)


def _line_url(page, line) -> str:
    return page.url + page.reverse_subpage("line_route", args=[line.budget_year.year, line.pk])


def _question_url(page, contribution) -> str:
    return page.url + page.reverse_subpage("question_route", args=[contribution.pk])


def _ask(budget, line, author, title=TITLE, text=TEXT) -> Contribution:
    return services.question_ask(budget=budget, line=line, author=author, title=title, text=text)


# --- the line's page --------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_line_page_shows_amounts_explanations_and_other_years(client, pages, years, language):
    page = pages[0] if language == "ar" else pages[1]
    line = _line(years[2026])
    line.chapter.explanation_ar, line.chapter.explanation_fr = "شرح الباب", "Explication du chapitre"
    line.chapter.save()
    response = client.get(_line_url(page, line))
    assert response.status_code == 200
    html = response.content.decode()
    _valid(html)
    label, explanation, other = (
        ("السطر 6", "شرح الباب", "Ligne 6") if language == "ar" else ("Ligne 6", "Explication du chapitre", "السطر 6")
    )
    assert label in html and explanation in html and other not in html
    sector_name, sector_explanation = (
        (line.sector.name_ar, line.sector.explanation_ar) if language == "ar"
        else (line.sector.name_fr, line.sector.explanation_fr)
    )
    assert escape(sector_name) in html and escape(sector_explanation.splitlines()[0]) in html
    assert "7\u202f060,00" in html  # final credit: 7 000 + 60
    # 2025 is another published year of the same line, with its executed amount; 2027 is not published
    line_2025 = _line(years[2025])
    assert _line_url(page, line_2025) in html and "6\u202f354,00" in html  # 90 % of 7 060
    assert _line_url(page, _line(years[2027])) not in html
    # executed amounts of 2026 are not shown: its administrative account is not published
    assert "<caption>" in html and 'scope="row"' in html


def test_executed_amounts_only_once_the_account_is_published(client, pages, years):
    line = _line(years[2025])
    html = client.get(_line_url(pages[0], line)).content.decode()
    assert "6\u202f354,00" in html
    BudgetLine.objects.filter(pk=line.pk).update(executed=Decimal("1234.00"))
    years[2025].account_published_at = None
    years[2025].save()
    html = client.get(_line_url(pages[1], line)).content.decode()
    assert "1\u202f234,00" not in html and "6\u202f354,00" not in html
    assert "compte administratif de l’année publié" in html


def test_lines_of_unpublished_years_and_of_other_years_are_not_found(client, pages, years, citizen):
    page = pages[0]
    hidden = _line(years[2027])
    assert client.get(_line_url(page, hidden)).status_code == 404
    client.force_login(citizen)
    response = client.post(_line_url(page, hidden), {"title": TITLE, "text": TEXT})
    assert response.status_code == 404
    line = _line(years[2026])
    assert client.get(page.url + page.reverse_subpage("line_route", args=[2025, line.pk])).status_code == 404
    other_budget, _fr = make_budget(page.get_parent(), slug="other-budget")
    assert client.get(other_budget.url + other_budget.reverse_subpage("line_route", args=[2026, line.pk])).status_code == 404
    assert not Contribution.objects.exists()


# --- asking -----------------------------------------------------------------------------------


def test_a_verified_citizen_asks_and_is_sent_to_the_question(client, pages, years, citizen):
    page = pages[1]  # from the French page: the question hangs on the Arabic (logical) page
    line = _line(years[2026])
    client.force_login(citizen)
    response = client.post(_line_url(page, line), {"title": TITLE, "text": TEXT})
    contribution = Contribution.objects.get()
    assert response.status_code == 303
    assert response["Location"] == _question_url(page, contribution)
    assert contribution.kind == QUESTION_KIND and contribution.page_id == pages[0].pk
    assert contribution.author == citizen and contribution.title == TITLE
    assert contribution.data == {"line": line.pk, "year": 2026}
    assert LineQuestion.objects.get().line == line and LineQuestion.objects.get().contribution == contribution
    assert Follow.objects.filter(user=citizen, contribution=contribution).exists()  # the author follows it
    html = client.get(response["Location"]).content.decode()
    _valid(html)
    assert TITLE in html and _line_url(page, line) in html
    listing = client.get(_line_url(page, line)).content.decode()
    assert TITLE in listing and _question_url(page, contribution) in listing


def test_errors_keep_what_was_typed(client, pages, years, citizen):
    line = _line(years[2026])
    client.force_login(citizen)
    url = _line_url(pages[0], line)
    response = client.post(url, {"title": "x" * 201, "text": TEXT})
    html = response.content.decode()
    assert response.status_code == 400
    assert TEXT in html and "x" * 201 in html and 'class="errorlist"' in html
    _valid(html)
    response = client.post(url, {"title": TITLE, "text": ""})
    html = response.content.decode()
    assert response.status_code == 400 and TITLE in html
    response = client.post(url, {"title": TITLE, "text": "y" * 2001})
    assert response.status_code == 400 and "y" * 2001 in response.content.decode()
    fr = client.post(_line_url(pages[1], line), {"title": TITLE, "text": ""}).content.decode()
    assert "Expliquez" in fr or "obligatoire" in fr or "Explain your question" in fr
    assert not Contribution.objects.exists() and not LineQuestion.objects.exists()


def test_markup_is_kept_as_text(client, pages, years, citizen):
    line = _line(years[2026])
    client.force_login(citizen)
    response = client.post(_line_url(pages[0], line), {"title": "سؤال <script>alert(1)</script>",
                                                       "text": "<b>bold</b> https://example.ma"})
    html = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html and "<b>bold" not in html
    assert 'href="https://example.ma"' in html


@pytest.mark.parametrize("who", ["anonymous", "unverified", "blocked"])
def test_refusals_write_nothing(client, pages, years, make_citizen, commune_site, who):
    line = _line(years[2026])
    url = _line_url(pages[0], line)
    blocked = escape(gettext("Your account is blocked from taking part for now."))  # in Arabic: the page's language
    expected = {"anonymous": "/accounts/login/", "unverified": "/accounts/email/", "blocked": blocked}[who]
    if who == "unverified":
        client.force_login(make_citizen(verified=False))
    elif who == "blocked":
        user = make_citizen()
        UserBlock.objects.create(user=user, site=commune_site, until=timezone.now() + dt.timedelta(days=3), reason="x")
        client.force_login(user)
    page = client.get(url)
    assert page.status_code == 200 and 'name="title"' not in page.content.decode()
    assert expected in page.content.decode()
    response = client.post(url, {"title": TITLE, "text": TEXT})
    assert response.status_code == 403
    assert expected in response.content.decode() and 'name="title"' not in response.content.decode()
    assert not Contribution.objects.exists() and not LineQuestion.objects.exists()


def test_the_service_refuses_unpublished_years_and_other_budgets(pages, years, citizen, home_ar):
    with pytest.raises(ActionRefused):
        _ask(pages[0], _line(years[2027]), citizen)
    other, _fr = make_budget(home_ar, slug="other-budget")
    with pytest.raises(ValueError):
        _ask(other, _line(years[2026]), citizen)
    assert not Contribution.objects.exists()


# --- the commune's answer ---------------------------------------------------------------------


def test_the_focal_point_answers_and_the_followers_hear_of_it(client, pages, years, citizen, citizen2, focal_point):
    line = _line(years[2025])
    question = _ask(pages[0], line, citizen)
    # a second citizen follows the question from its page
    client.force_login(citizen2)
    follow = client.post(reverse("notifications:follow_toggle", args=[question.pk]),
                         {"next": _question_url(pages[1], question)})
    assert follow.status_code == 302 and Follow.objects.filter(user=citizen2, contribution=question).exists()

    # the focal point finds it in the core admin's contributions and answers there
    client.force_login(focal_point)
    listing = client.get(reverse("participation_core_admin:contributions"), {"kind": QUESTION_KIND})
    assert listing.status_code == 200 and TITLE in listing.content.decode()
    assert escape(gettext("Question about a budget line")) in listing.content.decode()  # the kind's label
    answer_url = reverse("participation_core_admin:answer", args=[question.pk])
    screen = client.get(answer_url)
    assert screen.status_code == 200 and _question_url(pages[0], question) in screen.content.decode()
    response = client.post(answer_url, {"status": ContributionStatus.ANSWERED, "answer": "الزيادة بسبب توسيع الشبكة.",
                                        "reason": ""})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == ContributionStatus.ANSWERED and question.answered_by == focal_point

    told = Notification.objects.filter(contribution=question)
    assert set(told.values_list("user_id", flat=True)) == {citizen.pk, citizen2.pk}
    assert told.filter(user=citizen2, event__in=["official_answer", "status_change"]).exists()
    client.force_login(citizen2)
    inbox = client.get(reverse("notifications:list"))
    assert inbox.status_code == 200 and TITLE in inbox.content.decode()
    opened = client.get(reverse("notifications:open", args=[told.filter(user=citizen2).first().pk]))
    assert opened.status_code == 302 and opened["Location"].endswith(_question_url(pages[0], question))

    for page in pages:
        client.logout()
        html = client.get(_question_url(page, question)).content.decode()
        _valid(html)
        assert "الزيادة بسبب توسيع الشبكة." in html and 'class="official-answer"' in html
        listing = client.get(_line_url(page, line)).content.decode()
        assert "الزيادة بسبب توسيع الشبكة." in listing


def test_the_core_service_answers_too(pages, years, citizen, citizen2, focal_point):
    question = _ask(pages[0], _line(years[2026]), citizen)
    Follow.objects.create(user=citizen2, contribution=question)
    contribution_set_status(contribution=question, status=ContributionStatus.ANSWERED, by=focal_point,
                            answer="Réponse de la commune.")
    assert Notification.objects.filter(user=citizen2, contribution=question).exists()
    assert Notification.objects.filter(user=citizen, contribution=question).exists()


def test_a_hidden_question_is_found_only_by_its_author(client, pages, years, citizen, citizen2):
    line = _line(years[2026])
    question = _ask(pages[0], line, citizen)
    Contribution.objects.filter(pk=question.pk).update(visibility=Visibility.HIDDEN, hidden_reason="hors sujet")
    assert client.get(_question_url(pages[0], question)).status_code == 404
    client.force_login(citizen2)
    assert client.get(_question_url(pages[0], question)).status_code == 404
    assert TITLE not in client.get(_line_url(pages[0], line)).content.decode()
    client.force_login(citizen)
    response = client.get(_question_url(pages[1], question))
    assert response.status_code == 200 and "hors sujet" in response.content.decode()


def test_unknown_or_foreign_questions_are_not_found(client, pages, years, citizen, home_ar):
    question = _ask(pages[0], _line(years[2026]), citizen)
    other, _fr = make_budget(home_ar, slug="other-budget")
    assert client.get(_question_url(other, question)).status_code == 404
    assert client.get(pages[0].url + pages[0].reverse_subpage("question_route", args=[question.pk + 99])).status_code == 404


# --- query counts -----------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    client.get(url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("logged_in", [False, True])
def test_pages_run_as_many_queries_with_2_as_with_25_questions_and_comments(
    client, pages, years, citizen, make_citizen, focal_point, settings, logged_in
):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 0
    page = pages[0]
    small, big = _line(years[2026], "1"), _line(years[2026], "2")
    authors = [make_citizen() for _n in range(3)]
    first = {}
    for line, count in ((small, 2), (big, 25)):
        for n in range(count):
            question = _ask(page, line, authors[n % 3], title=f"سؤال رقم {n}")
            first.setdefault(line.pk, question)
            if n % 2 == 0:
                contribution_set_status(contribution=question, status=ContributionStatus.ANSWERED, by=focal_point,
                                        answer=f"جواب {n}")
        for m in range(count):
            CommentFactory(contribution=first[line.pk], author=authors[m % 3], text=f"تعليق {m}")
    assert Comment.objects.filter(contribution=first[big.pk]).count() == 25
    if logged_in:
        client.force_login(citizen)
    line_counts = [_queries(client, _line_url(page, line)) for line in (small, big)]
    question_counts = [_queries(client, _question_url(page, first[line.pk])) for line in (small, big)]
    assert line_counts[0] == line_counts[1], line_counts
    assert question_counts[0] == question_counts[1], question_counts


def test_hostile_values_are_never_server_errors(client, pages, years, citizen):
    from urllib.parse import quote

    line = _line(years[2026])
    question = _ask(pages[0], line, citizen)
    values = ["9" * 23, "\u00b2", "\u0663", "\x00", '"', "infinity", "a\u202eb\u2066" + "\u0627" * 1000]
    client.force_login(citizen)
    for value in values:
        ok = (200, 400)  # 400: the site's middleware refuses a NUL byte
        assert client.get(_line_url(pages[0], line), {"questions": value}).status_code in ok
        assert client.get(_question_url(pages[1], question), {"comments": value, "reply": value}).status_code in ok
        response = client.post(_line_url(pages[0], line), {"title": value, "text": value})
        assert response.status_code in (303, 400)
        data = pages[0].url + f"years/2026/data/{quote(value, safe='')}/"
        assert client.get(data).status_code in (400, 404)  # NUL: the site's middleware answers 400
    for year in ("9" * 23, "0", str(2**63)):
        assert client.get(pages[0].url + f"years/{year}/lines/{line.pk}/").status_code == 404
        assert client.get(pages[0].url + f"years/{year}/data/csv/").status_code == 404
        assert client.get(pages[0].url + f"years/{year}/pdf/").status_code == 404


def test_a_line_links_to_the_programme_project_it_pays_for(client, pages, years, home_ar):
    from participation.core.pages import contribution_url
    from participation.programme.models import Project
    from tests.programme.conftest import build_programme, make_programme

    programme, _fr = make_programme(home_ar)
    build_programme(programme, axes=1, projects=2, activities=1, years=(2025,))
    project = Project.objects.get(programme=programme, number=2)
    line = _line(years[2026], "7")
    line.tracked_project = project.contribution
    line.save()
    html = client.get(_line_url(pages[1], line)).content.decode()
    _valid(html)
    with translation.override("fr"):
        url = contribution_url(project.contribution)
    assert f'href="{url}"' in html and "/fr/" in url
