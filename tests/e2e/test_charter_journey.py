"""The participation-charter journey in headless Chromium (issue 12 quality bar):

the focal point keeps a charter of 10 commitments over the seven principles (nine entered through
the services, the tenth through the Wagtail admin's snippet form with a computed indicator, "citizen
meetings with a published report"), changes a status on the charter's overview screen, and has two
evaluations a year apart (the latest started and published from the overview); the indicators
computed from the meetings and the information requests show what the test created, and the one on
the meetings' reports moves from N to N+1 on the public (cached) page once the focal point publishes
a past meeting's report in the page editor; two citizens rate a commitment (one changes her rating)
on its public page through the form (no JavaScript needed), and the scorecard shows the commune's
statuses beside the citizens' ratings for that principle, in Arabic and in French, on a phone; the
pages say their language and direction and log no console error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import Locale

from tests.e2e.helpers import logged_in_phone, publish_in_admin
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e

PHONE = {"width": 412, "height": 860}

# (number, principle, status, indicator) of the nine commitments entered through the services; the
# tenth (participation, meetings.reports_published) is typed in the admin by the focal point.
COMMITMENTS = [
    (1, "participation", "in_progress", ""),
    (2, "participation", "kept", ""),
    (3, "equality", "in_progress", "meetings.women_share"),
    (4, "cooperation", "not_started", ""),
    (5, "efficiency", "not_kept", ""),
    (6, "transparency", "in_progress", "info_requests.answered_on_time"),
    (7, "transparency", "kept", ""),
    (8, "sustainability", "not_started", ""),
    (9, "innovation", "in_progress", ""),
]
STATUSES = ("not_started", "in_progress", "kept", "not_kept")  # the scorecard's column order

# The meetings (days ago, participants, women, with a report): held and reported, held and not yet
# reported (the focal point reports it in the browser), and one to come (never counted).
REPORTED = [(12, 30, 12), (20, 20, 8), (400, 50, 20)]
TO_REPORT = (5, 25, 15)


def at(days_ago: int, hour: int = 17) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate() - dt.timedelta(days=days_ago),
                                                   dt.time(hour, 0)))


def console_watch(page, errors: list) -> None:
    page.on("console", lambda message: errors.append(f"{page.url}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))


def phone(browser, locale: str, errors: list):
    context = browser.new_context(locale=locale, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    console_watch(page, errors)
    return context, page


def check_page(page, language: str) -> None:
    assert page.locator("html").get_attribute("lang") == language, page.url
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr"), page.url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is wider than the phone: {width}px"


def value_today(page) -> str:
    return page.inner_text("main .charter-indicator .charter-value bdi").strip()


def make_requests(info_page, officer) -> tuple[int, int]:
    """Information requests whose deadline fell in the last weeks: answered on time, answered late,
    left unanswered past the deadline, and one not yet due (not counted). Returns (on time,
    counted) as the law counts them."""
    from participation.info_requests import services
    from participation.info_requests.models import InfoRequest

    identity = services.Identity(full_name="فاطمة الزهراء العلمي", postal_address="12 زنقة الأندلس، العرائش",
                                 id_document="cin", id_number="LA123456", email="fatima@example.ma", phone="")
    today = timezone.localdate()
    # (deadline in days from today, answered how many days before the deadline; None: not answered)
    plan = [(-10, 3), (-15, 1), (-25, 0), (-8, -2), (-4, None), (12, None)]
    for n, (due_in, early) in enumerate(plan):
        request, _token = services.info_request_create(
            page=info_page, identity=identity, subject=f"طلب رقم {n + 1}", information_requested="نسخة من محضر الدورة",
            access_form="email")
        due = today + dt.timedelta(days=due_in)
        InfoRequest.objects.filter(pk=request.pk).update(due_date=due, initial_due_date=due)
        if early is not None:
            request = services.info_request_answer(request=InfoRequest.objects.get(pk=request.pk),
                                                   message="الجواب مرفق", by=officer, publish=True)
            answered = at(early - due_in, hour=11)
            InfoRequest.objects.filter(pk=request.pk).update(answered_at=answered, closed_at=answered)
    on_time = sum(1 for due_in, early in plan if early is not None and early >= 0)
    counted = sum(1 for due_in, early in plan if due_in < 0)
    return on_time, counted


@pytest.fixture
def journey(live_commune, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # the focal point logs in with a password here
    settings.RATELIMIT_ENABLED = False
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    from participation.charter.models import CharterPage, Commitment
    from participation.charter.principles import principles_ensure
    from participation.charter.services import commitment_save
    from participation.info_requests.provisioning import info_requests_setup
    from participation.meetings.models import MeetingIndexPage, MeetingPage
    from participation.meetings.provisioning import meetings_setup
    from site_template.communes.models import CommuneRole
    from site_template.communes.roles import Role
    from site_template.pages.tree import add_translated_child

    site = live_commune
    home_ar = site.root_page.specific
    home_fr = home_ar.get_translation(Locale.objects.get(language_code="fr")).specific
    focal = UserFactory(email="focal@example.ma", display_name="نقطة الارتكاز", focal_point=True, site=site)
    focal.is_staff = True
    focal.save()
    officer = UserFactory(email="officer@example.ma", display_name="Officer", information_officer=True, site=site)
    principles = {p.code: p for p in principles_ensure(site=site)}
    adopted = timezone.localdate() - dt.timedelta(days=3 * 365)
    charter, charter_fr = add_translated_child(
        home_ar, page_class=CharterPage, adoption_date=adopted,
        ar={"title": "ميثاق المشاركة المواطنة", "slug": "charter"},
        fr={"title": "Charte de la participation citoyenne", "slug": "charter"},
    )
    for number, code, status, source in COMMITMENTS:
        commitment_save(commitment=Commitment(
            charter=charter, principle=principles[code], number=number, status=status,
            title_ar=f"الالتزام رقم {number}", title_fr=f"Engagement numéro {number}",
            promise_ar=f"تلتزم الجماعة بالوعد رقم {number}", promise_fr=f"La commune s'engage, promesse {number}",
            indicator_source=source, indicator_period="charter",
            current_value=None if source else Decimal(10 * number), target=Decimal(100),
        ), by=focal)

    meetings_setup(site=site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    index_ar = MeetingIndexPage.objects.get(locale__language_code="ar")
    # The focal point keeps the meetings (the generator grants it on the "participate" section,
    # which this bare commune lacks): the same page permissions on the meetings index.
    group = CommuneRole.objects.get(site=site, role=Role.FOCAL_POINT).group
    for page in (index_ar, *index_ar.get_translations()):
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=Permission.objects.get(
                codename=codename, content_type__app_label="wagtailcore"))

    def meeting(n: int, days_ago: int, **figures) -> MeetingPage:
        page_ar, _page_fr = add_translated_child(
            index_ar, page_class=MeetingPage, starts_at=at(days_ago), **figures,
            ar={"title": f"اللقاء المواطن رقم {n}", "slug": f"meeting-{n}", "place": "قاعة الجماعة",
                "summary": "لقاء حول الإنارة العمومية"},
            fr={"title": f"Rencontre citoyenne {n}", "slug": f"meeting-{n}", "place": "Salle de la commune",
                "summary": "Rencontre sur l'éclairage public"},
        )
        return page_ar

    for n, (days_ago, participants, women) in enumerate(REPORTED, start=1):
        meeting(n, days_ago, participants_count=participants, women_count=women)
    to_report = meeting(len(REPORTED) + 1, TO_REPORT[0])
    meeting(len(REPORTED) + 2, -6)  # next week: not held yet

    info_page = info_requests_setup(site=site, home_ar=home_ar, home_fr=home_fr, demo=False, demo_users={})
    on_time, counted = make_requests(info_page, officer)
    return {
        "site": site, "charter": charter, "charter_fr": charter_fr, "focal": focal, "principles": principles,
        "to_report": to_report, "on_time": on_time, "counted": counted,
        "amina": UserFactory(email="amina@example.ma", display_name="أمينة"),
        "karim": UserFactory(email="karim@example.ma", display_name="Karim"),
    }


def test_charter_journey(browser, live_server, journey):
    from participation.charter.models import Commitment, Evaluation, EvaluationFinding
    from participation.charter.services import evaluation_publish, evaluation_start
    from participation.core.models import Rating

    base = live_server.url
    charter, charter_fr = journey["charter"], journey["charter_fr"]
    principles, focal = journey["principles"], journey["focal"]
    errors: list[str] = []
    today = timezone.localdate()

    # 1. The focal point types the tenth commitment in the admin's snippet form, its indicator
    #    computed by the site from the meetings.
    staff_context, staff = logged_in_phone(browser, base, "focal@example.ma")
    staff.set_viewport_size({"width": 1280, "height": 900})
    staff.goto(f"{base}/admin/charter/{charter.pk}/")
    staff.locator(f"a[href$='/add/?charter={charter.pk}']").first.click()
    staff.wait_for_load_state()
    assert staff.input_value("#id_number") == "10"
    staff.locator("#id_principle-chooser .unchosen [data-chooser-action-choose]").click()  # the snippet chooser
    staff.locator(f".modal a[data-chooser-modal-choice][href*='/chosen/{principles['participation'].pk}/']").click()
    staff.wait_for_function("document.querySelector('#id_principle').value !== ''")
    assert staff.input_value("#id_principle") == str(principles["participation"].pk)
    staff.fill("#id_title_ar", "نشر تقرير كل لقاء مواطن")
    staff.fill("#id_title_fr", "Publier le compte rendu de chaque rencontre citoyenne")
    staff.fill("#id_promise_ar", "تنشر الجماعة تقرير كل لقاء مواطن وأعداد الحاضرين")
    staff.fill("#id_indicator_ar", "عدد اللقاءات المواطنة ذات تقرير منشور")
    staff.fill("#id_unit_ar", "لقاءات")
    staff.fill("#id_unit_fr", "rencontres")
    staff.fill("#id_target", "12")
    staff.select_option("#id_indicator_source", "meetings.reports_published")
    staff.select_option("#id_indicator_period", "charter")
    staff.fill("#id_responsible_service_ar", "مصلحة التواصل")
    with staff.expect_navigation():
        staff.locator("button.action-save").first.click()
    staff.wait_for_load_state()
    tenth = Commitment.objects.filter(charter=charter, number=10).first()
    assert tenth is not None, staff.locator(".error-message, .help-critical").all_inner_texts()
    assert (tenth.indicator_source, tenth.principle_id, tenth.current_value) == (
        "meetings.reports_published", principles["participation"].pk, None)
    assert tenth.contribution_id is not None  # its participation thread, for the citizens
    assert Commitment.objects.filter(charter=charter).count() == 10
    assert Commitment.objects.filter(charter=charter).values("principle").distinct().count() == 7

    # ... and says on the overview that it is under way, with a public note.
    staff.goto(f"{base}/admin/charter/{charter.pk}/")
    row = staff.locator(f"#commitment-{tenth.pk}")
    row.locator("summary").click()
    row.locator(f"#id_commitment{tenth.pk}_status").select_option("in_progress")
    row.locator(f"#id_commitment{tenth.pk}_note_ar").fill("نشرت تقارير اللقاءات الأخيرة")
    row.locator(f"#id_commitment{tenth.pk}_note_fr").fill("Les comptes rendus des dernières rencontres sont publiés")
    with staff.expect_navigation():
        row.locator("form button[type=submit]").click()
    staff.wait_for_load_state()
    tenth.refresh_from_db()
    assert tenth.status == "in_progress" and tenth.status_note_fr.startswith("Les comptes rendus")
    assert staff.locator(f"#commitment-{tenth.pk} td[data-status=in_progress]").count() == 1

    # 2. The computed indicators on the public pages (anonymous, on a phone): the meetings held with
    #    a report, the share of women among their participants, the requests answered on time.
    reported = len(REPORTED)
    women = sum(w for _d, _p, w in REPORTED)
    participants = sum(p for _d, p, _w in REPORTED)
    anonymous_context, anonymous = phone(browser, "ar-MA", errors)
    url_10 = {lang: f"{base}{page.url}commitments/10/" for lang, page in (("ar", charter), ("fr", charter_fr))}
    for language in ("ar", "fr"):
        response = anonymous.goto(url_10[language])
        assert response.status == 200
        check_page(anonymous, language)
        assert value_today(anonymous) == str(reported)
        evidence = anonymous.inner_text("main .charter-indicator .charter-evidence")
        assert ("اللقاء المواطن رقم 1" if language == "ar" else "Rencontre citoyenne 1") in evidence, evidence
    again = anonymous.goto(url_10["ar"])
    assert again.headers.get("x-page-cache") == "hit"  # the anonymous page is served from the cache
    anonymous.goto(f"{base}{charter.url}commitments/3/")
    assert value_today(anonymous) == f"{women * 100 // participants}"  # 40 of 100 participants
    assert women * 100 % participants == 0
    anonymous.goto(f"{base}{charter_fr.url}commitments/6/")
    on_time, counted = journey["on_time"], journey["counted"]
    assert on_time * 100 % counted == 0  # a whole percentage, written the same in both languages
    assert value_today(anonymous) == str(on_time * 100 // counted)
    assert anonymous.locator("main .charter-computed bdi").all_inner_texts() == [str(on_time), str(counted)]

    # 3. The focal point publishes the report of the meeting held five days ago, in the editor's
    #    "after the meeting" tab; the cached public page then counts it.
    meeting = journey["to_report"]
    _days, meeting_participants, meeting_women = TO_REPORT
    staff.goto(f"{base}/admin/pages/{meeting.pk}/edit/")
    tab = staff.locator("#id_participants_count").evaluate("el => el.closest('[role=tabpanel]').id")
    staff.locator(f"[role=tab][aria-controls='{tab}']").click()  # "After the meeting"
    assert staff.locator("#id_participants_count").is_visible()
    staff.fill("#id_participants_count", str(meeting_participants))
    staff.fill("#id_women_count", str(meeting_women))
    publish_in_admin(staff)
    meeting.refresh_from_db()
    assert (meeting.participants_count, meeting.women_count) == (meeting_participants, meeting_women)
    for language in ("ar", "fr"):
        anonymous.goto(url_10[language])
        assert value_today(anonymous) == str(reported + 1), language
    anonymous.goto(f"{base}{charter.url}commitments/3/")
    share = (women + meeting_women) * 100 / (participants + meeting_participants)
    assert share == int(share)
    assert value_today(anonymous) == str(int(share))  # 55 of 125: 44 %

    # 4. Two evaluations a year apart: the commune's own a year ago (through the services), the
    #    mixed committee's today, started and published from the overview.
    a_year_ago = today - dt.timedelta(days=365)
    earlier = evaluation_start(charter=charter, evaluated_on=a_year_ago, evaluator="commune", by=focal)
    evaluation_publish(evaluation=earlier, by=focal)
    staff.goto(f"{base}/admin/charter/{charter.pk}/")
    staff.fill("#id_evaluated_on", today.isoformat())
    staff.select_option("#id_evaluator", "mixed_committee")
    staff.fill("#id_evaluator_name", "لجنة مختلطة من المنتخبين والجمعيات")
    with staff.expect_navigation():
        staff.locator("form[action$='/evaluations/new/'] button[type=submit]").click()
    staff.wait_for_load_state()
    latest = Evaluation.objects.exclude(pk=earlier.pk).get(charter=charter)
    assert (latest.evaluated_on, latest.evaluator, latest.is_published) == (today, "mixed_committee", False)
    assert latest.findings.count() == 10
    staff.goto(f"{base}/admin/charter/{charter.pk}/")
    with staff.expect_navigation():
        staff.locator(f"form[action$='/evaluations/{latest.pk}/publish/'] button").click()
    latest.refresh_from_db()
    assert latest.is_published
    assert staff.locator(f"#evaluation-{latest.pk}[data-published='1']").count() == 1
    # what each evaluation found for the tenth commitment: the reports of the meetings held by then
    found = dict(EvaluationFinding.objects.filter(commitment=tenth).values_list("evaluation_id", "value"))
    held_a_year_ago = sum(1 for days, _p, _w in REPORTED if days > 365)
    assert found == {earlier.pk: Decimal(held_a_year_ago), latest.pk: Decimal(reported + 1)}
    for language, page in (("ar", charter), ("fr", charter_fr)):
        anonymous.goto(f"{base}{page.url}")
        check_page(anonymous, language)
        for evaluation in (earlier, latest):
            assert anonymous.locator(f"main a[href$='/evaluations/{evaluation.pk}/']").count() >= 1
        anonymous.goto(f"{base}{page.url}evaluations/{latest.pk}/")
        check_page(anonymous, language)
        findings = anonymous.locator("main table.charter-findings tbody tr")
        assert findings.count() == 10
        assert findings.nth(9).locator("td bdi").inner_text() == str(reported + 1)
        # the commitment's history: how its value moved from one evaluation to the next, oldest first
        anonymous.goto(f"{base}{page.url}commitments/10/")
        history = anonymous.locator("main .charter-history li")
        assert history.count() == 2
        assert [history.nth(i).locator("bdi").last.inner_text() for i in range(2)] == [
            str(held_a_year_ago), str(reported + 1)]
        assert history.nth(0).locator(f"a[href$='/evaluations/{earlier.pk}/']").count() == 1
    staff_context.close()

    # 5. Two citizens say whether commitment 2 (participation, kept says the commune) is kept:
    #    Amina (in Arabic) says kept, then changes her mind to partly; Karim (in French) says not
    #    kept. The forms post; the page works without JavaScript.
    amina_context, amina = logged_in_phone(browser, base, "amina@example.ma")
    karim_context, karim = logged_in_phone(browser, base, "karim@example.ma", locale="fr-MA")
    for page in (amina, karim):
        console_watch(page, errors)
    url_2 = {"ar": f"{base}{charter.url}commitments/2/", "fr": f"{base}{charter_fr.url}commitments/2/"}
    for citizen, language, values in ((amina, "ar", ("3", "2")), (karim, "fr", ("1",))):
        for value in values:
            citizen.goto(url_2[language])
            check_page(citizen, language)
            form = citizen.locator("form.rating__form")
            assert form.get_attribute("method") == "post" and "/rate/" in form.get_attribute("action")
            citizen.check(f"form.rating__form input[name=value][value='{value}']")
            with citizen.expect_navigation():
                form.locator("button[type=submit]").click()
            citizen.wait_for_load_state()
            assert citizen.url.startswith(url_2[language])
            assert citizen.locator(f"form.rating__form input[name=value][value='{value}']").is_checked()
    second = Commitment.objects.get(charter=charter, number=2)
    ratings = dict(Rating.objects.filter(contribution_id=second.contribution_id).values_list("user__email", "value"))
    assert ratings == {"amina@example.ma": 2, "karim@example.ma": 1}
    amina.goto(url_2["ar"])
    assert [c.strip() for c in amina.locator("main .charter-citizens dd").all_inner_texts()] == ["0", "1", "1"]

    # 6. The scorecard: per principle the commune's statuses beside the citizens' ratings.
    statuses = {code: {s: 0 for s in STATUSES} for code in principles}
    for _n, code, status, _source in COMMITMENTS:
        statuses[code][status] += 1
    statuses["participation"][tenth.status] += 1
    citizens = {code: [0, 0, 0] for code in principles}  # kept, partly, not kept
    citizens["participation"] = [0, 1, 1]
    for citizen, language in ((amina, "ar"), (karim, "fr"), (anonymous, "ar"), (anonymous, "fr")):
        page_obj = charter if language == "ar" else charter_fr
        citizen.goto(f"{base}{page_obj.url}scorecard/")
        check_page(citizen, language)
        table = citizen.locator("main table.charter-scorecard")
        assert table.locator("tbody tr").count() == 7
        for code in principles:
            cells = [c.strip() for c in table.locator(
                f"tbody tr:has(a[href$='/principles/{code}/']) td").all_inner_texts()]
            counted_statuses = statuses[code]
            total = sum(counted_statuses.values())
            expected = [str(total), *(str(counted_statuses[s]) for s in STATUSES)]
            assert cells[:5] == expected, (code, cells)
            kept_share = round(counted_statuses["kept"] * 100 / total, 1)
            assert cells[5].replace("\u00a0", "").rstrip("%") == f"{kept_share:g}".replace(".", ","), (code, cells)
            assert cells[6:9] == [str(n) for n in citizens[code]], (code, cells)
        participation = [c.strip() for c in table.locator(
            "tbody tr:has(a[href$='/principles/participation/']) td").all_inner_texts()]
        assert participation[9].replace("\u00a0", "").rstrip("%") == "0"  # nobody says "kept" now
        footer = [c.strip() for c in table.locator("tfoot td").all_inner_texts()]
        assert footer[0] == "10" and footer[6:9] == ["0", "1", "1"]

    assert not errors, errors
    for context in (anonymous_context, amina_context, karim_context):
        context.close()
