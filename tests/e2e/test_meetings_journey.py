"""The citizen-meetings journey in headless Chromium (issue 5 quality bar):

the focal point creates a meeting with capacity 2 in the Wagtail admin; three citizens register
(the third is waitlisted); one cancels and the third is promoted and emailed; the reminder goes
out; after the meeting the focal point publishes the report and figures and turns an idea into a
suggestion; the page reads correctly in Arabic and French."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from tests.e2e.helpers import logged_in_phone, publish_in_admin
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e



@pytest.fixture
def journey(live_commune, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # the focal point logs in with a password here
    settings.RATELIMIT_ENABLED = False
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from participation.meetings.models import MeetingIndexPage
    from participation.meetings.provisioning import meetings_setup
    from participation.suggestions.models import SuggestionsPage
    from site_template.communes.models import CommuneRole
    from site_template.communes.roles import Role
    from site_template.pages.tree import add_translated_child

    site = live_commune
    home_ar = site.root_page.specific
    home_fr = home_ar.get_translation(Locale.objects.get(language_code="fr"))
    meetings_setup(site=site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    index_ar = MeetingIndexPage.objects.get(locale__language_code="ar")
    suggestions_ar, _ = add_translated_child(home_ar, page_class=SuggestionsPage,
                                             ar={"title": "فضاء الاقتراحات", "slug": "suggestions"},
                                             fr={"title": "Suggestions", "slug": "suggestions"})
    role = CommuneRole.objects.filter(site=site, role=Role.FOCAL_POINT).select_related("group").first()
    group = role.group if role else Group.objects.create(name="larache — focal point")
    if role is None:
        CommuneRole.objects.create(site=site, role=Role.FOCAL_POINT, group=group)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for page in (index_ar, *index_ar.get_translations()):
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=Permission.objects.get(codename=codename,
                                                                          content_type__app_label="wagtailcore")
            )
    focal = UserFactory(email="focal@example.ma", display_name="نقطة الارتكاز")
    focal.groups.add(group)
    return {
        "index_ar": index_ar,
        "suggestions_ar": suggestions_ar,
        "focal": focal,
        "citizens": [UserFactory(email="amina@example.ma", display_name="أمينة"), UserFactory(email="karim@example.ma", display_name="كريم"),
                     UserFactory(email="salma@example.ma", display_name="سلمى")],
    }




def test_meeting_journey(live_server, browser, journey):
    from participation.meetings.models import IdeaConversion, MeetingPage, Registration

    base = live_server.url
    index_ar = journey["index_ar"]
    amina, karim, salma = journey["citizens"]
    tomorrow = timezone.localdate() + timedelta(days=1)

    # 1. The focal point creates a meeting with capacity 2 in the admin.
    ctx_focal, admin = logged_in_phone(browser, base, "focal@example.ma")
    admin.set_viewport_size({"width": 1280, "height": 900})
    admin.goto(f"{base}/admin/pages/add/meetings/meetingpage/{index_ar.pk}/")
    # The slug is set before the title is touched: Wagtail then treats it as edited by hand and
    # stops copying the title into it (otherwise a delayed copy can overwrite it).
    admin.eval_on_selector("#id_slug", "el => { el.value = 'public-lighting-meeting'; }")
    admin.fill("#id_title", "لقاء مواطن حول الإنارة العمومية")
    admin.fill("#id_summary", "لقاء لجمع أفكار الأحياء حول الإنارة العمومية.")
    admin.fill("#id_starts_at", f"{tomorrow:%Y-%m-%d} 17:00")
    admin.fill("#id_place", "قاعة الاجتماعات بمقر الجماعة")
    admin.fill("#id_capacity", "2")
    assert admin.input_value("#id_slug") == "public-lighting-meeting"
    publish_in_admin(admin)
    meeting = MeetingPage.objects.get(slug="public-lighting-meeting", locale__language_code="ar")
    assert meeting.live and meeting.capacity == 2
    meeting_fr = meeting.get_translation(Locale.objects.get(language_code="fr"))
    assert meeting_fr.live  # published at once on the French site too

    # 2. Three citizens register; the third is waitlisted.
    contexts = {}
    for user in (amina, karim, salma):
        ctx, p = logged_in_phone(browser, base, user.email)
        contexts[user.email] = (ctx, p)
        p.goto(f"{base}{meeting.url}")
        p.locator("#registration form button[type=submit]").click()
        p.wait_for_load_state()
    statuses = dict(Registration.objects.values_list("user__email", "status"))
    assert statuses == {amina.email: "confirmed", karim.email: "confirmed", salma.email: "waitlisted"}
    salma_page = contexts[salma.email][1]
    assert "1" in salma_page.locator("#registration .notice").inner_text()  # first on the waiting list

    # 3. Karim cancels; Salma is promoted and emailed.
    mail.outbox.clear()
    karim_page = contexts[karim.email][1]
    karim_page.goto(f"{base}{meeting.url}")
    karim_page.locator("#registration form button[type=submit]").click()
    karim_page.wait_for_load_state()
    assert Registration.objects.get(user=salma).status == "confirmed"
    promoted_mail = next(m for m in mail.outbox if salma.email in m.to)
    assert meeting.title in promoted_mail.subject
    assert promoted_mail.attachments[0][0] == "meeting.ics"
    salma_page.goto(f"{base}{meeting.url}")
    assert salma_page.locator("#registration form button[type=submit]").count() == 1  # she may now cancel

    # 4. The reminder goes out the day before (once).
    mail.outbox.clear()
    call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(m.to[0] for m in mail.outbox) == sorted([amina.email, salma.email])

    # 5. After the meeting (time travel: the meeting took place last week) the focal point
    #    publishes the figures and the ideas, then turns an idea into a suggestion.
    past = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=7), time(17, 0)))
    MeetingPage.objects.filter(translation_key=meeting.translation_key).update(starts_at=past)
    for page in MeetingPage.objects.filter(translation_key=meeting.translation_key):
        revision = page.latest_revision
        revision.content["starts_at"] = past.isoformat()
        revision.save(update_fields=["content"])
    admin.goto(f"{base}/admin/pages/{meeting.pk}/edit/")
    for field, value in (("participants_count", "70"), ("women_count", "40"), ("youth_count", "22"),
                         ("associations_count", "18")):
        admin.eval_on_selector(f"#id_{field}", f"el => {{ el.value = '{value}'; }}")
    admin.locator("#id_ideas-ADD").dispatch_event("click")
    admin.eval_on_selector("#id_ideas-0-text", "el => { el.value = 'تركيب مصابيح موفرة للطاقة في الأزقة'; }")
    publish_in_admin(admin)
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    assert (meeting.participants_count, meeting.women_count, meeting.associations_count) == (70, 40, 18)
    idea = meeting.ideas.get()
    admin.goto(f"{base}/admin/meetings/{meeting.pk}/registrants/")
    assert amina.email in admin.content()
    admin.select_option(f"#target-{idea.pk}", f"suggestion:{journey['suggestions_ar'].pk}")
    admin.locator(f"form[action$='/ideas/{idea.pk}/convert/'] button[type=submit]").click()
    admin.wait_for_load_state()
    conversion = IdeaConversion.objects.get(idea=idea)
    assert conversion.contribution.kind == "suggestion"
    assert conversion.contribution.page_id == journey["suggestions_ar"].pk
    sheet = admin.goto(f"{base}/admin/meetings/{meeting.pk}/sign-in-sheet/")
    assert sheet.status == 200
    ctx_focal.close()

    # 6. The page reads correctly in Arabic and in French.
    reader = contexts[amina.email][1]
    reader.goto(f"{base}{meeting.url}")
    assert reader.locator("html").get_attribute("lang") == "ar"
    assert reader.locator("html").get_attribute("dir") == "rtl"
    report = reader.locator(".meeting-report").inner_text()
    assert "70" in report and "40" in report and "18" in report
    assert "تركيب مصابيح موفرة للطاقة" in report
    assert "تقرير اللقاء" in report
    assert reader.locator(f".meeting-report a[href*='/suggestions/{conversion.contribution_id}/']").count() == 1
    reader.goto(f"{base}{meeting_fr.url}")
    assert reader.locator("html").get_attribute("lang") == "fr"
    assert reader.locator("html").get_attribute("dir") == "ltr"
    report_fr = reader.locator(".meeting-report").inner_text()
    assert "Compte rendu" in report_fr and "70" in report_fr and "participants" in report_fr
    for ctx, _p in contexts.values():
        ctx.close()
