"""What a new commune gets from the Citizen-Commune Label: the default questionnaire
(``label_defaults``), a "Citizen-Commune Label" page (Arabic and French, under the "participate"
section) using it (``label_setup``, the ``commune_setup`` hook), the focal point's permissions
(``role_permissions``), and in the demo three years: 2024 and 2025 validated and verified (the
score improving, one answer corrected by the technical team in 2025) with the 2025 action plan,
and 2026 being filled in. Idempotent; the demo writes go through ``assessments``."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, Site

from participation.core.pages import in_source_language
from site_template.communes.roles import Role
from site_template.pages.tree import add_translated_child

from . import assessments
from .label_defaults import questionnaire_ensure
from .models import ActionStatus, Answer, Assessment, LabelPage, Question

SLUG = "citizen-commune-label"


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _parent(home_ar: Page) -> Page:
    return home_ar.get_children().filter(slug="participate").first() or home_ar


@transaction.atomic
def label_setup(*, site: Site, home_ar: Page, home_fr: Page, demo: bool, demo_users: dict) -> LabelPage:
    questionnaire = questionnaire_ensure(site=site)
    parent = _parent(home_ar)
    label = in_source_language(LabelPage.objects.child_of(parent)).filter(slug=SLUG).first()
    if label is None:
        label, _fr = add_translated_child(
            parent,
            page_class=LabelPage,
            questionnaire=questionnaire,
            ar={
                "title": "ميزة الجماعة المواطنة",
                "slug": SLUG,
                "intro": _p(
                    "ميزة الجماعة المواطنة مبادرة تقيم بها الجماعة ممارساتها في الحكامة الجيدة على سبعة مبادئ: "
                    "المشاركة، والمساواة والإنصاف، والتعاون والتضامن، والفعالية والنجاعة، والشفافية وربط المسؤولية "
                    "بالمحاسبة، والاستدامة، والابتكار. تملأ الجماعة استمارة التقييم الذاتي، ويتحقق منها فريق تقني "
                    "خلال زيارة ميدانية، ثم تعتمد خطة عمل. تجدون هنا النتائج سنة بعد سنة."
                ),
            },
            fr={
                "title": "Label Commune citoyenne",
                "slug": SLUG,
                "intro": _p(
                    "Le Label Commune citoyenne permet à la commune d'évaluer ses pratiques de bonne gouvernance selon "
                    "sept principes : participation, égalité et équité, coopération et solidarité, efficacité et "
                    "efficience, transparence et reddition des comptes, durabilité, innovation. La commune remplit le "
                    "questionnaire d'autoévaluation, une équipe technique le vérifie sur place, puis un plan d'action "
                    "est adopté. Retrouvez ici les résultats, année après année."
                ),
            },
        )
    elif label.questionnaire_id is None:
        LabelPage.objects.filter(translation_key=label.translation_key).update(questionnaire=questionnaire)
        label.questionnaire = questionnaire
    if demo and not label.assessments.exists():
        focal = demo_users.get(Role.FOCAL_POINT.value) or demo_users.get(Role.FOCAL_POINT)
        administrator = demo_users.get(Role.ADMINISTRATOR.value) or demo_users.get(Role.ADMINISTRATOR)
        if focal is not None and administrator is not None:
            _demo(label=label, site=site, focal=focal, administrator=administrator)
    return label


# --- the demo ---------------------------------------------------------------------------------------

#: The demo's answers per year: question code → index of the answer chosen (absent: unanswered).
ANSWERS_2024 = {
    "1.1": 1, "1.2": 1, "1.3": 0, "1.4": 1, "1.5": 1, "1.6": 1,
    "2.1": 1, "2.2": 0, "2.3": 0,
    "3.1": 1, "3.2": 1, "3.3": 1, "3.4": 1, "3.5": 1, "3.6": 0, "3.7": 1, "3.8": 1,
    "4.1": 1, "4.2": 1, "4.3": 1, "4.4": 0,
    "5.1": 1, "5.2": 0, "5.3": 1, "5.4": 0,
}
ANSWERS_2025 = {
    **ANSWERS_2024,
    "1.3": 2, "1.5": 2, "1.6": 2, "2.2": 1, "3.2": 2, "3.4": 2, "3.5": 2, "3.6": 1, "3.7": 2,
    "4.1": 2, "4.4": 1, "5.3": 2,
}
#: 2025's answers the technical team corrected: code → (index found, note in Arabic).
CORRECTIONS_2025 = {
    "3.5": (1, "لم تجتمع هيئة المساواة وتكافؤ الفرص ومقاربة النوع إلا مرة واحدة خلال السنة، ولا توجد محاضر تثبت استشارتها."),
}
ANSWERS_2026 = {"1.1": 2, "1.2": 2, "1.3": 2, "1.4": 2, "1.5": 2, "1.6": 3, "2.1": 2}
COMMENTS = {
    "3.1": ("صادق المجلس على برنامج عمل الجماعة 2022-2027 في دورة أكتوبر 2022.",),
    "3.7": ("عين الشخص المكلف بتلقي طلبات الحصول على المعلومات بقرار للرئيس.",),
}

#: The 2025 action plan: (question code, Arabic, French, owner ar, owner fr, due, status).
ACTIONS = [
    ("3.5", "عقد اجتماعات فصلية لهيئة المساواة وتكافؤ الفرص ومقاربة النوع ونشر محاضرها",
     "Réunir l'IEECAG chaque trimestre et publier ses procès-verbaux",
     "رئيس المجلس", "Le président du conseil", dt.date(2026, 6, 30), ActionStatus.IN_PROGRESS),
    ("2.3", "إحداث خلية للمراقبة الداخلية وإعداد دليل المساطر",
     "Créer une cellule de contrôle interne et rédiger le manuel de procédures",
     "المدير العام للمصالح", "Le directeur général des services", dt.date(2026, 12, 31), ActionStatus.PLANNED),
    ("5.4", "توثيق الممارسات الجيدة للجماعة وتقاسمها مع الجماعات الشريكة",
     "Documenter les bonnes pratiques de la commune et les partager avec les communes partenaires",
     "العنصر المحوري", "Le point focal", dt.date(2026, 9, 30), ActionStatus.PLANNED),
    ("4.2", "نشر نتائج طلبات العروض والبرنامج التوقعي للصفقات على موقع الجماعة",
     "Publier les résultats des appels d'offres et le programme prévisionnel des marchés sur le site",
     "مصلحة الصفقات", "Le service des marchés", dt.date(2026, 3, 31), ActionStatus.DONE),
    ("5.2", "تعميم الإنارة العمومية الاقتصادية",
     "Généraliser l'éclairage public économe",
     "قسم الأشغال", "La division des travaux", dt.date(2026, 12, 31), ActionStatus.IN_PROGRESS),
]


def _answer_year(*, assessment: Assessment, questions: dict, answers: dict, by) -> None:
    for code, index in answers.items():
        question = questions.get(code)
        if question is None:
            continue
        choices = list(question.choices.all())
        if index >= len(choices):
            index = len(choices) - 1
        comment = COMMENTS.get(code, ("",))[0]
        assessments.answer_save(assessment=assessment, question=question, choice=choices[index], comment=comment,
                                by=by)


def _verify_year(*, assessment: Assessment, corrections: dict, by, visit_on: dt.date, note_ar: str,
                 note_fr: str) -> None:
    for answer in Answer.objects.filter(assessment=assessment, choice__isnull=False).select_related("question"):
        choices = list(answer.question.choices.all())
        correction = corrections.get(answer.question.code)
        if correction is not None:
            index, note = correction
            assessments.answer_verify(answer=answer, verified_choice=choices[index], note=note, by=by)
        else:
            assessments.answer_verify(answer=answer, verified_choice=answer.choice, note="", by=by)
    assessments.assessment_verify(
        assessment=assessment, visit_on=visit_on, team="الفريق التقني للجنة التنسيق (م. العلوي، س. بناني)",
        note_ar=note_ar, note_fr=note_fr, by=by,
    )


def _demo(*, label: LabelPage, site: Site, focal, administrator) -> None:
    questions = {
        q.code: q for q in Question.objects.filter(section__questionnaire_id=label.questionnaire_id)
        .prefetch_related("choices")
    }
    signatory = "رئيس المجلس الجماعي"
    # 2024: the first self-assessment, validated and verified as it was.
    first = assessments.assessment_open(label=label, year=2024, by=focal)
    _answer_year(assessment=first, questions=questions, answers=ANSWERS_2024, by=focal)
    assessments.assessment_validate(assessment=first, validated_as=signatory, by=administrator)
    _verify_year(assessment=first, corrections={}, by=focal, visit_on=dt.date(2024, 11, 14),
                 note_ar="أجوبة الجماعة مطابقة لمصادر التحقق المقدمة.",
                 note_fr="Les réponses de la commune correspondent aux sources de vérification présentées.")
    _dated(first, validated=dt.date(2024, 10, 15), verified=dt.date(2024, 11, 14))
    # 2025: better, one answer corrected at the visit; the action plan from its weak points.
    second = assessments.assessment_open(label=label, year=2025, by=focal)
    _answer_year(assessment=second, questions=questions, answers=ANSWERS_2025, by=focal)
    assessments.assessment_validate(assessment=second, validated_as=signatory, by=administrator)
    _verify_year(assessment=second, corrections=CORRECTIONS_2025, by=focal, visit_on=dt.date(2025, 11, 20),
                 note_ar="تحسن واضح في الشفافية والمشاركة؛ صحح الفريق جوابا واحدا يتعلق بهيئة المساواة.",
                 note_fr="Nette progression en transparence et en participation ; l'équipe a corrigé une réponse, "
                         "sur l'instance de l'égalité.")
    _dated(second, validated=dt.date(2025, 10, 20), verified=dt.date(2025, 11, 20))
    assessments.assessment_summary_save(
        assessment=second,
        summary_ar="تحسنت نتيجة الجماعة في المشاركة والشفافية، وتبقى المراقبة الداخلية والابتكار أضعف النقط.",
        summary_fr="Le score progresse en participation et en transparence ; le contrôle interne et l'innovation "
                   "restent les points faibles.",
        by=focal,
    )
    projects = _demo_projects(site)
    for number, (code, title_ar, title_fr, owner_ar, owner_fr, due_on, status) in enumerate(ACTIONS, start=1):
        question = questions.get(code)
        if question is None:
            continue
        assessments.action_save(
            assessment=second, number=number, title_ar=title_ar, title_fr=title_fr, principle=question.principle,
            question=question, owner_ar=owner_ar, owner_fr=owner_fr, due_on=due_on, status=status,
            commitments=_demo_commitments(site, question.principle),
            programme_project=projects.get(code), by=focal,
        )
    # 2026: being filled in.
    third = assessments.assessment_open(label=label, year=2026, by=focal)
    _answer_year(assessment=third, questions=questions, answers=ANSWERS_2026, by=focal)


def _dated(assessment: Assessment, *, validated: dt.date, verified: dt.date) -> None:
    """The demo's past years carry the dates they would have had (the services stamp "now")."""
    from django.utils import timezone

    tz = timezone.get_current_timezone()
    at = {"validated_at": dt.datetime.combine(validated, dt.time(11), tz),
          "verified_at": dt.datetime.combine(verified, dt.time(16), tz)}
    Assessment.objects.filter(pk=assessment.pk).update(**at)
    answers = Answer.objects.filter(assessment=assessment)
    answers.filter(answered_by__isnull=False).update(
        answered_at=dt.datetime.combine(validated - dt.timedelta(days=12), dt.time(10), tz))
    answers.filter(verified_by__isnull=False).update(verified_at=at["verified_at"])


def _demo_commitments(site: Site, principle) -> list:
    """The charter commitments of the same principle, when the commune has its charter."""
    from site_template.communes.selectors import pages_of_sites_q

    from .models import CharterPage, Commitment

    charters = in_source_language(CharterPage.objects.filter(pages_of_sites_q([site.pk])))
    return list(Commitment.objects.filter(charter__in=charters, principle=principle).order_by("number")[:2])


def _demo_projects(site: Site) -> dict:
    """The programme project the public-lighting action serves (project 6 of the demo action
    programme), when the commune tracks its programme."""
    from participation.core.conversion import AmbiguousReference, tracked_item

    try:
        item = tracked_item(site, "6")
    except AmbiguousReference:
        item = None
    return {"5.2": item.contribution} if item is not None else {}


def role_permissions() -> dict:
    """The focal point keeps the label: the questionnaire, the self-assessments, their answers and
    evidence, the action plan."""
    models = ("questionnaire", "question", "assessment", "answer", "answerevidence", "actionplanitem")
    return {
        Role.FOCAL_POINT: [
            f"charter.{action}_{model}" for model in models for action in ("add", "change", "delete", "view")
        ],
    }
