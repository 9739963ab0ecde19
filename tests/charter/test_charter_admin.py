"""The focal point's screens of the charter (Arabic by default, French): the index, a charter's
overview (commitments by principle, status, late flag, value typed or computed, the citizens'
view, evaluations and their buttons, the new-evaluation form), a status change, a new evaluation,
publishing; the administrator too; the communicator refused (Wagtail's "permission denied"), another
commune's focal point 403, nothing changed; the snippet forms (computed indicator, programme
project, findings of the charter only); menu and page button."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail import hooks

from participation.charter.models import (
    Commitment,
    CommitmentStatus,
    Evaluation,
    EvaluationFinding,
    Evaluator,
)
from participation.charter.principles import principles_ensure
from participation.core.conversion import TRACKED_ITEMS_HOOK, TrackedItem
from participation.core.indicators import INDICATOR_SOURCES_HOOK, IndicatorSource, IndicatorUnit, Reading
from participation.core.services import rating_set
from participation.notifications.models import Notification
from participation.notifications.services import follow_ensure
from site_template.communes.services import CommuneSpec, commune_create
from tests.charter.conftest import make_charter, make_commitment
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _login(client, user, language: str = "ar"):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


def _measure(*, site_id, start, end):
    return Reading(value=Decimal("3"), numerator=3, denominator=4)


def _sources():
    return [IndicatorSource(key="test.reports", label="Test meeting reports", unit=IndicatorUnit.COUNT,
                            method="counted", measure=_measure, principle="participation")]


@pytest.fixture
def fake_indicator():
    with hooks.register_temporarily(INDICATOR_SOURCES_HOOK, _sources):
        yield


@pytest.fixture
def commitments(charter, principles):
    ar, _fr = charter
    return [
        make_commitment(ar, principles["transparency"], number=1, title_ar="نشر جدول الأعمال",
                        current_value=Decimal("80"), target=Decimal("100"), status=CommitmentStatus.IN_PROGRESS,
                        due_on=TODAY - dt.timedelta(days=30)),
        make_commitment(ar, principles["participation"], number=2, title_ar="لقاءات تشاورية",
                        indicator_source="test.reports"),
        make_commitment(ar, principles["innovation"], number=3, title_ar="صندوق رقمي",
                        indicator_source="nobody.knows", status=CommitmentStatus.KEPT),
    ]


@pytest.fixture
def other_commune(db, commune_site):
    site = commune_create(spec=CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar",
                                           hostname="ksar.test"))
    principles = {p.code: p for p in principles_ensure(site=site)}
    other_ar, _fr = make_charter(site.root_page.specific, slug="charter-ksar")
    commitment = make_commitment(other_ar, principles["equality"], number=1, title_ar="التزام القصر الكبير")
    stranger = UserFactory(focal_point=True, site=site, email="ksar@example.ma")
    return site, other_ar, commitment, stranger


def _views(html: str, commitment) -> str:
    row = re.search(rf'<tr id="commitment-{commitment.pk}".*?</tr>', html, re.S).group(0)
    return re.search(r'data-views="([^"]*)"', row).group(1)


# --- the focal point and the administrator -----------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_overview_shows_the_commitments_by_principle(client, charter, commitments, fake_indicator,
                                                          focal_point, citizen, citizen2, language):
    ar, fr = charter
    rating_set(contribution=commitments[0].contribution, user=citizen, value=3, scale=3, page=ar)
    rating_set(contribution=commitments[0].contribution, user=citizen2, value=1, scale=3, page=ar)
    Evaluation.objects.create(charter=ar, evaluated_on=TODAY, evaluator=Evaluator.COMMUNE, is_published=True)
    _login(client, focal_point, language)
    response = client.get(f"/admin/charter/{fr.pk}/")  # the French copy names the same charter
    html = response.content.decode()
    assert response.status_code == 200 and f'lang="{language}"' in html
    for commitment in commitments:
        assert commitment.title_ar in html
        assert f"/admin/charter/{ar.pk}/commitments/{commitment.pk}/status/" in html
    assert html.index('id="principle-participation"') < html.index('id="principle-transparency"')
    assert html.count('data-late="1"') == 1  # commitment 1 is past due and in progress
    assert 'data-value="80.00" data-computed="0"' in html
    assert 'data-value="3" data-computed="1"' in html and "Test meeting reports" in html
    assert 'data-value="" data-computed="1"' in html and "nobody.knows" in html  # not computed
    assert _views(html, commitments[0]) == "1,0,1"  # kept, partly, not kept
    assert _views(html, commitments[1]) == "0,0,0"
    assert "/unpublish/" in html and f"/admin/charter/{ar.pk}/evaluations/new/" in html


def test_the_index_lists_the_charters_of_the_users_communes(client, charter, commitments, focal_point, other_commune):
    _site, other_ar, _c, stranger = other_commune
    html = _login(client, focal_point).get("/admin/charter/").content.decode()
    assert f"/admin/charter/{charter[0].pk}/" in html and f"/admin/charter/{other_ar.pk}/" not in html
    client.logout()
    html = _login(client, stranger).get("/admin/charter/").content.decode()
    assert f"/admin/charter/{charter[0].pk}/" not in html and f"/admin/charter/{other_ar.pk}/" in html


def test_the_administrator_keeps_the_charter(client, charter, commitments, administrator):
    _login(client, administrator)
    assert client.get(f"/admin/charter/{charter[0].pk}/").status_code == 200
    url = f"/admin/charter/{charter[0].pk}/commitments/{commitments[0].pk}/status/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "kept", "note_ar": "تم", "note_fr": ""})
    assert response.status_code == 302
    assert Commitment.objects.get(pk=commitments[0].pk).status == CommitmentStatus.KEPT


def test_a_status_change_from_the_overview_tells_the_followers(client, charter, commitments, focal_point, citizen):
    commitment = commitments[1]
    follow_ensure(user=citizen, contribution=commitment.contribution)
    _login(client, focal_point)
    url = f"/admin/charter/{charter[0].pk}/commitments/{commitment.pk}/status/"
    response = client.post(url, {"status": "bogus", "note_ar": "ملاحظة تبقى"})
    assert response.status_code == 200 and "ملاحظة تبقى" in response.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).status == CommitmentStatus.NOT_STARTED
    response = client.post(url, {"status": "in_progress", "note_ar": "عقد لقاءان", "note_fr": "Deux rencontres"})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/charter/{charter[0].pk}/#commitment-{commitment.pk}"
    commitment.refresh_from_db()
    assert (commitment.status, commitment.status_note_fr) == (CommitmentStatus.IN_PROGRESS, "Deux rencontres")
    assert Notification.objects.filter(user=citizen, event="update", contribution=commitment.contribution).count() == 1


def test_every_form_of_the_overview_carries_its_csrf_token(client, charter, commitments, focal_point):
    """The status forms are rendered by includes with ``only``: they must still get the token (the
    test client skips the CSRF check; a browser does not)."""
    _login(client, focal_point)
    html = client.get(f"/admin/charter/{charter[0].pk}/").content.decode()
    forms = re.findall(r'<form method="post".*?</form>', html, flags=re.S)
    assert len(forms) >= len(commitments) + 1
    assert all('name="csrfmiddlewaretoken" value="' in form and 'value=""' not in form.split("csrfmiddlewaretoken")[1][:20]
               for form in forms)


def test_a_commitment_of_another_charter_is_not_found(client, charter, commitments, focal_point, home_ar, principles):
    second, _fr = make_charter(home_ar, slug="charter-2")
    _login(client, focal_point)
    # A 404 under /admin/ is sent on to the language-prefixed URL (LocaleMiddleware), which is not found either.
    response = client.get(f"/admin/charter/{second.pk}/commitments/{commitments[0].pk}/status/", follow=True)
    assert response.status_code == 404
    response = client.post(f"/admin/charter/{second.pk}/commitments/{commitments[0].pk}/status/", {"status": "kept"})
    assert response.status_code == 404 or response["Location"].startswith("/ar/admin/")
    assert Commitment.objects.get(pk=commitments[0].pk).status == CommitmentStatus.IN_PROGRESS


def test_starting_an_evaluation_prefills_its_findings(client, charter, commitments, fake_indicator, focal_point):
    _login(client, focal_point)
    url = f"/admin/charter/{charter[0].pk}/evaluations/new/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"evaluated_on": (TODAY + dt.timedelta(days=3)).isoformat(), "evaluator": "commune",
                                 "evaluator_name": "لجنة التتبع"})
    assert response.status_code == 200 and "لجنة التتبع" in response.content.decode()
    assert not Evaluation.objects.exists()
    response = client.post(url, {"evaluated_on": TODAY.isoformat(), "evaluator": "mixed_committee",
                                 "evaluator_name": "لجنة التتبع"})
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/snippets/charter/evaluation/edit/{evaluation.pk}/"
    values = dict(EvaluationFinding.objects.filter(evaluation=evaluation).values_list("commitment__number", "value"))
    assert values == {1: Decimal("80"), 2: Decimal("3"), 3: None}
    assert not evaluation.is_published
    edit = client.get(response["Location"])
    assert edit.status_code == 200 and "نشر جدول الأعمال" in edit.content.decode()


def test_publishing_and_unpublishing_from_the_overview(client, charter, commitments, focal_point):
    from participation.charter.services import evaluation_start

    evaluation = evaluation_start(charter=charter[0], evaluated_on=TODAY, evaluator=Evaluator.COMMUNE, by=focal_point)
    _login(client, focal_point)
    base = f"/admin/charter/{charter[0].pk}/evaluations/{evaluation.pk}/"
    assert client.get(base + "publish/").status_code == 405
    response = client.post(base + "publish/")
    assert response.status_code == 302 and response["Location"] == f"/admin/charter/{charter[0].pk}/#evaluations"
    assert Evaluation.objects.get(pk=evaluation.pk).is_published
    assert client.post(base + "unpublish/").status_code == 302
    assert not Evaluation.objects.get(pk=evaluation.pk).is_published


# --- everyone else -----------------------------------------------------------------------------


def _screens(charter, commitments) -> list[str]:
    base = f"/admin/charter/{charter[0].pk}/"
    return [base, f"{base}commitments/{commitments[0].pk}/status/", f"{base}evaluations/new/"]


def _posts(charter, commitments, evaluation) -> dict[str, dict]:
    base = f"/admin/charter/{charter[0].pk}/"
    return {
        f"{base}commitments/{commitments[0].pk}/status/": {"status": "kept", "note_ar": "x"},
        f"{base}evaluations/new/": {"evaluated_on": TODAY.isoformat(), "evaluator": "commune"},
        f"{base}evaluations/{evaluation.pk}/publish/": {},
    }


def _nothing_changed(commitments, evaluation):
    assert Commitment.objects.get(pk=commitments[0].pk).status == CommitmentStatus.IN_PROGRESS
    assert list(Evaluation.objects.values_list("pk", flat=True)) == [evaluation.pk]
    assert not Evaluation.objects.get(pk=evaluation.pk).is_published
    assert not Notification.objects.exists()


@pytest.mark.parametrize("who", ["communicator", "officer"])
def test_other_roles_of_the_commune_are_refused(client, charter, commitments, who, request):
    evaluation = Evaluation.objects.create(charter=charter[0], evaluated_on=TODAY, evaluator=Evaluator.COMMUNE)
    EvaluationFinding.objects.create(evaluation=evaluation, commitment=commitments[0], status="kept")
    _login(client, request.getfixturevalue(who))
    for url in _screens(charter, commitments):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/", (url, response.status_code)
    for url, data in _posts(charter, commitments, evaluation).items():
        response = client.post(url, data)
        assert response.status_code == 302 and response["Location"] == "/admin/", url
    _nothing_changed(commitments, evaluation)
    assert f"/admin/charter/{charter[0].pk}/" not in client.get("/admin/charter/").content.decode()


def test_a_citizen_and_an_anonymous_visitor_are_refused(client, charter, commitments, citizen):
    for url in _screens(charter, commitments):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/charter/" not in response["Location"].split("?")[0]
    client.force_login(citizen)
    for url in _screens(charter, commitments):
        assert client.get(url).status_code in (302, 403)
    assert Commitment.objects.get(pk=commitments[0].pk).status == CommitmentStatus.IN_PROGRESS


def test_the_focal_point_of_another_commune_gets_403(client, charter, commitments, other_commune):
    _site, _other, _c, stranger = other_commune
    evaluation = Evaluation.objects.create(charter=charter[0], evaluated_on=TODAY, evaluator=Evaluator.COMMUNE)
    EvaluationFinding.objects.create(evaluation=evaluation, commitment=commitments[0], status="kept")
    _login(client, stranger)
    for url in _screens(charter, commitments):
        assert client.get(url).status_code == 403, url
    for url, data in _posts(charter, commitments, evaluation).items():
        assert client.post(url, data).status_code == 403, url
    _nothing_changed(commitments, evaluation)
    for model, pk in (("commitment", commitments[0].pk), ("evaluation", evaluation.pk)):
        assert client.get(f"/admin/snippets/charter/{model}/edit/{pk}/").status_code == 403


# --- the snippets --------------------------------------------------------------------------------


def _commitment_data(charter, principle, **fields) -> dict:
    data = {
        "charter": charter.pk, "number": "7", "principle": principle.pk, "title_ar": "نشر التقارير",
        "title_fr": "", "promise_ar": "", "promise_fr": "", "indicator_ar": "", "indicator_fr": "",
        "unit_ar": "", "unit_fr": "", "baseline": "", "target": "4", "current_value": "",
        "indicator_source": "", "indicator_period": "year", "status": "not_started", "status_note_ar": "",
        "status_note_fr": "", "due_on": "", "responsible_service_ar": "", "responsible_service_fr": "",
        "programme_project": "",
    }
    for prefix in ("documents", "links"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update(fields)
    return data


@pytest.fixture
def tracked_project(home_ar, commune_site):
    project = ContributionFactory(page=home_ar, kind="programme_project", title="رقمنة الحالة المدنية")
    items = [TrackedItem(references=("action-programme/1", "1"), contribution=project,
                         label="برنامج عمل الجماعة — 1. رقمنة الحالة المدنية")]
    with hooks.register_temporarily(TRACKED_ITEMS_HOOK, lambda site: items if site.pk == commune_site.pk else []):
        yield project


def test_the_commitment_form_offers_the_indicators_and_the_programme_projects(
        client, charter, principles, fake_indicator, tracked_project, focal_point):
    _login(client, focal_point)
    html = client.get(f"/admin/snippets/charter/commitment/add/?charter={charter[0].pk}").content.decode()
    assert '<option value="test.reports">Test meeting reports</option>' in html
    assert '<option value="" selected>' in html  # typed by hand
    assert f'<option value="{tracked_project.pk}">برنامج عمل الجماعة — 1. رقمنة الحالة المدنية</option>' in html
    response = client.post("/admin/snippets/charter/commitment/add/", _commitment_data(
        charter[0], principles["participation"], indicator_source="test.reports",
        programme_project=str(tracked_project.pk)))
    assert response.status_code == 302, response.content.decode()[:3000]
    commitment = Commitment.objects.get(number=7)
    assert commitment.indicator_source == "test.reports" and commitment.current_value is None
    assert commitment.programme_project_id == tracked_project.pk
    assert commitment.contribution is not None and commitment.contribution.title == "7. نشر التقارير"


def test_the_commitment_form_refuses_a_typed_value_with_a_computed_indicator(
        client, charter, principles, fake_indicator, focal_point):
    _login(client, focal_point)
    response = client.post("/admin/snippets/charter/commitment/add/", _commitment_data(
        charter[0], principles["participation"], indicator_source="test.reports", current_value="3"))
    assert response.status_code == 200
    assert 'name="current_value"' in response.content.decode()
    assert not Commitment.objects.exists()
    response = client.post("/admin/snippets/charter/commitment/add/", _commitment_data(
        charter[0], principles["participation"], indicator_source="not.registered"))
    assert response.status_code == 200 and not Commitment.objects.exists()  # not a choice offered


def test_a_stored_unknown_key_stays_offered(client, charter, commitments, focal_point):
    _login(client, focal_point)
    html = client.get(f"/admin/snippets/charter/commitment/edit/{commitments[2].pk}/").content.decode()
    assert re.search(r'<option value="nobody.knows" selected>', html)


def test_the_evaluation_form_names_only_the_charters_commitments(client, charter, commitments, focal_point,
                                                                   other_commune):
    _site, _other, foreign, _stranger = other_commune
    evaluation = Evaluation.objects.create(charter=charter[0], evaluated_on=TODAY, evaluator=Evaluator.COMMUNE)
    _login(client, focal_point)
    response = client.get(f"/admin/snippets/charter/evaluation/edit/{evaluation.pk}/")
    assert response.status_code == 200 and "/admin/snippets/choose/charter/commitment/" in response.content.decode()
    for url in ("/admin/snippets/choose/charter/commitment/", "/admin/snippets/charter/commitment/"):
        response = client.get(url)
        html = response.json()["html"] if "choose" in url else response.content.decode()
        assert "نشر جدول الأعمال" in html and foreign.title_ar not in html, url
    # A finding naming a commitment of another charter of the commune is refused.
    second, _fr = make_charter(charter[0].get_parent(), slug="charter-2")
    elsewhere = make_commitment(second, commitments[0].principle, number=1, title_ar="التزام ميثاق آخر")
    response = client.post(f"/admin/snippets/charter/evaluation/edit/{evaluation.pk}/", {
        "charter": charter[0].pk, "evaluated_on": TODAY.isoformat(), "evaluator": "commune", "evaluator_name": "",
        "summary_ar": "", "summary_fr": "", "score": "", "document": "",
        "findings-TOTAL_FORMS": "1", "findings-INITIAL_FORMS": "0", "findings-MIN_NUM_FORMS": "0",
        "findings-MAX_NUM_FORMS": "1000", "findings-0-commitment": str(elsewhere.pk), "findings-0-status": "kept",
        "findings-0-value": "", "findings-0-finding_ar": "", "findings-0-finding_fr": "", "findings-0-ORDER": "1",
        "findings-0-id": "", "findings-0-DELETE": "",
    })
    assert response.status_code == 200
    html = response.content.decode()
    # Not a choice: the findings offer the commitments of the evaluation's charter only.
    errors = html[re.search(r'id="panel-child-[^"]*-0-child-panel-child-commitment-errors"', html).start():]
    assert errors.index('class="error-message"') < errors.index("</div>")
    assert not EvaluationFinding.objects.exists()


def test_the_communicator_has_no_charter_snippets(client, charter, commitments, communicator):
    response = _login(client, communicator).get("/admin/snippets/charter/commitment/")
    assert response.status_code == 302 and response["Location"] == "/admin/"


# --- menu and page button ------------------------------------------------------------------------


def test_menu_and_page_button(client, charter, focal_point, administrator, communicator):
    # The focal point edits the pages of the Participate section (not made here): the administrator the whole site.
    response = _login(client, administrator).get(f"/admin/pages/{charter[0].pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '"url": "/admin/charter/"' in html and f'href="/admin/charter/{charter[0].pk}/"' in html
    client.logout()
    html = _login(client, focal_point).get("/admin/").content.decode()
    assert '"url": "/admin/charter/"' in html
    client.logout()
    html = _login(client, communicator).get("/admin/").content.decode()
    assert '"url": "/admin/charter/"' not in html


def test_the_overview_runs_the_same_queries_whatever_the_commitments(client, charter, principles, focal_point,
                                                                       citizen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ar = charter[0]
    make_commitment(ar, principles["transparency"], number=1)
    _login(client, focal_point)
    url = f"/admin/charter/{ar.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for number in range(2, 14):
        commitment = make_commitment(ar, principles[("equality", "innovation", "efficiency")[number % 3]],
                                     number=number, current_value=Decimal(number))
        rating_set(contribution=commitment.contribution, user=citizen, value=2, scale=3, page=ar)
    Evaluation.objects.create(charter=ar, evaluated_on=TODAY, evaluator=Evaluator.COMMUNE)
    with CaptureQueriesContext(connection) as big:
        assert client.get(url).status_code == 200
    assert len(big.captured_queries) == len(small.captured_queries), [q["sql"] for q in big.captured_queries]

