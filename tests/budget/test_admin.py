"""The communicator's screens in the Wagtail admin (Arabic by default, French): the budgets and
their duties, a budget's overview (years, totals, publication, questions awaiting an answer), the
year form, publishing from the overview; everyone else refused with nothing changed; the chapters
and sectors snippets scoped to the user's communes; the home page's citizen budget block."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from participation.budget.models import QUESTION_KIND, BudgetLine, BudgetYear, Chapter, Sector
from participation.core.models import Contribution
from site_template.communes.services import CommuneSpec, commune_create
from tests.budget.conftest import build_year, make_budget
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1


def _login(client, user, language: str = "ar"):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


def _duty_states(html: str) -> list[str]:
    return re.findall(r'data-duty-state="(\w+)"', html)


@pytest.fixture
def pages(home_ar):
    return make_budget(home_ar)


@pytest.fixture
def draft(pages):
    return build_year(pages[0], year=LAST_YEAR, lines=8, published=False)


@pytest.fixture
def other_commune(db, commune_site):
    site = commune_create(spec=CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar",
                                           hostname="ksar.test"))
    other_ar, _fr = make_budget(site.root_page.specific, slug="budget-ksar")
    Chapter.objects.create(budget=other_ar, direction="revenue", section="operating", code="77",
                           name_ar="باب القصر الكبير", name_fr="Chapitre de Ksar")
    return site, other_ar


# --- the communicator, in both languages --------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_index_and_overview_show_the_duties_of_the_demo(client, demo_commune, budget, language):
    from site_template.communes.roles import Role

    communicator = UserFactory(role=Role.COMMUNICATOR, email="com@example.ma")
    _login(client, communicator, language)
    response = client.get("/admin/budget/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language}"' in html and budget[0].title in html
    assert f"/admin/budget/{budget[0].pk}/" in html
    # 2026: budget published six days late, account not yet due; 2025: both on time.
    assert _duty_states(html) == ["late", "not_yet_due", "on_time", "on_time"]

    response = client.get(f"/admin/budget/{budget[1].pk}/")  # the French copy names the same budget
    html = response.content.decode()
    assert response.status_code == 200 and f'lang="{language}"' in html
    assert _duty_states(html) == ["late", "not_yet_due", "on_time", "on_time"]
    assert html.count("/years/") >= 4 and html.count("/unpublish/") == 3  # 2026's account is not yet due
    y2026 = BudgetYear.objects.get(budget=budget[0], year=2026)
    assert f"/admin/budget/{budget[0].pk}/years/{y2026.pk}/" in html
    assert "/admin/snippets/budget/chapter/" in html and "/admin/snippets/budget/sector/" in html


def test_the_overview_lists_the_questions_awaiting_an_answer(client, pages, draft, communicator, citizen):
    from participation.core.services import contribution_create

    waiting = contribution_create(page=pages[0], author=citizen, kind=QUESTION_KIND, title="لماذا هذا المبلغ؟",
                                  text="سؤال")
    answered = contribution_create(page=pages[0], author=citizen, kind=QUESTION_KIND, title="سؤال أجيب عنه",
                                   text="سؤال")
    Contribution.objects.filter(pk=answered.pk).update(official_answer="جواب", answered_at=timezone.now())
    html = _login(client, communicator).get(f"/admin/budget/{pages[0].pk}/").content.decode()
    assert "لماذا هذا المبلغ؟" in html and "سؤال أجيب عنه" not in html
    assert f"/admin/participation/contributions/{waiting.pk}/" in html


def test_publishing_from_the_overview(client, pages, draft, communicator):
    _login(client, communicator, "fr")
    url = f"/admin/budget/{pages[0].pk}/years/{draft.pk}/"
    response = client.post(url + "publish/", {"what": "budget", "published_on": f"{LAST_YEAR}-02-01"})
    assert response.status_code == 302 and response["Location"] == f"/admin/budget/{pages[0].pk}/"
    draft.refresh_from_db()
    assert timezone.localtime(draft.budget_published_at).date() == dt.date(LAST_YEAR, 2, 1)
    response = client.post(url + "publish/", {"what": "account"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.has_account
    response = client.post(url + "unpublish/", {"what": "budget"})  # the account first
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.is_published
    assert client.post(url + "unpublish/", {"what": "account"}).status_code == 302
    assert client.post(url + "unpublish/", {"what": "budget"}).status_code == 302
    draft.refresh_from_db()
    assert not draft.is_published and not draft.has_account


def test_a_refused_publication_says_why_and_keeps_the_date_typed(client, pages, draft, communicator):
    _login(client, communicator)
    url = f"/admin/budget/{pages[0].pk}/years/{draft.pk}/publish/"
    response = client.post(url, {"what": "account"})  # before its budget: said, and no account form
    html = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in html and 'id="published-on-' in html
    assert f'id="published-on-{draft.pk}-account"' not in html
    BudgetLine.objects.filter(pk=draft.lines.first().pk).update(executed=None)
    BudgetYear.objects.filter(pk=draft.pk).update(budget_published_at=timezone.now())
    response = client.post(url, {"what": "account", "published_on": timezone.localdate().isoformat()})
    html = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in html
    assert f'value="{timezone.localdate().isoformat()}"' in html
    BudgetYear.objects.filter(pk=draft.pk).update(budget_published_at=None)
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(url, {"what": "budget", "published_on": future})
    assert response.status_code == 200 and f'value="{future}"' in response.content.decode()
    for path in ("publish/", "unpublish/"):
        response = client.post(url.replace("publish/", path), {"what": "lines"})
        assert response.status_code == 302 and response["Location"] == f"/admin/budget/{pages[0].pk}/"
    response = client.post(url, {"what": "budget", "published_on": "pas une date"})
    assert response.status_code == 200 and 'value="pas une date"' in response.content.decode()
    draft.refresh_from_db()
    assert (draft.budget_published_at, draft.account_published_at) == (None, None)


def test_the_year_form_adds_and_edits_a_year_and_keeps_what_was_typed(client, pages, draft, communicator):
    _login(client, communicator, "fr")
    new_url = f"/admin/budget/{pages[0].pk}/years/new/"
    assert client.get(new_url).status_code == 200
    typed = {"year": str(LAST_YEAR), "approved_on": f"{LAST_YEAR}-01-12", "summary_ar": "ملخص السنة",
             "summary_fr": "Résumé de l'année"}
    response = client.post(new_url, typed)  # that year exists
    html = response.content.decode()
    assert response.status_code == 200 and "ملخص السنة" in html and "Résumé de l&#x27;année" in html
    assert BudgetYear.objects.filter(budget=pages[0]).count() == 1
    response = client.post(new_url, {**typed, "year": "1850"})
    assert response.status_code == 200 and "ملخص السنة" in response.content.decode()
    response = client.post(new_url, {**typed, "year": str(LAST_YEAR + 1), "approved_on": "32/13/2025"})
    assert response.status_code == 200 and "32/13/2025" in response.content.decode()
    assert BudgetYear.objects.filter(budget=pages[0]).count() == 1
    response = client.post(new_url, {**typed, "year": str(LAST_YEAR + 1)})
    assert response.status_code == 302
    added = BudgetYear.objects.get(budget=pages[0], year=LAST_YEAR + 1)
    assert added.summary_fr == "Résumé de l'année" and added.approved_on == dt.date(LAST_YEAR, 1, 12)

    edit_url = f"/admin/budget/{pages[0].pk}/years/{draft.pk}/"
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, {"year": str(LAST_YEAR), "approved_on": f"{LAST_YEAR}-01-20",
                                      "summary_ar": "ملخص جديد"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.summary_ar == "ملخص جديد" and draft.approved_on == dt.date(LAST_YEAR, 1, 20)


def test_a_year_of_another_budget_is_not_found(client, pages, draft, communicator, home_ar):
    other_ar, _fr = make_budget(home_ar, slug="budget-2")
    _login(client, communicator)
    # A 404 under /admin/ is sent on to the language-prefixed URL (LocaleMiddleware), which is not found either.
    assert client.get(f"/admin/budget/{other_ar.pk}/years/{draft.pk}/", follow=True).status_code == 404
    response = client.post(f"/admin/budget/{other_ar.pk}/years/{draft.pk}/publish/", {"what": "budget"})
    assert response.status_code == 404 or response["Location"].startswith("/ar/admin/")
    draft.refresh_from_db()
    assert not draft.is_published


# --- everyone else --------------------------------------------------------------------------------


def _screens(pages, draft) -> list[str]:
    base = f"/admin/budget/{pages[0].pk}/"
    return [base, f"{base}years/new/", f"{base}years/{draft.pk}/"]


@pytest.mark.parametrize("who", ["anonymous", "citizen", "focal_point", "officer"])
def test_others_of_the_commune_are_refused(client, pages, draft, who, request):
    if who != "anonymous":
        _login(client, request.getfixturevalue(who))
    for url in _screens(pages, draft):
        response = client.get(url)
        assert response.status_code in (302, 403), (who, url, response.status_code)
        assert "Location" not in response or "/admin/budget/" not in response["Location"]
    response = client.post(f"/admin/budget/{pages[0].pk}/years/{draft.pk}/publish/", {"what": "budget"})
    assert response.status_code in (302, 403)
    response = client.post(f"/admin/budget/{pages[0].pk}/years/new/", {"year": "2031"})
    assert response.status_code in (302, 403)
    draft.refresh_from_db()
    assert not draft.is_published and not BudgetYear.objects.filter(year=2031).exists()
    index = client.get("/admin/budget/")
    assert f"/admin/budget/{pages[0].pk}/" not in index.content.decode()


def test_the_focal_point_is_sent_back_to_the_dashboard(client, pages, draft, focal_point):
    response = _login(client, focal_point).get(f"/admin/budget/{pages[0].pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_communicator_of_another_commune_gets_403(client, pages, draft, other_commune):
    site, _other = other_commune
    stranger = UserFactory(communicator=True, site=site, email="ksar@example.ma")
    _login(client, stranger)
    for url in _screens(pages, draft):
        assert client.get(url).status_code == 403, url
    response = client.post(f"/admin/budget/{pages[0].pk}/years/{draft.pk}/publish/", {"what": "budget"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert not draft.is_published
    index = client.get("/admin/budget/").content.decode()
    assert f"/admin/budget/{pages[0].pk}/" not in index and f"/admin/budget/{_other.pk}/" in index


def test_the_administrator_keeps_the_budget(client, pages, draft, administrator):
    assert _login(client, administrator).get(f"/admin/budget/{pages[0].pk}/").status_code == 200


# --- snippets ------------------------------------------------------------------------------------


def test_the_snippets_list_only_the_users_communes(client, pages, draft, communicator, other_commune):
    _site, other_ar = other_commune
    _login(client, communicator)
    html = client.get("/admin/snippets/budget/chapter/").content.decode()
    assert "الباب 10" in html and "باب القصر الكبير" not in html
    other_chapter = Chapter.objects.get(budget=other_ar)
    assert client.get(f"/admin/snippets/budget/chapter/edit/{other_chapter.pk}/").status_code in (403, 404)
    sectors = client.get("/admin/snippets/budget/sector/").content.decode()
    assert Sector.objects.filter(budget=pages[0]).first().name_ar in sectors
    other_sector = Sector.objects.filter(budget=other_ar).first()
    assert client.get(f"/admin/snippets/budget/sector/edit/{other_sector.pk}/").status_code in (403, 404)


def test_the_communicator_writes_a_chapters_explanation(client, pages, draft, communicator):
    chapter = Chapter.objects.filter(budget=pages[0]).first()
    _login(client, communicator)
    url = f"/admin/snippets/budget/chapter/edit/{chapter.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "budget": pages[0].pk, "direction": chapter.direction, "section": chapter.section, "code": chapter.code,
        "name_ar": chapter.name_ar, "name_fr": chapter.name_fr, "explanation_ar": "ما تؤديه الساكنة للجماعة.",
        "explanation_fr": "",
    })
    assert response.status_code == 302
    chapter.refresh_from_db()
    assert chapter.explanation_ar == "ما تؤديه الساكنة للجماعة."


def test_the_focal_point_has_no_budget_snippets(client, pages, draft, focal_point):
    response = _login(client, focal_point).get("/admin/snippets/budget/chapter/")
    assert response.status_code in (302, 403)


# --- menu, page buttons and the home page ---------------------------------------------------------


def test_menu_and_page_button(client, pages, communicator, focal_point):
    html = _login(client, communicator).get(f"/admin/pages/{pages[0].pk}/edit/").content.decode()
    assert '"url": "/admin/budget/"' in html and f'href="/admin/budget/{pages[0].pk}/"' in html  # menu, button
    client.logout()
    html = _login(client, focal_point).get("/admin/").content.decode()
    assert '"url": "/admin/budget/"' not in html and "/admin/snippets/budget/" not in html


def test_the_home_page_shows_the_latest_published_years_totals(client, demo_commune, budget):
    from decimal import Decimal

    from django.db.models import F, Sum
    from django.utils import translation

    from participation.core.money import format_mad_short

    y2026 = BudgetYear.objects.get(budget=budget[0], year=2026)
    totals = dict(y2026.lines.values_list("direction").annotate(total=Sum(F("voted") + F("amendments"))))
    for language in ("ar", "fr"):
        html = client.get(f"/{language}/").content.decode()
        with translation.override(language):
            revenue, expense = format_mad_short(totals["revenue"]), format_mad_short(totals["expense"])
        assert revenue in html and expense in html, language
        assert f"{budget[0 if language == 'ar' else 1].url}years/2026/" in html
    assert totals["revenue"] > Decimal("0")


def test_the_home_page_has_no_budget_block_without_a_published_year(client, pages, draft):
    assert "/years/" not in client.get("/ar/").content.decode()


@pytest.mark.parametrize("value", ["9" * 23, "\u00b2", "\u0663\u0660\u0662\u0665", "-1", "\x00", "'\"<>%"])
def test_hostile_values_are_form_errors(client, pages, draft, communicator, value):
    _login(client, communicator)
    response = client.post(f"/admin/budget/{pages[0].pk}/years/new/", {"year": value, "approved_on": value,
                                                                        "summary_ar": value})
    assert response.status_code == 200
    response = client.post(f"/admin/budget/{pages[0].pk}/years/{draft.pk}/publish/",
                           {"what": "budget", "published_on": value})
    assert response.status_code == 200
    assert BudgetYear.objects.filter(budget=pages[0]).count() == 1
    draft.refresh_from_db()
    assert not draft.is_published


def test_the_overview_runs_the_same_queries_whatever_the_years_and_lines(client, pages, communicator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_year(pages[0], year=LAST_YEAR - 1, lines=8)
    _login(client, communicator)
    url = f"/admin/budget/{pages[0].pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    build_year(pages[0], year=LAST_YEAR, lines=300, published=False)
    build_year(pages[0], year=LAST_YEAR - 2, lines=120)
    with CaptureQueriesContext(connection) as big:
        html = client.get(url).content.decode()
    assert len(_duty_states(html)) == 6
    assert len(big.captured_queries) == len(small.captured_queries), [q["sql"] for q in big.captured_queries]
