"""The citizen-budget journey in headless Chromium (issue 13 quality bar):

the communicator imports two budget years of about 300 lines each from the commune's spreadsheet
in the Wagtail admin, sets their approval dates and publishes them (and the administrative account
of the first); a citizen reads the citizen pages on a phone-size screen in Arabic and in French,
whose per-inhabitant and execution figures match a computation by hand below; she asks a question
about a line, another citizen follows it, the focal point gives the official answer in the admin
and the follower is told."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.budget.conftest import make_budget
from tests.budget.spreadsheets import budget_workbook, sample_rows
from tests.e2e.helpers import logged_in_phone
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e

POPULATION = 125008
YEARS = (2024, 2025)


def rows_of(year: int) -> list[dict]:
    """The year's workbook rows (chapter rows and 300 lines); the expense lines of 2024 are
    executed unevenly (60 % of the investment lines, 95 % of the operating ones), so the
    execution rate is a real sum, not a constant."""
    rows = list(sample_rows(year, n=300))
    if year == 2024:
        for row in rows:
            if row["direction"] == "expense" and row["article"]:
                share = Decimal("0.60") if row["section"] == "investment" else Decimal("0.95")
                row["executed"] = ((row["voted"] + row["amendments"]) * share).quantize(Decimal("0.01"))
        for row in rows:  # the chapter rows keep adding up
            if not row["article"]:
                mine = [r for r in rows if r["article"] and all(r[k] == row[k] for k in ("direction", "section",
                                                                                        "chapter"))]
                row["executed"] = sum(r["executed"] for r in mine)
    return rows


def by_hand(rows: list[dict]) -> dict:
    """What the citizen page must say, computed here from the spreadsheet alone."""
    lines = [r for r in rows if r["article"]]
    revenue = sum(r["voted"] + r["amendments"] for r in lines if r["direction"] == "revenue")
    expense = sum(r["voted"] + r["amendments"] for r in lines if r["direction"] == "expense")
    executed = sum(r["executed"] for r in lines if r["direction"] == "expense")
    cent, tenth = Decimal("0.01"), Decimal("0.1")
    return {
        "revenue_per_inhabitant": (revenue / POPULATION).quantize(cent, rounding=ROUND_HALF_UP),
        "expense_per_inhabitant": (expense / POPULATION).quantize(cent, rounding=ROUND_HALF_UP),
        "execution_rate": (executed * 100 / expense).quantize(tenth),
    }


def written(amount: Decimal, decimals: int = 2) -> str:
    """An amount as the Moroccan pages write it: groups of three split by a narrow no-break
    space, a decimal comma."""
    whole, _, fraction = f"{amount:.{decimals}f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return "\u202f".join(groups) + ("," + fraction if decimals else "")


@pytest.fixture
def journey(live_commune, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # staff log in with a password here
    settings.RATELIMIT_ENABLED = False
    from django.contrib.auth.models import Permission

    from site_template.communes.roles import Role
    from tests.factories import grant_role

    site = live_commune
    staff = {}
    for key, role in (("communicator", Role.COMMUNICATOR), ("focal", Role.FOCAL_POINT)):
        user = UserFactory(email=f"{key}@example.ma", display_name=key)
        user.is_staff = True
        user.save()
        grant_role(user, role=role, site=site)
        for group in user.groups.all():
            group.permissions.add(Permission.objects.get(codename="access_admin"))
        staff[key] = user
    budget, budget_fr = make_budget(site.root_page.specific, slug="citizen-budget")
    return {
        "site": site, "budget": budget, "budget_fr": budget_fr,
        "amina": UserFactory(email="amina@example.ma", display_name="أمينة"),
        "karim": UserFactory(email="karim@example.ma", display_name="Karim"), **staff,
    }


def test_budget_journey(browser, live_server, journey, tmp_path):
    from participation.budget.models import BudgetLine, BudgetYear, LineQuestion
    from participation.notifications.models import Notification

    base = live_server.url
    budget, budget_fr = journey["budget"], journey["budget_fr"]

    # 1. The communicator imports the two years' spreadsheets in the admin.
    context, staff = logged_in_phone(browser, base, "communicator@example.ma")
    staff.set_viewport_size({"width": 1280, "height": 900})
    rows = {year: rows_of(year) for year in YEARS}
    for year in YEARS:
        staff.goto(f"{base}/admin/budget/{budget.pk}/import/")
        workbook = tmp_path / f"budget-{year}.xlsx"
        workbook.write_bytes(budget_workbook(rows[year]))
        staff.fill("input[name=year]", str(year))
        staff.set_input_files("input[type=file]", str(workbook))
        staff.locator("main form button[type=submit]").click()
        staff.wait_for_load_state()
        assert BudgetLine.objects.filter(budget_year__budget=budget, budget_year__year=year).count() == 300, (
            staff.inner_text("main")[:1500])

    # 2. ... sets each year's approval date, publishes both budgets and the account of 2024.
    for year in YEARS:
        budget_year = BudgetYear.objects.get(budget=budget, year=year)
        staff.goto(f"{base}/admin/budget/{budget.pk}/years/{budget_year.pk}/")
        staff.fill("input[name=approved_on]", f"{year}-01-20")
        staff.fill("textarea[name=summary_ar]", f"ميزانية سنة {year} بكلمات بسيطة")
        staff.fill("textarea[name=summary_fr]", f"Le budget {year} en mots simples")
        staff.locator("main form button[type=submit]").first.click()
        staff.wait_for_load_state()
        staff.goto(f"{base}/admin/budget/{budget.pk}/")
        staff.locator(f"form[action$='/years/{budget_year.pk}/publish/']:has(input[value=budget]) button").click()
        staff.wait_for_load_state()
    first = BudgetYear.objects.get(budget=budget, year=2024)
    staff.locator(f"form[action$='/years/{first.pk}/publish/']:has(input[value=account]) button").click()
    staff.wait_for_load_state()
    first.refresh_from_db()
    assert first.approved_on == dt.date(2024, 1, 20) and first.is_published and first.has_account
    assert BudgetYear.objects.get(budget=budget, year=2025).is_published
    assert not BudgetYear.objects.get(budget=budget, year=2025).has_account

    # 3. A citizen reads the citizen pages on a phone, in Arabic and in French.
    citizen_context, citizen = logged_in_phone(browser, base, "amina@example.ma")
    expected = by_hand(rows[2024])
    for page_obj, direction in ((budget, "rtl"), (budget_fr, "ltr")):
        citizen.goto(f"{base}{page_obj.url}years/2024/")
        assert citizen.locator("html").get_attribute("dir") == direction
        figures = citizen.inner_text("main .budget-figures")
        assert written(expected["revenue_per_inhabitant"]) in figures, figures
        assert written(expected["expense_per_inhabitant"]) in figures, figures
        assert written(expected["execution_rate"], 1) in figures, figures
        assert citizen.locator("main svg[role=img]").count() >= 2
        assert citizen.locator("main table caption").count() >= 2
        width = citizen.evaluate("document.documentElement.scrollWidth")
        assert width <= 412, f"the page is wider than the phone: {width}px"
        assert citizen.locator("main .budget-figures > div").count() == 3  # revenue, expenses, executed
        citizen.goto(f"{base}{page_obj.url}years/2025/")
        assert citizen.locator("main .budget-figures > div").count() == 2  # the account of 2025 is not published
        assert written(by_hand(rows[2025])["expense_per_inhabitant"]) in citizen.inner_text("main .budget-figures")

    # 4. She asks about a line (from the year page, in French); Karim follows her question.
    citizen.goto(f"{base}{budget_fr.url}years/2024/")
    citizen.locator("main a[href*='/years/2024/lines/']").first.click()
    citizen.wait_for_load_state()
    citizen.fill("input[name=title]", "Pourquoi cette ligne a-t-elle augmenté ?")
    citizen.fill("textarea[name=text]", "Je voudrais comprendre ce que couvre cette dépense et pourquoi.")
    citizen.locator("form[action*='/lines/'] button[type=submit]").click()
    citizen.wait_for_load_state()
    question = LineQuestion.objects.get(line__budget_year__year=2024).contribution
    assert f"questions/{question.pk}/" in citizen.url
    follower_context, follower = logged_in_phone(browser, base, "karim@example.ma", locale="fr-MA")
    follower.goto(citizen.url)
    follower.locator("form.follow-form button").click()
    follower.wait_for_load_state()

    # 5. The focal point answers it in the admin; Karim is told and reads the answer.
    focal_context, focal = logged_in_phone(browser, base, "focal@example.ma")
    focal.set_viewport_size({"width": 1280, "height": 900})
    focal.goto(f"{base}/admin/participation/contributions/{question.pk}/")
    focal.select_option("select[name=status]", "answered")
    focal.fill("textarea[name=answer]", "Cette ligne couvre l'entretien de l'éclairage public des quartiers.")
    focal.locator("main form button[type=submit]").last.click()
    focal.wait_for_load_state()
    question.refresh_from_db()
    assert question.official_answer.startswith("Cette ligne couvre")
    assert Notification.objects.filter(user=journey["karim"], contribution=question).exists()
    follower.goto(f"{base}/fr/participation/notifications/")
    follower.locator("main a[href*='/open/']").first.click()
    follower.wait_for_load_state()
    assert "Cette ligne couvre l'entretien" in follower.inner_text("main")
    for ctx in (context, citizen_context, follower_context, focal_context):
        ctx.close()
