"""Every view that serves staff data goes through the same staff check as ``/admin/``
(``site_template.accounts.staff``): a staff account without an authenticator app (TOTP) is sent to
the set-up page and gets no data, wherever the view lives.

The list is self-maintaining: ``test_every_route_is_classified`` walks every URL pattern and every
page route, and fails on one that neither carries the ``staff_view`` marker nor is declared in
``NOT_STAFF_DATA``; each marked route must have a way to reach it in ``STAFF_ROUTES``, which the
refusal tests run one by one."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, get_page_models

from participation.core.models import Comment
from tests.factories import PASSWORD, ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db

HIDDEN_TITLE = "اقتراح مخفي عن العموم"
PARTICIPANT = "Fatima Zahra"
REMARK_TEXT = "Remarque sur la voirie du quartier"

# Routes outside /admin/ (guarded as a whole by the middleware) that serve no staff data: public
# pages, or the visitor's own account and contributions. Key: URL name, or "<page model>:<route>".
NOT_STAFF_DATA = {
    "wagtaildocs_serve": "documents of the library (Wagtail's collection privacy applies)",
    "wagtaildocs_authenticate_with_password": "password form of a private document",
    "healthz": "health check",
    "commune_colours": "the commune's colours (CSS)",
    "robots_txt": "robots.txt",
    "sitemap": "sitemap of the public pages",
    "sitemap_index": "sitemap index",
    "set_language": "language switch",
    "profile": "own profile",
    "my_data": "own data",
    "my_data_download": "own data",
    "account_delete": "own account",
    "search": "public search",
    "notifications:list": "own notifications",
    "notifications:open": "own notification",
    "notifications:mark_all_read": "own notifications",
    "notifications:preferences": "own preferences",
    "notifications:follow_toggle": "own follows",
    "notifications:follow_page_toggle": "own follows",
    "notifications:follow_stop": "own follows",
    "notifications:unsubscribe": "own subscription (token)",
    "participation_core:comment_post": "a citizen's comment; the official flag is a staff power (tested below)",
    "participation_core:support_toggle": "own support",
    "participation_core:rate": "own rating",
    "participation_core:comment_edit": "own comment",
    "participation_core:comment_delete": "own comment",
    "participation_core:report": "a citizen's report",
    "wagtailcore_authenticate_with_password": "password form of a private page",
    "wagtailcore_login": "sent to the site's log-in (middleware)",
    "wagtail_serve": "pages: their sub-routes are listed below",
    "news.NewsIndexPage:index_route": "public",
    "news.NewsIndexPage:rss": "public",
    "news.NewsIndexPage:atom": "public",
    "suggestions.SuggestionsPage:index_route": "public; export links only for staff powers (tested below)",
    "suggestions.SuggestionsPage:suggestion_detail": "public, and the author's own hidden item",
    "suggestions.SuggestionsPage:suggestion_edit": "own suggestion",
    "suggestions.SuggestionsPage:suggestion_withdraw": "own suggestion",
    "suggestions.SuggestionsPage:suggestion_new": "citizen form",
    "suggestions.SuggestionsPage:feed_rss": "public",
    "suggestions.SuggestionsPage:feed_atom": "public",
    "info_requests.InfoRequestPage:request_form": "citizen form",
    "info_requests.InfoRequestPage:my_requests": "own requests",
    "info_requests.InfoRequestPage:status": "the requester's own request (token)",
    "info_requests.InfoRequestPage:receipt": "the requester's own request (token)",
    "info_requests.InfoRequestPage:receipt_pdf": "the requester's own request (token)",
    "info_requests.InfoRequestPage:refusal_letter_pdf": "the requester's own request (token)",
    "info_requests.InfoRequestPage:complaint": "the requester's own request (token)",
    "info_requests.InfoRequestPage:my_data": "the requester's own request (token)",
    "info_requests.InfoRequestPage:attachment": "the requester's own request (token)",
    "info_requests.InfoRequestPage:register": "public register",
    "info_requests.InfoRequestPage:register_attachment": "public register",
    "info_requests.InfoRequestPage:figures": "public yearly figures",
    "info_requests.InfoRequestPage:figures_csv": "public yearly figures",
    "info_requests.InfoRequestPage:proactive": "public",
    "meetings.MeetingIndexPage:index_route": "public",
    "programme.ProgrammePage:index_route": "public",
    "programme.ProgrammePage:axis_route": "public",
    "programme.ProgrammePage:project_route": "public",
    "programme.ProgrammePage:dashboard_route": "public",
    "programme.ProgrammePage:data_route": "public open data",
    "programme.ProgrammePage:feed_route": "public",
    "programme.ProgrammePage:report_route": "published reports only",
    "programme.ProgrammePage:report_pdf_route": "published reports only",
    "meetings.MeetingIndexPage:calendar_route": "public",
    "meetings.MeetingIndexPage:follow_theme_route": "own follows",
    "meetings.MeetingPage:page_route": "public; staff figures only for staff powers (tested below)",
    "meetings.MeetingPage:register_route": "own registration",
    "meetings.MeetingPage:cancel_route": "own registration",
    "meetings.MeetingPage:ics_route": "public",
    "consultations.ConsultationPage:index_route": "public; staff links only for staff powers (tested below)",
    "consultations.ConsultationPage:project_route": "public",
    "consultations.ConsultationPage:propose_route": "citizen form",
    "consultations.ConsultationPage:remark_route": "public, and the author's own remark",
    "consultations.ConsultationPage:edit_remark_route": "own remark",
    "consultations.ConsultationPage:withdraw_remark_route": "own remark",
    "consultations.ConsultationPage:notify_route": "own notice request",
    "programme.ProgrammePage:dashboard_data_route": "public figures",
    "budget.BudgetPage:index_route": "public: published budget years only",
    "budget.BudgetPage:year_route": "public: a published budget year only",
    "budget.BudgetPage:lines_route": "public: the lines of a published year",
    "budget.BudgetPage:line_route": "public (published years only); citizen form",
    "budget.BudgetPage:question_route": "public, and the author's own hidden question",
    "budget.BudgetPage:data_route": "public open data (published years only, executed amounts once the account is)",
    "budget.BudgetPage:pdf_route": "public leaflet (published years only)",
    "charter.LabelPage:index_route": "public: validated and verified self-assessments only",
    "charter.LabelPage:assessment_route": "public: a validated or verified year only (a draft is 404, staff included)",
    "charter.LabelPage:assessment_pdf_route": "public PDF: a validated or verified year only",
    "charter.CharterPage:index_route": "public",
    "charter.CharterPage:principle_route": "public",
    "charter.CharterPage:commitment_route": "public; citizen rating and comments through the core",
    "charter.CharterPage:evaluation_route": "public: published evaluations only",
    "charter.CharterPage:scorecard_route": "public",
    "charter.CharterPage:data_route": "public open data (published evaluations only)",
}
# Third-party account views (allauth: log-in, sign-up, e-mail, password, 2FA): the visitor's own account.
THIRD_PARTY_ACCOUNT_MODULES = ("allauth.",)


def _url_patterns(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n) or None
            yield from _url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name, pattern.callback


def site_routes() -> dict[str, object]:
    """Every route outside /admin/: URL patterns by name, page routes as "<model>:<route>"."""
    routes: dict[str, object] = {}
    for route, name, callback in _url_patterns(get_resolver().url_patterns):
        if route.startswith("admin/") or getattr(callback, "__module__", "").startswith(THIRD_PARTY_ACCOUNT_MODULES):
            continue
        routes[name or f"{callback.__module__}.{callback.__qualname__}"] = callback
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            reachable = {}
            for pattern in model.get_subpage_urls():  # the first pattern for a path wins
                reachable.setdefault(str(pattern.pattern), pattern)
            for pattern in reachable.values():
                routes[f"{model._meta.label}:{pattern.name}"] = _page_route_view(pattern.callback)
    return routes


def _page_route_view(callback):
    """A route declared with ``participation.core.routing.page_route`` is served by a view
    function in the app's ``views.py``: that function carries the ``staff_view`` marker."""
    route = getattr(callback, "page_route", None)
    return route.view_function() if route is not None else callback


def staff_marked_routes() -> list[str]:
    return sorted(key for key, view in site_routes().items() if getattr(view, "staff_only", False))


# --- the data staff views serve ---------------------------------------------------------------


@dataclass
class StaffData:
    focal_point: object
    citizen: object
    spage_fr: object
    consultation_fr: object
    meeting_fr: object
    suggestion: object


@pytest.fixture
def staff_data(commune_site, home_ar, home_fr):
    from participation.consultations.services import Card, remark_create
    from participation.core.services import moderation_hide
    from participation.meetings.models import MeetingIndexPage, MeetingPage
    from participation.suggestions.models import SuggestionsPage
    from participation.suggestions.wagtail_hooks import setup_suggestions
    from site_template.communes.services import commune_roles_sync
    from site_template.pages.tree import add_translated_child
    from tests.consultations.conftest import make_consultation

    fr = Locale.objects.get(language_code="fr")
    commune_roles_sync(site=commune_site)  # the commune's staff groups, with their admin access
    focal_point = UserFactory(focal_point=True, site=commune_site, display_name="Nadia")
    citizen = UserFactory(display_name=PARTICIPANT)

    setup_suggestions(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    spage_ar = SuggestionsPage.objects.get(locale__language_code="ar")
    suggestion = ContributionFactory(page=spage_ar, author=citizen, title=HIDDEN_TITLE)
    moderation_hide(by=focal_point, reason="معلومات شخصية", contribution=suggestion)

    now = timezone.now()
    consultation_ar, consultation_fr = make_consultation(
        home_ar, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=6)
    )
    remark_create(consultation=consultation_ar, author=citizen, card=Card(free_remark=REMARK_TEXT), proposal_title="فضاء للشباب")

    index_ar, _ = add_translated_child(
        home_ar, page_class=MeetingIndexPage, ar={"title": "اللقاءات", "slug": "meetings"},
        fr={"title": "Rencontres", "slug": "meetings"},
    )
    meeting_ar, meeting_fr = add_translated_child(
        index_ar, page_class=MeetingPage,
        ar={"title": "لقاء", "slug": "meeting", "place": "قاعة الجماعة", "summary": "ملخص"},
        fr={"title": "Rencontre", "slug": "meeting", "place": "Salle", "summary": "Résumé"},
        starts_at=now + timedelta(days=5), capacity=10,
    )
    return StaffData(
        focal_point=focal_point,
        citizen=citizen,
        spage_fr=spage_ar.get_translation(fr),
        consultation_fr=consultation_fr,
        meeting_fr=meeting_fr,
        suggestion=suggestion,
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content


def _xlsx_text(raw: bytes) -> str:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(raw)).active
    return " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)


def _pdf_text(raw: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)


# How to reach each staff-marked route, and the staff data it serves once allowed.
STAFF_ROUTES = {
    "suggestions.SuggestionsPage:export": (
        lambda d: d.spage_fr.url + "export/suggestions/csv/",
        lambda raw: HIDDEN_TITLE in raw.decode("utf-8-sig"),
    ),
    "consultations.ConsultationPage:export_csv": (
        lambda d: d.consultation_fr.url + "export/csv/",
        lambda raw: PARTICIPANT in raw.decode("utf-8-sig") and REMARK_TEXT in raw.decode("utf-8-sig"),
    ),
    "consultations.ConsultationPage:export_xlsx": (
        lambda d: d.consultation_fr.url + "export/xlsx/",
        lambda raw: PARTICIPANT in _xlsx_text(raw),
    ),
    "consultations.ConsultationPage:report_pdf": (
        lambda d: d.consultation_fr.url + "report/pdf/",
        lambda raw: raw.startswith(b"%PDF") and "Consultation" in _pdf_text(raw),
    ),
}

def _ar(page):
    return page.get_translation(Locale.objects.get(language_code="ar"))


def _budget_import(d):
    """The budget import screen of a new budget page, the focal point made its communicator."""
    from wagtail.models import Site

    from site_template.communes.roles import Role
    from tests.budget.conftest import make_budget
    from tests.factories import grant_role

    budget_ar, _fr = make_budget(Site.objects.get(is_default_site=True).root_page, slug="budget-access")
    grant_role(d.focal_point, role=Role.COMMUNICATOR)
    return f"/admin/budget/{budget_ar.pk}/import/"


def _charter_overview(d):
    """The staff overview of a new participation charter of the commune (its focal point keeps it)."""
    from wagtail.models import Site

    from participation.charter.principles import principles_ensure
    from tests.charter.conftest import make_charter

    site = Site.objects.get(is_default_site=True)
    principles_ensure(site=site)
    charter_ar, _fr = make_charter(site.root_page, slug="charter-access")
    return f"/admin/charter/{charter_ar.pk}/"


def _label_fill(d):
    """The fill-in screen of a draft self-assessment of a new label page (the focal point's)."""
    from wagtail.models import Site

    from participation.charter import assessments
    from tests.charter.conftest import make_label, make_questionnaire

    site = Site.objects.get(is_default_site=True)
    label_ar, _fr = make_label(site.root_page, slug="label-access")
    label_ar.questionnaire = make_questionnaire(site, questions=[("participation", [0, 1])])
    label_ar.save()
    assessments.assessment_open(label=label_ar, year=2025, by=d.focal_point)
    return f"/admin/label/{label_ar.pk}/2025/"


# Staff data in the admin (guarded as a whole by the middleware): a sample of exports and lists.
ADMIN_STAFF_URLS = {
    "budget year import": _budget_import,
    "meeting registrants CSV": lambda d: f"/admin/meetings/{_ar(d.meeting_fr).pk}/registrants.csv",
    "participation statistics": lambda d: "/admin/participation-statistics/",
    "contributions list": lambda d: "/admin/participation/contributions/",
    "consultation overview": lambda d: f"/admin/consultations/{_ar(d.consultation_fr).pk}/",
    "citizen budgets and their publication duties": lambda d: "/admin/budget/",
    "participation charters": lambda d: "/admin/charter/",
    "participation charter overview": _charter_overview,
    "label pages and their self-assessments": lambda d: "/admin/label/",
    "label self-assessment fill-in": _label_fill,
}


def _activate_totp(user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())


def _assert_sent_to_totp_setup(response, lang="fr"):
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/accounts/2fa/totp/activate/"
    assert _body(response) == b""
    assert "Content-Disposition" not in response


# --- the self-maintaining list ----------------------------------------------------------------


def test_every_route_is_classified():
    routes = site_routes()
    unclassified = sorted(
        key for key, view in routes.items() if not getattr(view, "staff_only", False) and key not in NOT_STAFF_DATA
    )
    assert unclassified == [], (
        "New routes: mark the ones that serve staff data with @staff_view "
        "(site_template.accounts.staff), declare the others in NOT_STAFF_DATA"
    )
    assert sorted(set(NOT_STAFF_DATA) - set(routes)) == [], "NOT_STAFF_DATA names routes that no longer exist"
    assert [key for key in NOT_STAFF_DATA if getattr(routes[key], "staff_only", False)] == []


def test_every_staff_route_has_a_refusal_test():
    assert staff_marked_routes() == sorted(STAFF_ROUTES)


# --- staff routes outside the admin -----------------------------------------------------------


@pytest.mark.parametrize("key", sorted(STAFF_ROUTES))
def test_staff_route_refuses_staff_without_totp_then_serves(key, client, staff_data, settings):
    url_of, has_data = STAFF_ROUTES[key]
    url = url_of(staff_data)
    settings.MFA_REQUIRED_FOR_STAFF = True
    client.force_login(staff_data.focal_point)
    _assert_sent_to_totp_setup(client.get(url))

    _activate_totp(staff_data.focal_point)
    response = client.get(url)
    assert response.status_code == 200
    assert has_data(_body(response))


@pytest.mark.parametrize("key", sorted(STAFF_ROUTES))
def test_staff_route_refuses_citizens_and_anonymous_visitors(key, client, staff_data, settings):
    url = STAFF_ROUTES[key][0](staff_data)
    settings.MFA_REQUIRED_FOR_STAFF = True
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=")
    client.force_login(staff_data.citizen)
    response = client.get(url)
    assert response.status_code == 403
    assert HIDDEN_TITLE.encode() not in _body(response) and PARTICIPANT.encode() not in _body(response)


def test_setting_off_lets_the_focal_point_export(client, staff_data, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(staff_data.focal_point)
    response = client.get(staff_data.spage_fr.url + "export/suggestions/csv/")
    assert response.status_code == 200
    assert HIDDEN_TITLE in _body(response).decode("utf-8-sig")


@pytest.mark.parametrize("what", sorted(ADMIN_STAFF_URLS))
def test_admin_staff_data_refuses_staff_without_totp(what, client, staff_data, settings):
    url = ADMIN_STAFF_URLS[what](staff_data)
    settings.MFA_REQUIRED_FOR_STAFF = True
    client.force_login(staff_data.focal_point)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/2fa/totp/activate/")
    assert _body(response) == b""
    _activate_totp(staff_data.focal_point)
    assert client.get(url).status_code == 200


# --- staff powers on public pages (the role rules wait for the TOTP too) ----------------------


def test_public_pages_show_no_staff_extras_before_totp(client, staff_data, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    client.force_login(staff_data.focal_point)
    pages = {
        staff_data.spage_fr.url: "export/suggestions/csv/",
        staff_data.consultation_fr.url: "export/csv/",
        staff_data.meeting_fr.url: "/registrants/",
    }
    for url, staff_link in pages.items():
        html = client.get(url).content.decode()
        assert staff_link not in html, url
    _activate_totp(staff_data.focal_point)
    for url, staff_link in pages.items():
        html = client.get(url).content.decode()
        assert staff_link in html, url


def test_official_reply_waits_for_totp(client, staff_data, settings):
    from participation.core.services import moderation_restore

    moderation_restore(by=staff_data.focal_point, reason="ok", contribution=staff_data.suggestion)
    settings.MFA_REQUIRED_FOR_STAFF = True
    url = f"/fr/participation/contributions/{staff_data.suggestion.pk}/comment/"
    client.force_login(staff_data.focal_point)
    response = client.post(url, {"text": "Réponse officielle de la commune.", "official": "1"})
    _assert_sent_to_totp_setup(response)
    assert not Comment.objects.filter(contribution=staff_data.suggestion).exists()

    _activate_totp(staff_data.focal_point)
    response = client.post(url, {"text": "Réponse officielle de la commune.", "official": "1"})
    assert response.status_code == 302
    assert Comment.objects.get(contribution=staff_data.suggestion).is_official


def test_role_rules_wait_for_totp(staff_data, commune_site, settings):
    from participation.core.rules import can_answer, is_focal_point
    from participation.meetings.rules import can_manage_meeting
    from site_template.accounts.models import User
    from site_template.communes.roles import Role
    from site_template.communes.selectors import user_has_role

    settings.MFA_REQUIRED_FOR_STAFF = True
    user = User.objects.get(pk=staff_data.focal_point.pk)
    assert not is_focal_point(user, site_id=commune_site.pk)
    assert not can_answer(user, site=commune_site)
    assert not user_has_role(user=user, site=commune_site, role=Role.FOCAL_POINT)
    assert not can_manage_meeting(user, staff_data.meeting_fr)
    _activate_totp(user)
    user = User.objects.get(pk=user.pk)  # a new request: a new user object
    assert is_focal_point(user, site_id=commune_site.pk)
    assert can_answer(user, site=commune_site)
    assert user_has_role(user=user, site=commune_site, role=Role.FOCAL_POINT)
    assert can_manage_meeting(user, staff_data.meeting_fr)


def test_wagtail_password_login_for_private_pages_cannot_skip_the_code(client, commune_site):
    """Wagtail's own front-end log-in form takes a password only: it goes to the site's log-in."""

    staff = UserFactory(email="staff2@example.ma", is_staff=True)
    _activate_totp(staff)
    response = client.post("/fr/_util/login/", {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/")
    assert "_auth_user_id" not in client.session
    response = client.get("/ar/_util/login/?next=/ar/private/")
    assert response["Location"] == "/ar/accounts/login/?next=%2Far%2Fprivate%2F"
