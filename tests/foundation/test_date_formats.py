"""Dates and times are written the way each language writes them (issue 18, item 5): the format
modules ``site_template/formats/ar`` and ``fr`` decide, never a format hard-coded in a template
(French pages used to print "2 décembre 2026، 13:56", with the Arabic comma).

One moment, 2 December 2026 at 13:56 in Morocco, printed by the pages and emails that show dates."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import translation
from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 12, 2, 13, 56, tzinfo=ZoneInfo("Africa/Casablanca"))
DATETIME = {"fr": "2 décembre 2026 à 13h56", "ar": "2 دجنبر 2026، 13:56"}
TIME = {"fr": "13h56", "ar": "13:56"}
DAY = {"fr": "mercredi 2 décembre 2026", "ar": "الأربعاء 2 دجنبر 2026"}
ARABIC_COMMA = "،"


@pytest.fixture(autouse=True)
def _no_anonymous_page_cache(settings):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 0


def _text(html: str) -> str:
    """The visible text of a page's <main>, tags removed, spaces collapsed."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.split(">", 1)[1]))


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_format_modules(lang):
    with translation.override(lang):
        assert date_format(localtime(MOMENT), "DATETIME_FORMAT") == DATETIME[lang]
        assert time_format(localtime(MOMENT)) == TIME[lang]
        assert date_format(MOMENT, "l j F Y") == DAY[lang]
    with translation.override("fr"):
        assert ARABIC_COMMA not in date_format(localtime(MOMENT), "DATETIME_FORMAT")


# --- Information requests: receipt page, status page, receipt email ------------------------------


@pytest.fixture
def info_request(commune_site, home_ar, home_fr):
    from wagtail.models import Locale

    from participation.info_requests import services
    from participation.info_requests.models import AccessForm, Event, IdDocument, InfoRequest
    from participation.info_requests.provisioning import info_requests_setup

    page = info_requests_setup(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})

    def make(lang: str):
        identity = services.Identity(full_name="Fatima Zahra Alami", postal_address="12 rue Al Andalous, Larache",
                                     id_document=IdDocument.CIN, id_number="LA123456", email="fatima@example.ma",
                                     phone="0612345678")
        request, token = services.info_request_create(
            page=page, identity=identity, subject="Budget 2025", information_requested="Le budget voté",
            access_form=AccessForm.EMAIL, language=lang,
        )
        InfoRequest.objects.filter(pk=request.pk).update(received_at=MOMENT)
        Event.objects.filter(request=request).update(at=MOMENT)
        request.refresh_from_db()
        return request, token, page.get_translation(Locale.objects.get(language_code=lang)).url

    return make


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_information_request_receipt_and_status_pages(client, info_request, lang):
    _request, token, url = info_request(lang)
    for route in (f"r/{token}/receipt/", f"r/{token}/"):
        response = client.get(url + route)
        assert response.status_code == 200
        text = _text(response.content.decode())
        assert DATETIME[lang] in text, (route, text)
        if lang == "fr":
            assert ARABIC_COMMA not in text, route


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_information_request_receipt_email(info_request, lang):
    from participation.info_requests.emails import send_receipt

    request, token, _url = info_request(lang)
    mail.outbox.clear()
    send_receipt(request=request, token=token)
    body = mail.outbox[-1].body
    assert DATETIME[lang] in body
    if lang == "fr":
        assert ARABIC_COMMA not in body


# --- Citizen meetings: meeting page and registration email --------------------------------------


@pytest.fixture
def meeting(home_ar):
    from participation.meetings.models import MeetingIndexPage, MeetingPage
    from site_template.pages.tree import add_translated_child

    index_ar, _index_fr = add_translated_child(
        home_ar, page_class=MeetingIndexPage,
        ar={"title": "اللقاءات المواطنة", "slug": "meetings"},
        fr={"title": "Rencontres citoyennes", "slug": "meetings"},
    )
    page_ar, _page_fr = add_translated_child(
        index_ar, page_class=MeetingPage,
        ar={"title": "لقاء حول المساحات الخضراء", "slug": "green", "place": "قاعة الجماعة"},
        fr={"title": "Rencontre sur les espaces verts", "slug": "green", "place": "Salle de la commune"},
        starts_at=MOMENT, duration_minutes=120, capacity=10,
    )
    return page_ar


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_meeting_page(client, meeting, lang):
    from wagtail.models import Locale

    page = meeting.get_translation(Locale.objects.get(language_code=lang))
    response = client.get(page.url)
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert DAY[lang] in text
    assert f"{TIME[lang]} – {'15h56' if lang == 'fr' else '15:56'}" in text


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_meeting_registration_email(meeting, lang):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from participation.meetings.emails import registration_email
    from participation.meetings.models import Registration

    user = get_user_model().objects.create_user(email="karim@example.ma", password="a-long-password-1",
                                                display_name="Karim")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    registration = Registration.objects.create(meeting=meeting, user=user, status="confirmed", language=lang)
    with translation.override(lang):
        body = registration_email(registration=registration, kind="confirmed").body
    date_line = next(line for line in body.splitlines() if DAY[lang] in line)
    expected = {"fr": f"{DAY['fr']} de 13h56 à 15h56", "ar": f"{DAY['ar']}، من الساعة 13:56 إلى الساعة 15:56"}[lang]
    assert expected in date_line, date_line


# --- Comments: date and time under each comment -------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_comment_date_and_time(client, commune_site, home_ar, home_fr, lang):
    from wagtail.models import Locale

    from participation.core.models import Comment
    from participation.core.services import comment_create
    from participation.suggestions.models import SuggestionsPage
    from participation.suggestions.services import suggestion_create
    from participation.suggestions.wagtail_hooks import setup_suggestions
    from tests.factories import UserFactory

    setup_suggestions(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    page = SuggestionsPage.objects.get(locale__language_code="ar")
    author = UserFactory(display_name="Amina")
    suggestion = suggestion_create(page=page, author=author, title="Trottoir cassé", text="Le trottoir est cassé.")
    comment = comment_create(contribution=suggestion, author=UserFactory(display_name="Karim"), text="Je confirme")
    Comment.objects.filter(pk=comment.pk).update(created_at=MOMENT)

    page_lang = page.get_translation(Locale.objects.get(language_code=lang)).specific
    response = client.get(page_lang.contribution_url(suggestion))
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert DATETIME[lang] in text, text
