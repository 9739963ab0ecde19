"""Meeting pages in Arabic and French, registration through the browser forms (no JS), staff views."""

from datetime import timedelta

import html5lib
import pytest
from django.core import mail
from wagtail.models import Locale

from participation.meetings import services
from participation.meetings.models import Registration

pytestmark = pytest.mark.django_db


def _valid_html(content: bytes) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(content)


def test_index_upcoming_first_then_past_in_both_languages(client, meeting_index, make_meeting, theme):
    make_meeting(title_ar="لقاء قادم", title_fr="Rencontre à venir", theme=theme)
    make_meeting(title_ar="لقاء سابق", title_fr="Rencontre passée", starts_in=-timedelta(days=40),
                 participants_count=70, women_count=40, associations_count=18)
    response = client.get("/ar/meetings/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("لقاء قادم") < html.index("لقاء سابق")
    assert "اللقاءات القادمة" in html or "Upcoming" not in html
    _valid_html(response.content)
    html_fr = client.get("/fr/meetings/").content.decode()
    assert html_fr.index("Rencontre à venir") < html_fr.index("Rencontre passée")
    assert 'lang="fr"' in html_fr and 'href="/fr/meetings/meeting-' in html_fr


def test_index_filters_by_theme_and_neighbourhood(client, meeting_index, make_meeting, theme, commune_site):
    from site_template.communes.models import Neighbourhood

    hood = Neighbourhood.objects.create(site=commune_site, name_ar="حي المغرب الجديد", name_fr="Maghreb Jdid")
    make_meeting(title_ar="لقاء البيئة", theme=theme)
    make_meeting(title_ar="لقاء الحي", neighbourhood=hood)
    html = client.get("/ar/meetings/?theme=environment").content.decode()
    assert "لقاء البيئة" in html and "لقاء الحي" not in html
    html = client.get(f"/ar/meetings/?neighbourhood={hood.pk}").content.decode()
    assert "لقاء الحي" in html and "لقاء البيئة" not in html
    html = client.get("/ar/meetings/?theme=nope&neighbourhood=abc").content.decode()
    assert "لقاء الحي" in html and "لقاء البيئة" in html


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_meeting_page_renders_valid_html(client, meeting, lang):
    page = meeting if lang == "ar" else meeting.get_translation(Locale.objects.get(language_code="fr"))
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert page.title in html
    assert 'style="' not in html and "<script>" not in html
    _valid_html(response.content)


def test_anonymous_sees_login_prompt(client, meeting):
    html = client.get(meeting.url).content.decode()
    assert "/accounts/login/?next=" in html
    response = client.post(meeting.url + "register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_register_and_cancel_through_forms(client, meeting, make_citizen, django_capture_on_commit_callbacks):
    user = make_citizen()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(meeting.url + "register/")
    assert response.status_code == 302
    assert Registration.objects.get(user=user).status == "confirmed"
    assert len(mail.outbox) == 1
    html = client.get(meeting.url).content.decode()
    assert 'action="' + meeting.url + 'cancel/"' in html
    response = client.post(meeting.url + "cancel/", follow=True)
    assert Registration.objects.get(user=user).status == "cancelled"
    assert response.status_code == 200


def test_french_page_registers_in_french(client, meeting, make_citizen, django_capture_on_commit_callbacks):
    page_fr = meeting.get_translation(Locale.objects.get(language_code="fr"))
    user = make_citizen()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_fr.url + "register/")
    registration = Registration.objects.get(user=user)
    assert registration.meeting_id == meeting.pk and registration.language == "fr"
    assert "Rencontre sur les espaces verts" in mail.outbox[0].subject


def test_full_meeting_offers_waiting_list(client, meeting, make_citizen):
    for _ in range(2):
        services.registration_create(meeting=meeting, user=make_citizen())
    client.force_login(make_citizen())
    html = client.get(meeting.url).content.decode()
    assert "waitlist" not in html  # class names aside, the button text is translated
    response = client.post(meeting.url + "register/", follow=True)
    assert Registration.objects.filter(status="waitlisted").count() == 1
    assert response.status_code == 200


def test_unverified_user_is_told_to_confirm_email(client, meeting, make_citizen):
    client.force_login(make_citizen(verified=False))
    client.post(meeting.url + "register/")
    assert not Registration.objects.exists()


def test_blocked_citizen_is_refused_registration_through_the_form(client, meeting, make_citizen, commune_site):
    from django.utils import timezone

    from participation.core.models import UserBlock

    user = make_citizen()
    UserBlock.objects.create(user=user, site=commune_site, until=timezone.now() + timedelta(days=3),
                             reason="إزعاج متكرر")
    client.force_login(user)
    notice = "حسابك موقوف عن المشاركة حاليا."  # "Your account is blocked from taking part for now."
    page_html = client.get(meeting.url).content.decode()
    assert 'action="' + meeting.url + 'register/"' not in page_html
    assert notice in page_html  # the registration box says why
    response = client.post(meeting.url + "register/")
    assert response.status_code == 302
    assert response["Location"] == meeting.url + "#registration"
    assert not Registration.objects.exists()
    assert mail.outbox == []
    after = client.get(meeting.url).content.decode()
    assert after.count(notice) == page_html.count(notice) + 1  # and the refusal message too


def test_get_on_register_redirects(client, meeting):
    assert client.get(meeting.url + "register/").status_code == 302


def test_online_link_shown_to_registrants_only(client, make_meeting, make_citizen):
    meeting = make_meeting(format="hybrid", online_url="https://meet.example.org/room-42")
    assert "room-42" not in client.get(meeting.url).content.decode()
    user = make_citizen()
    services.registration_create(meeting=meeting, user=user)
    client.force_login(user)
    assert "room-42" in client.get(meeting.url).content.decode()


def test_past_meeting_shows_report_figures_and_ideas(client, make_meeting):
    from participation.meetings.models import MeetingIdea

    meeting = make_meeting(starts_in=-timedelta(days=10), participants_count=70, women_count=40,
                           associations_count=18)
    meeting.ideas = [MeetingIdea(text="تهيئة المساحات الخضراء")]
    meeting.save_revision().publish()
    page_fr = meeting.get_translation(Locale.objects.get(language_code="fr"))
    for url in (meeting.url, page_fr.url):
        html = client.get(url).content.decode()
        assert "<strong>70</strong>" in html and "<strong>40</strong>" in html and "<strong>18</strong>" in html
        assert "تهيئة المساحات الخضراء" in html
        assert 'action="' not in html.split('id="main"')[1].split("</main>")[0] or "register" not in html


def test_home_page_lists_next_meetings(client, meeting):
    html = client.get("/ar/").content.decode()
    assert meeting.title in html
    html = client.get("/fr/").content.decode()
    assert "Rencontre sur les espaces verts" in html


def test_staff_registrants_exports_and_sign_in_sheet(client, meeting, make_citizen, superuser):
    users = [make_citizen(display_name=f"مواطن {n}") for n in (1, 2, 3)]
    for user in users:
        services.registration_create(meeting=meeting, user=user)
    client.force_login(superuser)
    base = f"/admin/meetings/{meeting.pk}/"
    html = client.get(base + "registrants/").content.decode()
    assert all(u.email in html for u in users)
    csv_response = client.get(base + "registrants.csv")
    assert csv_response.status_code == 200
    body = csv_response.content.decode("utf-8")
    assert body.startswith("\ufeff") and users[2].email in body
    xlsx = client.get(base + "registrants.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    sheet = client.get(base + "sign-in-sheet/")
    assert sheet.status_code == 200
    sheet_html = sheet.content.decode()
    # names, never emails; the waitlisted registrant is not on the sheet
    assert users[0].display_name in sheet_html and users[2].display_name not in sheet_html
    assert not any(u.email in sheet_html for u in users)
    _valid_html(sheet.content)


def test_staff_lists_print_names_never_emails(client, meeting_index, make_meeting, make_citizen, superuser):
    """An association's account (display name only, or only the association it declares) and a
    person who gave a full name: each appears by name on the sign-in sheet, in the registrant list
    and in the exports; the email stays in its own column of the list and exports only."""
    meeting = make_meeting(capacity=10)
    association = make_citizen(email="luxus@example.ma", display_name="جمعية لوكسوس للتنمية",
                               association_name="جمعية لوكسوس للتنمية", association_verified=True)
    declared_only = make_citizen(email="amal@example.ma", association_name="جمعية الأمل")
    person = make_citizen(email="khadija@example.ma", first_name="خديجة", last_name="بنعلي", display_name="Khadija")
    for user in (association, declared_only, person):
        services.registration_create(meeting=meeting, user=user)
    client.force_login(superuser)
    base = f"/admin/meetings/{meeting.pk}/"
    sheet = client.get(base + "sign-in-sheet/").content.decode()
    rows = sheet.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    # Names are isolated (<bdi>) so that a name's direction never reorders the row.
    assert ("<td><bdi>جمعية لوكسوس للتنمية</bdi></td><td></td><td></td><td></td>"
            "<td><bdi>جمعية لوكسوس للتنمية</bdi></td>") in rows
    assert "<td><bdi>جمعية الأمل</bdi></td><td></td><td></td><td></td><td></td>" in rows  # declared, not confirmed
    assert "<td><bdi>خديجة بنعلي</bdi></td>" in rows
    assert "@" not in rows
    listing = client.get(base + "registrants/").content.decode()
    for name, email in (("جمعية لوكسوس للتنمية", "luxus@example.ma"), ("جمعية الأمل", "amal@example.ma"),
                        ("خديجة بنعلي", "khadija@example.ma")):
        assert f"<td><bdi>{name}</bdi></td><td>{email}</td>" in listing
    csv_rows = client.get(base + "registrants.csv").content.decode("utf-8-sig").splitlines()[1:]
    assert [row.split(",")[1:3] for row in csv_rows] == [
        ["جمعية لوكسوس للتنمية", "luxus@example.ma"], ["جمعية الأمل", "amal@example.ma"],
        ["خديجة بنعلي", "khadija@example.ma"],
    ]


def test_citizens_cannot_see_registrants(client, meeting, make_citizen):
    client.force_login(make_citizen())
    response = client.get(f"/admin/meetings/{meeting.pk}/registrants/")
    assert response.status_code == 403
    assert "@example.ma" not in response.content.decode()


def test_commune_setup_creates_pages_and_demo_idempotently(commune_site, home_ar, home_fr, make_citizen):
    from participation.meetings.models import MeetingIndexPage, MeetingPage
    from participation.meetings.provisioning import meetings_setup

    citizen = make_citizen()
    for _ in range(2):
        meetings_setup(site=commune_site, home_ar=home_ar, home_fr=home_fr, demo=True,
                       demo_users={"citizen": citizen})
    assert MeetingIndexPage.objects.count() == 2
    assert MeetingPage.objects.filter(locale__language_code="ar").count() == 4
    assert MeetingPage.objects.filter(locale__language_code="fr").count() == 4
    first = MeetingPage.objects.get(slug="first-citizen-meeting-2023", locale__language_code="ar")
    assert (first.participants_count, first.women_count, first.associations_count) == (70, 40, 18)
    assert first.starts_at.date().isoformat() == "2023-03-21"
    assert Registration.objects.filter(user=citizen).count() == 1


def test_registration_clicks_are_rate_limited(client, meeting, make_citizen, settings):
    settings.RATELIMIT_ENABLED = True
    user = make_citizen()
    client.force_login(user)
    codes = [client.post(meeting.url + ("register/" if n % 2 == 0 else "cancel/")).status_code for n in range(22)]
    assert codes[:20] == [302] * 20
    assert codes[20] == 429


def test_report_figures_agree_with_their_numbers(client, make_meeting):
    """Arabic has six plural forms: “1 مشاركا”, “2 مشاركا” or “3 جمعية” are wrong."""
    meeting = make_meeting(starts_in=-timedelta(days=3), participants_count=100, women_count=1, youth_count=2,
                           disabled_count=3, associations_count=11)
    figures = client.get(meeting.url).content.decode().split('class="meeting-figures"', 1)[1].split("</ul>", 1)[0]
    for phrase in ("<strong>100</strong> مشارك ومشاركة", "<strong>امرأة واحدة</strong>", "<strong>شابان</strong>",
                   "<strong>3</strong> أشخاص في وضعية إعاقة", "<strong>11</strong> جمعية"):
        assert phrase in figures
    assert "مشاركا" not in figures
    page_fr = meeting.get_translation(Locale.objects.get(language_code="fr"))
    figures = client.get(page_fr.url).content.decode().split('class="meeting-figures"', 1)[1].split("</ul>", 1)[0]
    assert "<strong>100</strong> participants" in figures and "<strong>1</strong> femme<" in figures
