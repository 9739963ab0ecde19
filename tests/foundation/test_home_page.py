"""The home page: cached whole for anonymous visitors and renewed by every change it shows (news,
council sessions, meetings and registrations, suggestions, consultations, information requests,
commune settings) or by time (a meeting starting, a consultation opening); logged in, a fixed
number of queries whatever it lists."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participation.consultations.models import ConsultationPage
from participation.core.caching import HEADER
from participation.meetings.models import MeetingIndexPage, MeetingPage
from participation.suggestions.models import SuggestionsPage
from site_template.communes.models import CommuneSettings
from site_template.communes.services import CommuneSpec, commune_generate
from site_template.council.models import CouncilSessionIndexPage
from site_template.news.models import NewsIndexPage
from site_template.pages.tree import add_translated_child
from tests.conftest import restore_migration_data
from tests.factories import ContributionFactory, UserFactory
from tests.publishing.factories import make_news, make_session

pytestmark = pytest.mark.django_db

_seq = itertools.count(1)


@pytest.fixture
def commune(db, settings, tmp_path):
    """A whole generated commune (every feature's pages), without demo content."""
    settings.MEDIA_ROOT = tmp_path / "media"
    restore_migration_data()
    site = commune_generate(
        spec=CommuneSpec(slug="larache", name_ar="جماعة العرائش", name_fr="Commune de Larache",
                         hostname="testserver", is_default_site=True),
    ).site
    return site


def _index(model, site):
    return model.objects.descendant_of(site.root_page).filter(locale__language_code="ar").first()


def add_news(site, n):
    return make_news(_index(NewsIndexPage, site), n, date=timezone.localdate() - timedelta(days=1))[0]


def add_session(site, starts_in=timedelta(days=10)):
    return make_session(_index(CouncilSessionIndexPage, site), slug=f"session-{next(_seq)}",
                        starts_at=timezone.now() + starts_in)[0]


def add_meeting(site, starts_in=timedelta(days=5), capacity=30):
    n = next(_seq)
    return add_translated_child(
        _index(MeetingIndexPage, site), page_class=MeetingPage,
        ar={"title": f"لقاء رقم {n}", "slug": f"meeting-{n}", "place": "قاعة الجماعة"},
        fr={"title": f"Rencontre {n}", "slug": f"meeting-{n}", "place": "Salle de la commune"},
        starts_at=timezone.now() + starts_in, capacity=capacity,
    )[0]


def add_suggestion(site, title="إصلاح الإنارة العمومية"):
    page = _index(SuggestionsPage, site)
    return ContributionFactory(page=page, author=UserFactory(display_name="مواطن"), title=title)


def add_consultation(site, opens_in=timedelta(days=-1), closes_in=timedelta(days=6)):
    n = next(_seq)
    now = timezone.now()
    return add_translated_child(
        site.root_page.specific, page_class=ConsultationPage,
        ar={"title": f"تشاور رقم {n}", "slug": f"consultation-{n}"},
        fr={"title": f"Consultation {n}", "slug": f"consultation-{n}"},
        opens_at=now + opens_in, closes_at=now + closes_in,
    )[0]


def _get(client, language="ar"):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    return response


def test_home_page_is_cached_for_anonymous_visitors_with_no_query(client, commune, django_assert_num_queries):
    add_news(commune, 1)
    first = _get(client)
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = _get(client)
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert "خبر رقم 1" in second.content.decode()


def test_each_language_and_each_commune_has_its_own_cached_home_page(client, commune):
    add_news(commune, 1)
    assert "خبر رقم 1" in _get(client, "ar").content.decode()
    assert "Actualité 1" in _get(client, "fr").content.decode()
    assert _get(client, "fr")[HEADER] == "hit"


def test_logged_in_visitors_get_a_fresh_page(client, commune):
    client.force_login(UserFactory(display_name="أمينة"))
    _get(client)
    response = _get(client)
    assert HEADER not in response  # never stored nor served from the page cache
    assert 'href="/ar/accounts/profile/"' in response.content.decode()


def _publish_news(site, user):
    add_news(site, 7)
    return "خبر رقم 7"


def _publish_session(site, user):
    add_session(site)
    return "دورة session-"


def _publish_meeting(site, user):
    meeting = add_meeting(site)
    return meeting.title


def _register_for_meeting(site, user):
    from participation.meetings.services import registration_create

    meeting = MeetingPage.objects.filter(locale__language_code="ar").first()
    registration_create(meeting=meeting, user=user)
    return "29"  # places left: 30 - 1


def _post_suggestion(site, user):
    ContributionFactory(page=_index(SuggestionsPage, site), author=user, title="اقتراح جديد حول الحدائق")
    return "اقتراح جديد حول الحدائق"


def _open_consultation(site, user):
    page = add_consultation(site)
    return page.title


def _rename_commune(site, user):
    commune = CommuneSettings.objects.get(site=site)
    commune.name_ar = "جماعة العرائش الكبرى"
    commune.save()
    return "جماعة العرائش الكبرى"


def _answer_in_register(site, user):
    from participation.info_requests import services
    from participation.info_requests.models import AccessForm, IdDocument, InfoRequestPage

    page = InfoRequestPage.objects.filter(locale__language_code="ar").first()
    identity = services.Identity(full_name="فاطمة العلمي", postal_address="12 زنقة الأندلس",
                                 id_document=IdDocument.CIN, id_number="LA123456")
    info_request, _token = services.info_request_create(
        page=page, identity=identity, subject="ميزانية الجماعة لسنة 2026",
        information_requested="نسخة من الميزانية", access_form=AccessForm.EMAIL,
    )
    services.info_request_answer(request=info_request, message="الميزانية منشورة.", by=None, publish=True)
    return "ميزانية الجماعة لسنة 2026"


@pytest.mark.parametrize(
    "change",
    [_publish_news, _publish_session, _publish_meeting, _register_for_meeting, _post_suggestion,
     _open_consultation, _rename_commune, _answer_in_register],
)
def test_every_change_the_home_page_shows_renews_it(client, commune, change):
    add_meeting(commune)  # for the registration
    add_news(commune, 1)
    user = UserFactory(display_name="مواطنة")  # before the page is cached: a new account changes nothing public
    assert _get(client)[HEADER] == "miss"
    assert _get(client)[HEADER] == "hit"
    expected = change(commune, user)
    response = _get(client)
    assert response[HEADER] == "miss"
    assert expected in response.content.decode()


def test_a_meeting_about_to_start_keeps_the_home_page_out_of_the_page_cache(client, commune, settings):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 300
    add_meeting(commune, starts_in=timedelta(minutes=2))
    for _ in range(2):  # served fresh each time: the meeting leaves the list in two minutes
        assert HEADER not in _get(client)
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 60
    assert _get(client)[HEADER] == "miss"  # a shorter page cache expires before it starts
    assert _get(client)[HEADER] == "hit"


def test_the_cached_sections_are_rebuilt_once_a_meeting_has_started(client, commune, monkeypatch):
    meeting = add_meeting(commune, starts_in=timedelta(hours=2))
    client.force_login(UserFactory(display_name="x"))
    assert meeting.title in _get(client).content.decode()
    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert meeting.title not in _get(client).content.decode()


def _card_of(html: str, title: str) -> str:
    start = html.index(title)
    return html[start:html.index("</li>", start)]


def test_an_announced_consultation_shows_as_open_once_its_opening_time_has_passed(client, commune, monkeypatch):
    from django.utils.translation import gettext, override

    from participation.consultations import clock

    page = add_consultation(commune, opens_in=timedelta(hours=1), closes_in=timedelta(days=7))
    client.force_login(UserFactory(display_name="x"))
    with override("ar"):
        announced, open_ = gettext("Announced"), gettext("Open for remarks")
    card = _card_of(_get(client).content.decode(), page.title)
    assert announced in card and open_ not in card
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(clock, "now", lambda: later)
    card = _card_of(_get(client).content.decode(), page.title)
    assert open_ in card and announced not in card


def _seed(site, n: int):
    for i in range(n):
        add_news(site, 1000 * n + i)
        add_session(site, starts_in=timedelta(days=3 + i))
        add_meeting(site, starts_in=timedelta(days=3 + i))
        add_suggestion(site, title=f"اقتراح {i}")
        add_consultation(site)


def _counts(client):
    from django.core.cache import cache

    counts = {}
    for language in ("ar", "fr"):
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            _get(client, language)
        with CaptureQueriesContext(connection) as warm:
            response = _get(client, language)
        counts[language] = (len(cold.captured_queries), len(warm.captured_queries))
    return counts, response.content.decode()


def test_logged_in_home_page_runs_a_fixed_small_number_of_queries(client, commune):
    client.force_login(UserFactory(display_name="أمينة"))
    _seed(commune, 1)
    small, _html = _counts(client)
    _seed(commune, 6)
    big, html = _counts(client)
    assert html.count('class="card') >= 12  # full sections rendered (3 of each)
    assert small == big, (small, big)
    assert all(warm <= 3 for _cold, warm in big.values()), big  # session and user only
