"""The Citizen-Commune Label journey in headless Chromium (issue 12 quality bar):

the focal point (logging in with a password and a TOTP code) opens a year's self-assessment in
the Wagtail admin and answers a small questionnaire of two sections over four principles with the
radio buttons, a comment per question and one evidence file, saved as a draft; neither a citizen
nor an anonymous visitor sees the draft (its year page and PDF answer 404); the communicator
cannot open the validation screen; the administrator validates it in the president's name; the
focal point records the technical team's verification with one corrected answer (and its note)
and closes it, then adds an action to the action plan; the public label page, in Arabic and in
French, shows the self-assessment and the verified scores per principle and overall as computed
by hand below (points earned / points possible, per cent with one decimal, half up:
``scoring.METHOD``), and the action; the year's PDF carries the same figures. Every page has the
right ``lang``/``dir`` and logs no console error."""

from __future__ import annotations

import datetime as dt
import io
import time
from decimal import ROUND_HALF_UP, Decimal

import pytest
from pypdf import PdfReader

from tests.e2e.helpers import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e

YEAR = 2025
PDF = b"%PDF-1.4\n%deliberation\n%%EOF\n"

# The questionnaire: (section, code, principle, the answers' points, the commune's answer, the
# technical team's answer). Question 1.2 is the one the verification corrects (4 -> 2 points).
QUESTIONS = [
    (1, "1.1", "participation", [0, 1, 2], 2, 2),
    (1, "1.2", "transparency", [0, 2, 4], 4, 2),
    (1, "1.3", "participation", [0, 2, 5], 2, 2),
    (2, "2.1", "equality", [0, 1, 3], 3, 3),
    (2, "2.2", "innovation", [0, 1, 2, 5], 2, 2),
    (2, "2.3", "transparency", [0, 1, 3], 1, 1),
]
PRINCIPLES = ["participation", "equality", "transparency", "innovation"]  # in the principles' order
CORRECTED = "1.2"


def _percent(earned: int, possible: int) -> Decimal:
    return (Decimal(earned) * 100 / Decimal(possible)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def by_hand(*, verified: bool) -> dict:
    """The scores the pages must show, from the table above alone: per principle and overall,
    ``(points earned, points possible, per cent)``."""
    totals = {code: [0, 0] for code in PRINCIPLES}
    for _section, _code, principle, points, answer, found in QUESTIONS:
        totals[principle][0] += found if verified else answer
        totals[principle][1] += max(points)
    scores = {
        code: (earned, possible, _percent(earned, possible)) for code, (earned, possible) in totals.items()
    }
    earned, possible = sum(e for e, _p in totals.values()), sum(p for _e, p in totals.values())
    scores["overall"] = (earned, possible, _percent(earned, possible))
    return scores


# What the computation above gives, written out once as a cross-check of the hand computation.
SELF = {
    "participation": "57.1",
    "equality": "100.0",
    "transparency": "71.4",
    "innovation": "40.0",
    "overall": "63.6",
}
FINAL = {
    "participation": "57.1",
    "equality": "100.0",
    "transparency": "42.9",
    "innovation": "40.0",
    "overall": "54.5",
}


def written(value: Decimal, language: str) -> str:
    """A per cent as the pages write it: a decimal comma, no ",0" for a whole number, the sign
    glued to the number in Arabic and after a (no-break) space in French."""
    number = f"{value:.0f}" if value == value.to_integral_value() else f"{value:.1f}".replace(".", ",")
    return f"{number}%" if language == "ar" else f"{number} %"


def plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if time.time() % 30 > 27:  # not a code about to expire between here and the server
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def watch_console(page, errors: list) -> None:
    page.on(
        "console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}")
    )
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))


def new_phone(browser, errors: list, *, locale: str = "ar-MA"):
    context = browser.new_context(locale=locale, viewport={"width": 412, "height": 860})
    page = context.new_page()
    page.set_default_timeout(15_000)
    watch_console(page, errors)
    return context, page


def staff_desk(browser, base: str, user, errors: list):
    """A desk-sized context of a staff member logged in with the password, then the TOTP code."""
    context = browser.new_context(locale="ar-MA", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    watch_console(page, errors)
    log_in(page, base, user.email)
    assert "/accounts/2fa/authenticate/" in page.url, page.url
    page.fill("input[name=code]", totp_code(user.totp_secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/accounts/" not in page.url, (page.url, page.inner_text("main")[:500])
    return context, page


def make_questionnaire(site):
    """Two sections over four principles, each question's answers worth ``QUESTIONS``' points."""
    from participation.charter.models import AnswerChoice, Question, Questionnaire, QuestionnaireSection
    from participation.charter.principles import principles_ensure

    principles = {p.code: p for p in principles_ensure(site=site)}
    questionnaire = Questionnaire.objects.create(
        site=site, title_ar="استمارة التقييم الذاتي", title_fr="Questionnaire d'autoévaluation"
    )
    sections = {
        1: QuestionnaireSection.objects.create(
            questionnaire=questionnaire,
            number=1,
            sort_order=0,
            title_ar="الهيئات المنتخبة والحكامة",
            title_fr="Organes élus et gouvernance",
        ),
        2: QuestionnaireSection.objects.create(
            questionnaire=questionnaire, number=2, sort_order=1, title_ar="الإدارة", title_fr="Administration"
        ),
    }
    for n, (section, code, principle, points, _answer, _found) in enumerate(QUESTIONS, start=1):
        question = Question.objects.create(
            section=sections[section],
            code=code,
            sort_order=n,
            text_ar=f"السؤال {code}",
            text_fr=f"Question {code}",
            principle=principles[principle],
        )
        for k, value in enumerate(points):
            AnswerChoice.objects.create(
                question=question, sort_order=k, text_ar=f"الجواب {k}", text_fr=f"Réponse {k}", points=value
            )
    return questionnaire


@pytest.fixture
def journey(live_commune, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True  # staff enter the admin with a TOTP code
    settings.RATELIMIT_ENABLED = False
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.models import Permission

    from site_template.communes.roles import Role
    from tests.charter.conftest import make_label
    from tests.factories import grant_role

    site = live_commune
    staff = {}
    for key, role, name in (
        ("focal", Role.FOCAL_POINT, "نقطة الارتكاز"),
        ("communicator", Role.COMMUNICATOR, "Sara"),
        ("administrator", Role.ADMINISTRATOR, "رئيس المجلس"),
    ):
        user = UserFactory(email=f"{key}@example.ma", display_name=name)
        user.is_staff = True
        user.save()
        grant_role(user, role=role, site=site)
        for group in user.groups.all():
            group.permissions.add(Permission.objects.get(codename="access_admin"))
        user.totp_secret = generate_totp_secret()
        TOTP.activate(user, user.totp_secret)
        staff[key] = user
    label, label_fr = make_label(site.root_page.specific)
    label.questionnaire = make_questionnaire(site)
    label.save()
    yield {
        "site": site,
        "label": label,
        "label_fr": label_fr,
        "amina": UserFactory(email="amina@example.ma", display_name="أمينة"),
        **staff,
    }
    from participation.charter.models import AnswerEvidence

    for evidence in AnswerEvidence.objects.all():  # the private storage is outside the test's media folder
        evidence.file.delete(save=False)


def score_rows(page) -> dict[str, list[str]]:
    """The public scores table: the principle's (or "overall") row -> its cells' text."""
    rows = {}
    for row in page.locator("main table.label-scores tbody tr").all():
        cells = [plain(text) for text in row.locator("td").all_inner_texts()]
        key = (
            "overall"
            if "label-scores__overall" in (row.get_attribute("class") or "")
            else plain(row.locator("th").inner_text())
        )
        rows[key] = cells
    return rows


def test_label_journey(browser, live_server, journey, tmp_path):  # noqa: PLR0915 — one journey, step by step
    from participation.charter.models import (
        ActionPlanItem,
        Answer,
        AnswerEvidence,
        Assessment,
        AssessmentStatus,
        Principle,
        Question,
    )

    base = live_server.url
    label, label_fr = journey["label"], journey["label_fr"]
    errors: list[str] = []
    questions = {
        q.code: q
        for q in Question.objects.filter(section__questionnaire=label.questionnaire).prefetch_related(
            "choices"
        )
    }

    def choice(code: str, points: int):
        return next(c for c in questions[code].choices.all() if c.points == points)

    # The hand computation, cross-checked against the figures written out above.
    self_scores, final_scores = by_hand(verified=False), by_hand(verified=True)
    assert {k: str(v[2]) for k, v in self_scores.items()} == SELF
    assert {k: str(v[2]) for k, v in final_scores.items()} == FINAL

    # 1. The focal point opens the year on the label's screen and fills in both sections.
    focal_context, focal = staff_desk(browser, base, journey["focal"], errors)
    focal.goto(f"{base}/admin/label/")
    focal.locator(f"main a[href$='/admin/label/{label.pk}/']").first.click()
    focal.wait_for_load_state()
    focal.fill("input[name=year]", str(YEAR))
    focal.locator(f"main form[action$='/admin/label/{label.pk}/open/'] button[type=submit]").click()
    focal.wait_for_load_state()
    assessment = Assessment.objects.get(label=label, year=YEAR)
    assert focal.url.startswith(f"{base}/admin/label/{label.pk}/{YEAR}/"), focal.url
    evidence = tmp_path / "deliberation-pac.pdf"
    evidence.write_bytes(PDF)
    for section in (1, 2):
        for _s, code, _principle, _points, answer, _found in (q for q in QUESTIONS if q[0] == section):
            question = questions[code]
            focal.check(f"input[name='q{question.pk}-choice'][value='{choice(code, answer).pk}']")
            focal.fill(f"textarea[name='q{question.pk}-comment']", f"تعليق على السؤال {code}")
            if code == "1.1":
                focal.fill(f"input[name='q{question.pk}-evidence_title']", "مقرر المجلس حول برنامج العمل")
                focal.set_input_files(f"input[name='q{question.pk}-evidence_file']", str(evidence))
        if section == 1:
            focal.locator("main form button[name=next]").click()  # "save and go to the next section"
        else:
            focal.locator("main form button[type=submit]:not([name])").first.click()
        focal.wait_for_load_state()
        assert focal.locator("main [role=alert]").count() == 0, focal.inner_text("main")[:1500]
    answers = {
        a.question.code: a
        for a in Answer.objects.filter(assessment=assessment).select_related(
            "question", "choice", "answered_by"
        )
    }
    assert {code: a.choice.points for code, a in answers.items()} == {q[1]: q[4] for q in QUESTIONS}
    assert all(
        a.comment == f"تعليق على السؤال {code}" and a.answered_by == journey["focal"]
        for code, a in answers.items()
    )
    assert list(
        AnswerEvidence.objects.filter(answer__assessment=assessment).values_list(
            "answer__question__code", "title"
        )
    ) == [("1.1", "مقرر المجلس حول برنامج العمل")]
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    # the running score beside the answers already says the hand-computed overall
    assert focal.locator("main [data-overall]").get_attribute("data-overall") == SELF["overall"]
    # section 1 lists the evidence under its question; the staff view serves it back
    focal.locator("main nav ol.label-sections a").first.click()
    focal.wait_for_load_state()
    link = focal.locator(f"#question-{questions['1.1'].pk} a[href*='/evidence/']")
    assert link.inner_text() == "مقرر المجلس حول برنامج العمل"
    served = focal_context.request.get(f"{base}{link.get_attribute('href')}")
    assert served.status == 200 and served.body() == PDF

    # 2. The draft is nobody else's: not on the public page, its year and PDF answer 404.
    citizen_context, citizen = new_phone(browser, errors)
    log_in(citizen, base, "amina@example.ma")
    anonymous_context, anonymous = new_phone(browser, errors, locale="fr-MA")
    for visitor, page_obj in ((citizen, label), (anonymous, label_fr)):
        visitor.goto(f"{base}{page_obj.url}")
        assert visitor.locator("main table.label-scores").count() == 0
        assert visitor.locator("main p.notice").count() == 1
        for suffix in (f"assessments/{YEAR}/", f"assessments/{YEAR}/pdf/"):
            response = visitor.context.request.get(f"{base}{page_obj.url}{suffix}")
            assert response.status == 404, (suffix, response.status)

    # 3. The communicator cannot open the validation screen (Wagtail's "permission denied").
    communicator_context, communicator = staff_desk(browser, base, journey["communicator"], errors)
    communicator.goto(f"{base}/admin/label/{label.pk}/{YEAR}/validate/")
    assert communicator.url == f"{base}/admin/", communicator.url
    assert communicator.locator("input[name=validated_as]").count() == 0
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT

    # 4. The administrator validates it in the president's name.
    administrator_context, administrator = staff_desk(browser, base, journey["administrator"], errors)
    administrator.goto(f"{base}/admin/label/{label.pk}/")
    administrator.locator(f"main a[href$='/{YEAR}/validate/']").click()
    administrator.wait_for_load_state()
    assert administrator.locator("main [data-unanswered]").get_attribute("data-unanswered") == "0"
    administrator.fill("input[name=validated_as]", "محمد العلوي، رئيس المجلس الجماعي")
    administrator.check("input[name=confirm]")
    administrator.locator("main form button[type=submit]").click()
    administrator.wait_for_load_state()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.VALIDATED, administrator.inner_text("main")[:1000]
    assert assessment.validated_as == "محمد العلوي، رئيس المجلس الجماعي"
    assert assessment.validated_by == journey["administrator"]
    # now public, with the self-assessment's scores only
    anonymous.goto(f"{base}{label_fr.url}")
    assert score_rows(anonymous)["overall"][0].startswith(written(self_scores["overall"][2], "fr"))
    assert len(score_rows(anonymous)["overall"]) == 1

    # 5. The technical team's verification: answer 1.2 corrected with a note, then the visit closed.
    focal.goto(f"{base}/admin/label/{label.pk}/")
    focal.locator(f"main a[href$='/{YEAR}/verify/']").click()
    focal.wait_for_load_state()
    corrected = answers[CORRECTED]
    assert focal.locator(f"input[name='a{corrected.pk}-choice'][value='{corrected.choice_id}']").is_checked()
    focal.check(f"input[name='a{corrected.pk}-choice'][value='{choice(CORRECTED, 2).pk}']")
    note = "محضر الدورة لا يتضمن تقرير الرئيس إلا مرة واحدة خلال السنة"
    focal.fill(f"textarea[name='a{corrected.pk}-note']", note)
    focal.locator(f"main form:has(#answer-{corrected.pk}) button[type=submit]").click()
    focal.wait_for_load_state()
    assert focal.locator("main [role=alert]").count() == 0, focal.inner_text("main")[:1500]
    found = {
        a.question.code: a
        for a in Answer.objects.filter(assessment=assessment).select_related("question", "verified_choice")
    }
    assert {code: a.verified_choice.points for code, a in found.items()} == {q[1]: q[5] for q in QUESTIONS}
    assert [code for code, a in found.items() if a.is_corrected] == [CORRECTED]
    assert found[CORRECTED].verification_note == note
    assert focal.locator(f"#answer-{corrected.pk}").get_attribute("data-corrected") == "1"
    assert (
        focal.locator("main [data-verified-overall]").get_attribute("data-verified-overall")
        == FINAL["overall"]
    )
    visit_on = dt.date.today() - dt.timedelta(days=3)
    close = focal.locator(f"main form[action$='/{YEAR}/verify/close/']")
    close.locator("input[name=visit_on]").fill(visit_on.isoformat())
    close.locator("input[name=team]").fill("فريق المواكبة التقنية: سعاد، يوسف")
    close.locator("textarea[name=note_ar]").fill("تمت زيارة الجماعة والاطلاع على وسائل التحقق")
    close.locator("textarea[name=note_fr]").fill(
        "La commune a été visitée et les sources de vérification consultées"
    )
    close.locator("button[type=submit]").click()
    focal.wait_for_load_state()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.VERIFIED, focal.inner_text("main")[:1000]
    assert assessment.visit_on == visit_on

    # 6. The action plan: one action from the corrected weak point (the screen closing led here).
    assert focal.url.endswith(f"/admin/label/{label.pk}/{YEAR}/plan/"), focal.url
    focal.locator(f"main tr[data-weak-point='{CORRECTED}'] a").click()
    focal.wait_for_load_state()
    transparency = Principle.objects.get(site=journey["site"], code="transparency")
    assert focal.locator("select[name=question]").input_value() == str(questions[CORRECTED].pk)
    assert focal.locator("select[name=principle]").input_value() == str(transparency.pk)
    focal.fill("input[name=title_ar]", "تقديم تقرير الرئيس في كل دورة عادية")
    focal.fill("input[name=title_fr]", "Présenter le rapport du président à chaque session ordinaire")
    focal.fill("input[name=owner_ar]", "الكتابة العامة")
    focal.fill("input[name=owner_fr]", "Secrétariat général")
    focal.fill("input[name=due_on]", "2027-06-30")
    focal.select_option("select[name=status]", "in_progress")
    focal.locator("main form[action$='/plan/'] button[type=submit]").click()
    focal.wait_for_load_state()
    action = ActionPlanItem.objects.get(assessment=assessment)
    assert action.title_fr.startswith("Présenter le rapport") and action.question == questions[CORRECTED]
    assert focal.locator("main tr[data-plan-action='1']").count() == 1

    # 7. The public label page in Arabic and French: both scores per principle and overall, by hand.
    principles = {p.code: p for p in Principle.objects.filter(site=journey["site"])}
    for visitor, page_obj, language, direction in (
        (citizen, label, "ar", "rtl"),
        (anonymous, label_fr, "fr", "ltr"),
    ):
        visitor.goto(f"{base}{page_obj.url}")
        assert visitor.locator("html").get_attribute("lang") == language
        assert visitor.locator("html").get_attribute("dir") == direction
        rows = score_rows(visitor)
        for code in [*PRINCIPLES, "overall"]:
            name = "overall" if code == "overall" else plain(getattr(principles[code], f"name_{language}"))
            own, verified = rows[name][0], rows[name][1]
            for cell, (earned, possible, share) in ((own, self_scores[code]), (verified, final_scores[code])):
                assert cell.startswith(written(share, language)) and f"{earned}/{possible}" in cell, (
                    code,
                    cell,
                )
        assert len(rows) == len(PRINCIPLES) + 1  # no other principle is listed
        overall = plain(visitor.inner_text("main dl.label-overall"))
        assert written(final_scores["overall"][2], language) in overall
        assert written(self_scores["overall"][2], language) in overall
        main = visitor.inner_text("main")
        assert (action.title_ar if language == "ar" else action.title_fr) in main
        assert (action.owner_ar if language == "ar" else action.owner_fr) in main
        width = visitor.evaluate("document.documentElement.scrollWidth")
        assert width <= 412, f"the label page is wider than the phone: {width}px"
        # the year's completed questionnaire, then its PDF
        visitor.locator(f"main a[href$='/assessments/{YEAR}/']").first.click()
        visitor.wait_for_load_state()
        assert visitor.locator("html").get_attribute("dir") == direction
        assert note in visitor.inner_text("main")  # the technical team's note on the corrected answer
        href = visitor.locator(f"main a[href$='/assessments/{YEAR}/pdf/']").first.get_attribute("href")
        response = visitor.context.request.get(f"{base}{href}")  # served inline: read it as the viewer would
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.body()))
        text = plain(" ".join(p.extract_text() for p in reader.pages))
        for code in [*PRINCIPLES, "overall"]:
            for earned, possible, share in (self_scores[code], final_scores[code]):
                number = written(share, language).rstrip(" %")
                assert number in text and f"{earned}/{possible}" in text, (language, code, text[:1500])
        assert written(final_scores["overall"][2], "fr").rstrip(" %") in text

    assert not errors, errors
    for context in (
        focal_context,
        citizen_context,
        anonymous_context,
        communicator_context,
        administrator_context,
    ):
        context.close()
