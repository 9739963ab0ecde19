"""The communicator's import screen (``/admin/budget/<page>/import/``): the form (the coming year
by default), a workbook imported with its summary and its warnings, a refused file's report with
the chosen year kept, and everyone else refused with nothing imported."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from participation.budget.models import BudgetLine, BudgetYear, Chapter, Direction, Section, Sector
from participation.core.money import format_mad
from site_template.communes.roles import Role
from site_template.communes.services import CommuneSpec, commune_create
from tests.budget.conftest import make_budget
from tests.budget.spreadsheets import budget_csv, budget_workbook, sample_rows
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _activate_totp(user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())


@pytest.fixture
def budget_ar(home_ar):
    """A commune's budget page (the demo's would do as well, more slowly)."""
    return make_budget(home_ar)[0]


@pytest.fixture
def communicator_client(client, budget_ar, settings):
    """The demo commune's communicator, with the authenticator app the site requires of staff."""
    settings.MFA_REQUIRED_FOR_STAFF = True
    user = UserFactory(communicator=True, email="com.larache@example.ma")
    _activate_totp(user)
    client.force_login(user)
    return client


def url(page) -> str:
    return f"/admin/budget/{page.pk}/import/"


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in (BudgetYear, BudgetLine, Chapter, Sector)}


def post(client, page, content: bytes, *, year, name="budget.xlsx"):
    return client.post(url(page), {"year": year, "file": SimpleUploadedFile(name, content)})


def test_the_form_offers_the_coming_year_and_explains_the_layout(communicator_client, budget_ar):
    response = communicator_client.get(url(budget_ar))
    assert response.status_code == 200
    html = response.content.decode()
    coming = timezone.localdate().year + 1
    assert f'type="number" name="year" value="{coming}"' in html
    assert 'type="file" name="file"' in html and 'enctype="multipart/form-data"' in html
    assert 'href="#budget-layout"' in html and 'id="budget-layout"' in html
    assert "programme_project" in html and "<caption>" in html


def test_a_workbook_is_imported_and_summarised(communicator_client, budget_ar):
    response = post(communicator_client, budget_ar, budget_workbook(list(sample_rows(2027, 300))), year=2027)
    assert response.status_code == 200
    budget_year = BudgetYear.objects.get(budget=budget_ar, year=2027)
    assert budget_year.lines.count() == 300 and not budget_year.is_published
    html = response.content.decode()
    summary = _("The budget %(year)s is imported. Lines: %(created)s new, %(updated)s updated, %(deleted)s deleted.")
    assert escape(summary % {"year": 2027, "created": 300, "updated": 0, "deleted": 0}) in html  # the admin's language
    assert "help-critical" not in html and "help-warning" not in html
    assert 'name="year" value="2027"' in html


def test_warnings_are_shown_after_an_import(communicator_client, budget_ar):
    rows = list(sample_rows(2027, 40))
    rows[0] = {**rows[0], "voted": rows[0]["voted"] + 100}
    response = post(communicator_client, budget_ar, budget_csv(rows), year=2027, name="b.csv")
    assert response.status_code == 200
    html = response.content.decode()
    assert "help-warning" in html and "help-critical" not in html
    chapter = _("%(code)s (%(direction)s, %(section)s)") % {
        "code": "10", "direction": Direction.REVENUE.label, "section": Section.OPERATING.label}
    warning = _("Chapter %(chapter)s, row %(row)s: its lines add up to %(lines)s voted, its chapter row says "
                "%(total)s (difference: %(difference)s).") % {
        "chapter": chapter, "row": 2, "lines": format_mad(rows[0]["voted"] - 100),
        "total": format_mad(rows[0]["voted"]), "difference": format_mad(-100)}
    assert escape(warning) in html  # in the admin's language
    assert BudgetLine.objects.filter(budget_year__year=2027).count() == 40


def test_a_refused_file_shows_its_rows_and_keeps_the_year(communicator_client, budget_ar):
    before = counts()
    rows = list(sample_rows(2031, 8))
    rows[3] = {**rows[3], "voted": "beaucoup"}
    response = post(communicator_client, budget_ar, budget_workbook(rows), year=2031)
    assert response.status_code == 200
    html = response.content.decode()
    assert "help-critical" in html and "beaucoup" in html
    assert 'name="year" value="2031"' in html
    assert counts() == before


def test_a_file_over_the_limit_is_refused(communicator_client, budget_ar, settings):
    settings.BUDGET_IMPORT_MAX_BYTES = 1024 * 1024
    before = counts()
    response = post(communicator_client, budget_ar, b"0" * (1024 * 1024 + 1), year=2031, name="b.csv")
    assert response.status_code == 200
    assert "help-critical" in response.content.decode()
    assert 'name="year" value="2031"' in response.content.decode()
    assert counts() == before


def test_a_year_out_of_range_is_a_form_error(communicator_client, budget_ar):
    before = counts()
    response = post(communicator_client, budget_ar, budget_workbook(list(sample_rows(2027, 4))), year=1800)
    assert response.status_code == 200
    assert 'name="year" value="1800"' in response.content.decode()
    assert counts() == before


def test_a_citizen_is_refused(client, budget_ar):
    citizen = UserFactory(email="amina@example.ma")
    client.force_login(citizen)
    before = counts()
    assert client.get(url(budget_ar)).status_code == 403
    response = post(client, budget_ar, budget_workbook(list(sample_rows(2027, 8))), year=2027)
    assert response.status_code == 403
    assert counts() == before


def test_the_communicator_of_another_commune_is_refused(client, budget_ar, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    other = commune_create(spec=CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير", name_fr="Ksar El Kébir",
                                            hostname="ksar.example.ma", population=126000))
    stranger = UserFactory(role=Role.COMMUNICATOR, site=other, email="com.ksar@example.ma")
    _activate_totp(stranger)
    client.force_login(stranger)
    before = counts()
    assert client.get(url(budget_ar)).status_code == 403
    response = post(client, budget_ar, budget_workbook(list(sample_rows(2027, 8))), year=2027)
    assert response.status_code == 403
    assert counts() == before


def test_staff_without_totp_are_sent_to_set_it_up(client, budget_ar, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    client.force_login(UserFactory(communicator=True, email="com2@example.ma"))
    before = counts()
    response = post(client, budget_ar, budget_workbook(list(sample_rows(2027, 8))), year=2027)
    assert response.status_code == 302 and response["Location"].endswith("/accounts/2fa/totp/activate/")
    assert counts() == before


def test_anonymous_visitors_are_sent_to_the_login(client, budget_ar):
    response = client.get(url(budget_ar))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_coming_year_is_computed_at_each_request(communicator_client, budget_ar, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2030, 12, 31))
    assert 'name="year" value="2031"' in communicator_client.get(url(budget_ar)).content.decode()
