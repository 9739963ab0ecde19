"""What a new commune gets from the participation charter (``charter_setup``, the
``commune_setup`` hook, after the programme and the budget): its seven principles
(``principles_ensure``), a "Participation charter" page under the Participate section (Arabic and
French, its text and its adoption by the council); what each role may do (``role_permissions``);
and in the demo ten commitments over the seven principles (five measured by the site itself from
its meetings, information requests, council sessions and budget; the others typed), and two
published evaluations a year apart, by the commune and by a mixed committee, so each commitment
shows how it moved. Idempotent.

The computed indicators are named by their keys only: a key no capability registers yet gives
no value ("not computed"), never an error. The label page is provisioned by the label's hooks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, Site

from participation.core.conversion import AmbiguousReference, tracked_item
from participation.core.pages import in_source_language
from site_template.communes.roles import Role
from site_template.pages.tree import add_translated_child

from . import services
from .models import (
    CharterPage,
    Commitment,
    CommitmentStatus,
    Evaluation,
    EvaluationFinding,
    Evaluator,
    IndicatorPeriod,
)
from .principles import principles_ensure

SLUG = "participation-charter"
ADOPTED_ON = dt.date(2023, 3, 7)


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _h2(text: str) -> str:
    return f"<h2>{escape(text)}</h2>"


def _parent(home_ar: Page) -> Page:
    return home_ar.get_children().filter(slug="participate").first() or home_ar


CHARTER_AR = "".join([
    _h2("الديباجة"),
    _p("اعتبارا لمقتضيات الدستور، ولا سيما الفصول 12 و13 و27 و139 منه، ولأحكام القانون التنظيمي 113.14 المتعلق "
       "بالجماعات، ولا سيما المواد 119 إلى 125 منه، وللقانون 31.13 المتعلق بالحق في الحصول على المعلومات، يلتزم "
       "مجلس الجماعة بهذا الميثاق تجاه المواطنات والمواطنين وجمعيات المجتمع المدني."),
    _h2("المادة 1: الهدف"),
    _p("يحدد هذا الميثاق التزامات الجماعة في مجال الديمقراطية التشاركية، والآليات التي تمكن الساكنة من المساهمة "
       "في إعداد برنامج عمل الجماعة وتتبعه وتقييمه، ومن الاطلاع على قرارات المجلس وميزانيته."),
    _h2("المادة 2: المبادئ"),
    _p("يقوم الميثاق على سبعة مبادئ: المشاركة، المساواة والإنصاف، التعاون والتضامن، الفعالية والنجاعة، الشفافية "
       "وربط المسؤولية بالمحاسبة، الاستدامة، والابتكار."),
    _h2("المادة 3: الآليات"),
    _p("تعتمد الجماعة لقاءات تشاورية منتظمة في الأحياء، وأسابيع للتشاور حول المشاريع الكبرى، وفضاء رقميا للاقتراحات "
       "والعرائض، وهيئة المساواة وتكافؤ الفرص ومقاربة النوع المحدثة طبقا للمادة 120 من القانون التنظيمي."),
    _h2("المادة 4: التتبع والتقييم"),
    _p("تنشر الجماعة على موقعها حالة كل التزام ومؤشراته، ويقيم الميثاق مرة في السنة على الأقل من طرف الجماعة أو "
       "لجنة مختلطة تضم ممثلين عن المجتمع المدني، وتنشر نتائج التقييم للعموم."),
])

CHARTER_FR = "".join([
    _h2("Préambule"),
    _p("Vu la Constitution, notamment ses articles 12, 13, 27 et 139, la loi organique 113.14 relative aux "
       "communes, notamment ses articles 119 à 125, et la loi 31.13 relative au droit d'accès à l'information, "
       "le conseil de la commune prend les engagements de la présente charte envers les citoyennes, les "
       "citoyens et les associations."),
    _h2("Article 1 : objet"),
    _p("La charte fixe les engagements de la commune en matière de démocratie participative et les mécanismes "
       "qui permettent aux habitants de contribuer à l'élaboration, au suivi et à l'évaluation du programme "
       "d'action de la commune, et de connaître les décisions du conseil et son budget."),
    _h2("Article 2 : principes"),
    _p("La charte repose sur sept principes : participation ; égalité et équité ; coopération et solidarité ; "
       "efficacité et efficience ; transparence et reddition des comptes ; durabilité ; innovation."),
    _h2("Article 3 : mécanismes"),
    _p("La commune tient des rencontres de concertation régulières dans les quartiers, des semaines de "
       "consultation sur les grands projets, un espace numérique de suggestions et de pétitions, et l'instance "
       "de l'équité, de l'égalité des chances et de l'approche genre prévue par l'article 120 de la loi "
       "organique."),
    _h2("Article 4 : suivi et évaluation"),
    _p("La commune publie sur son site l'état de chaque engagement et ses indicateurs ; la charte est évaluée "
       "au moins une fois par an par la commune ou par un comité mixte comprenant des représentants de la "
       "société civile, et les résultats de l'évaluation sont publiés."),
])


@transaction.atomic
def charter_setup(*, site: Site, home_ar: Page, home_fr: Page, demo: bool, demo_users: dict) -> None:
    principles_ensure(site=site)
    parent = _parent(home_ar)
    charter = in_source_language(CharterPage.objects.child_of(parent)).filter(slug=SLUG).first()
    if charter is None:
        charter, _fr = add_translated_child(
            parent,
            page_class=CharterPage,
            adoption_date=ADOPTED_ON,
            ar={
                "title": "ميثاق المشاركة المواطنة",
                "slug": SLUG,
                "intro": _p(
                    "التزمت الجماعة أمامكم بوعود محددة لإشراككم في تدبير الشأن المحلي. تجدون هنا كل التزام، وأين "
                    "وصل، وكيف يقاس، والتقييمات التي خضع لها. قولوا لنا هل وفت الجماعة بوعدها."
                ),
                "charter_text": CHARTER_AR,
                "adoption_decision": _p(
                    "صادق مجلس الجماعة على ميثاق المشاركة المواطنة بالإجماع خلال دورته العادية لشهر مارس، في "
                    "جلسة 7 مارس 2023، طبقا للمادتين 119 و120 من القانون التنظيمي 113.14 المتعلق بالجماعات."
                ),
            },
            fr={
                "title": "Charte de la participation citoyenne",
                "slug": SLUG,
                "intro": _p(
                    "La commune a pris devant vous des engagements précis pour vous associer à la gestion des "
                    "affaires locales. Retrouvez ici chaque engagement, où il en est, comment il se mesure et les "
                    "évaluations dont il a fait l'objet. Dites-nous si la commune a tenu parole."
                ),
                "charter_text": CHARTER_FR,
                "adoption_decision": _p(
                    "Le conseil de la commune a adopté la charte de la participation citoyenne à l'unanimité lors "
                    "de sa session ordinaire de mars, en séance du 7 mars 2023, conformément aux articles 119 et "
                    "120 de la loi organique 113.14 relative aux communes."
                ),
            },
        )
    if demo and not charter.commitments.exists():
        _demo(charter=charter, site=site, demo_users=demo_users)


# --- the demo ------------------------------------------------------------------------------------

SECRETARIAT = ("الكتابة العامة", "Secrétariat général")
COMMUNICATION = ("مصلحة التواصل", "Service de la communication")
INFO_OFFICER = ("الشخص المكلف بالحصول على المعلومات", "Chargé de l'accès à l'information")
PARTICIPATION = ("مصلحة الديمقراطية التشاركية", "Service de la démocratie participative")
FINANCE = ("قسم الميزانية والشؤون المالية", "Division du budget et des affaires financières")
PLANNING = ("قسم التخطيط والبرمجة", "Division de la planification et de la programmation")
DIGITAL = ("مصلحة نظم المعلومات", "Service des systèmes d'information")
ENVIRONMENT = ("مصلحة البيئة والمساحات الخضراء", "Service de l'environnement et des espaces verts")

#: number, principle, title ar/fr, promise ar/fr, indicator ar/fr, unit ar/fr, computed key (or ""), period,
#: baseline, target, current (typed), status, note ar/fr, due, service, programme project reference
COMMITMENTS = [
    (1, "transparency", "نشر جدول أعمال دورات المجلس", "Publier l'ordre du jour des sessions du conseil",
     "ننشر جدول أعمال كل دورة وتواريخ جلساتها على الموقع وبمقر الجماعة قبل انعقادها بعشرة أيام على الأقل "
     "(المادة 48 من القانون التنظيمي 113.14).",
     "Nous publions l'ordre du jour et les dates de chaque session sur le site et au siège de la commune au moins "
     "dix jours avant son ouverture (art. 48 de la loi organique 113.14).",
     "دورات نشر جدول أعمالها في الأجل", "Sessions dont l'ordre du jour est publié à temps", "%", "%",
     "", IndicatorPeriod.YEAR, Decimal("50"), Decimal("100"), Decimal("100"), CommitmentStatus.KEPT,
     "نشرت جداول أعمال الدورات الثلاث لهذه السنة في الأجل.", "Les ordres du jour des trois sessions de l'année "
     "ont été publiés à temps.", dt.date(2025, 12, 31), SECRETARIAT, ""),
    (2, "participation", "أربعة لقاءات تشاورية في السنة بتقارير منشورة",
     "Quatre rencontres citoyennes par an, leurs comptes rendus publiés",
     "نعقد أربعة لقاءات تشاورية مع الساكنة في السنة على الأقل، في أحياء مختلفة، وننشر تقرير كل لقاء خلال "
     "شهر من انعقاده.",
     "Nous tenons au moins quatre rencontres de concertation par an, dans des quartiers différents, et publions "
     "le compte rendu de chacune dans le mois qui suit.",
     "لقاءات بتقرير منشور هذه السنة", "Rencontres dont le compte rendu est publié cette année", "لقاءات", "rencontres",
     "meetings.reports_published", IndicatorPeriod.YEAR, Decimal("1"), Decimal("4"), None, CommitmentStatus.IN_PROGRESS,
     "عقدت ثلاثة لقاءات؛ الرابع مبرمج بحي الأندلس.", "Trois rencontres tenues ; la quatrième est prévue au "
     "quartier Al Andalous.", dt.date(2026, 12, 31), PARTICIPATION, ""),
    (3, "transparency", "الرد على طلبات الحصول على المعلومات في الأجل",
     "Répondre aux demandes d'information dans les délais",
     "نجيب عن كل طلب للحصول على المعلومات داخل الأجل القانوني (عشرون يوم عمل، القانون 31.13)، ونعلل كل رفض.",
     "Nous répondons à chaque demande d'information dans le délai légal (vingt jours ouvrables, loi 31.13) et "
     "motivons tout refus.",
     "نسبة الطلبات المجاب عنها في الأجل", "Part des demandes traitées dans le délai légal", "%", "%",
     "info_requests.answered_on_time", IndicatorPeriod.YEAR, Decimal("60"), Decimal("100"), None,
     CommitmentStatus.IN_PROGRESS, "تحسنت الآجال بعد تعيين شخص مكلف وتكوينه.", "Les délais se sont améliorés depuis "
     "la désignation et la formation d'un chargé de l'information.", dt.date(2026, 6, 30), INFO_OFFICER, ""),
    (4, "equality", "مشاركة النساء في اللقاءات التشاورية", "La participation des femmes aux rencontres",
     "نبرمج اللقاءات في أوقات وأماكن تناسب النساء، ونوفر فضاء لاستقبال الأطفال، لتبلغ نسبة المشاركات 40٪ على "
     "الأقل.",
     "Nous fixons les rencontres à des heures et dans des lieux qui conviennent aux femmes, avec un espace pour "
     "les enfants, pour qu'elles soient au moins 40 % des participants.",
     "نسبة النساء بين المشاركين", "Part des femmes parmi les participants", "%", "%",
     "meetings.women_share", IndicatorPeriod.CHARTER, Decimal("22"), Decimal("40"), None, CommitmentStatus.IN_PROGRESS,
     "", "", dt.date(2026, 12, 31), PARTICIPATION, ""),
    (5, "transparency", "تعليق مقررات المجلس داخل ثمانية أيام", "Afficher les décisions du conseil sous huit jours",
     "ننشر مقررات المجلس على الموقع وبمقر الجماعة داخل أجل ثمانية أيام من انتهاء الدورة (المادة 273).",
     "Nous publions les décisions du conseil sur le site et au siège de la commune dans les huit jours qui "
     "suivent la session (art. 273).",
     "نسبة الدورات التي نشرت مقرراتها في الأجل", "Part des sessions dont les décisions sont publiées à temps", "%", "%",
     "council.decisions_posted_on_time", IndicatorPeriod.CHARTER, Decimal("40"), Decimal("100"), None,
     CommitmentStatus.KEPT, "", "", dt.date(2025, 6, 30), SECRETARIAT, ""),
    (6, "efficiency", "نشر ميزانية المواطن في وقتها", "Publier le budget citoyen à temps",
     "ننشر ميزانية الجماعة مشروحة بلغة بسيطة داخل الأجل بعد التأشير عليها، والحساب الإداري بعد حصره.",
     "Nous publions le budget de la commune expliqué simplement dans le délai qui suit son visa, et le compte "
     "administratif une fois arrêté.",
     "نشر الميزانية في الأجل القانوني", "Budget publié dans le délai légal", "%", "%",
     "budget.published_on_time", IndicatorPeriod.CHARTER, Decimal("0"), Decimal("100"), None,
     CommitmentStatus.IN_PROGRESS, "نشرت ميزانية 2026 متأخرة بستة أيام.", "Le budget 2026 a été publié avec six "
     "jours de retard.", dt.date(2026, 3, 31), FINANCE, ""),
    (7, "cooperation", "إشراك الساكنة والشركاء في برنامج عمل الجماعة",
     "Associer les habitants et les partenaires au programme d'action (PAC)",
     "نعرض مشروع برنامج عمل الجماعة على الساكنة في أسبوع للتشاور، ونعد مشاريعه المشتركة مع الجمعيات والجماعات "
     "المجاورة في إطار اتفاقيات شراكة منشورة، وننشر خلاصة الملاحظات وما أخذ به منها.",
     "Nous soumettons le projet de programme d'action aux habitants pendant une semaine de consultation, "
     "préparons ses projets communs avec les associations et les communes voisines dans des conventions de "
     "partenariat publiées, et publions la synthèse des remarques et ce qui en a été retenu.",
     "أسابيع تشاور بخلاصة منشورة", "Semaines de consultation avec synthèse publiée", "أسابيع", "semaines",
     "", IndicatorPeriod.CHARTER, Decimal("0"), Decimal("2"), Decimal("1"), CommitmentStatus.IN_PROGRESS,
     "نظم أسبوع أول للتشاور ووقعت اتفاقيتا شراكة؛ الأسبوع الثاني عند التحيين المرحلي للبرنامج.",
     "Une première semaine de consultation a eu lieu et deux conventions de partenariat sont signées ; la "
     "seconde semaine accompagnera la mise à jour du programme.", dt.date(2026, 6, 30), PLANNING, ""),
    (8, "equality", "استشارة هيئة المساواة وتكافؤ الفرص ومقاربة النوع",
     "Consulter l'instance de l'équité, de l'égalité des chances et de l'approche genre (IEECAG)",
     "نعرض على الهيئة مشروع الميزانية ومشاريع البرنامج قبل عرضها على المجلس، وننشر آراءها.",
     "Nous soumettons à l'instance le projet de budget et les projets du programme avant le conseil, et "
     "publions ses avis.",
     "آراء الهيئة المنشورة في السنة", "Avis de l'instance publiés dans l'année", "آراء", "avis",
     "", IndicatorPeriod.YEAR, Decimal("0"), Decimal("3"), Decimal("1"), CommitmentStatus.NOT_KEPT,
     "لم تجتمع الهيئة سوى مرة واحدة؛ تجديد أعضائها جار.", "L'instance ne s'est réunie qu'une fois ; ses membres "
     "sont en cours de renouvellement.", dt.date(2025, 12, 31), PARTICIPATION, ""),
    (9, "innovation", "صندوق رقمي للاقتراحات", "Une boîte à suggestions numérique",
     "نفتح فضاء رقميا يتلقى اقتراحات الساكنة، ونجيب عن كل اقتراح خلال ثلاثين يوما.",
     "Nous ouvrons un espace numérique qui reçoit les suggestions des habitants et répondons à chacune dans les "
     "trente jours.",
     "نسبة الاقتراحات المجاب عنها خلال 30 يوما", "Part des suggestions ayant reçu une réponse sous 30 jours",
     "%", "%", "", IndicatorPeriod.YEAR, Decimal("0"), Decimal("80"), Decimal("65"), CommitmentStatus.IN_PROGRESS,
     "الفضاء مفتوح منذ يناير؛ تعتمد الأجوبة على رقمنة الخدمات.", "L'espace est ouvert depuis janvier ; les réponses "
     "s'appuient sur la numérisation des services.", dt.date(2026, 12, 31), DIGITAL, "action-programme/1"),
    (10, "sustainability", "بيانات مفتوحة عن النظافة والمساحات الخضراء",
     "Des données ouvertes sur la propreté et les espaces verts",
     "ننشر كل ثلاثة أشهر، بصيغة مفتوحة، كميات النفايات المجموعة ومساحات المساحات الخضراء المصانة.",
     "Nous publions chaque trimestre, en format ouvert, les tonnages de déchets collectés et les surfaces "
     "d'espaces verts entretenues.",
     "مجموعات البيانات المنشورة", "Jeux de données publiés", "مجموعات", "jeux", "", IndicatorPeriod.YEAR,
     Decimal("0"), Decimal("4"), Decimal("0"), CommitmentStatus.NOT_STARTED, "", "", dt.date(2026, 6, 30),
     ENVIRONMENT, ""),
]

#: The two evaluations: (date, evaluator, name ar, summary ar/fr, score, {number: (status, value, finding ar, fr)})
EVALUATIONS = [
    (dt.date(2024, 12, 18), Evaluator.COMMUNE, "مصلحة الديمقراطية التشاركية",
     "تقييم ذاتي أول بعد سنة ونصف من المصادقة على الميثاق: انطلقت أغلب الالتزامات، والآجال ما تزال طويلة.",
     "Première auto-évaluation, un an et demi après l'adoption : la plupart des engagements ont démarré, les "
     "délais restent longs.", Decimal("48"),
     {1: (CommitmentStatus.IN_PROGRESS, Decimal("67"), "نشرت جداول أعمال دورتين من ثلاث في الأجل.",
          "Deux ordres du jour sur trois publiés à temps."),
      2: (CommitmentStatus.IN_PROGRESS, Decimal("2"), "لقاءان فقط بتقرير منشور.", "Seulement deux rencontres avec "
          "compte rendu publié."),
      3: (CommitmentStatus.IN_PROGRESS, Decimal("62"), "", ""),
      4: (CommitmentStatus.NOT_STARTED, Decimal("24"), "", ""),
      5: (CommitmentStatus.IN_PROGRESS, Decimal("50"), "", ""),
      6: (CommitmentStatus.NOT_STARTED, None, "", ""),
      7: (CommitmentStatus.IN_PROGRESS, Decimal("1"), "", ""),
      8: (CommitmentStatus.NOT_STARTED, Decimal("0"), "الهيئة لم تشكل بعد.", "L'instance n'est pas encore constituée."),
      9: (CommitmentStatus.NOT_STARTED, Decimal("0"), "", ""),
      10: (CommitmentStatus.NOT_STARTED, Decimal("0"), "", "")}),
    (dt.date(2025, 12, 17), Evaluator.MIXED_COMMITTEE, "لجنة مختلطة: الجماعة وجمعية لوكسوس للتنمية وهيئة المساواة",
     "تقدم واضح في الشفافية: المقررات وجداول الأعمال تنشر في الأجل. تبقى مشاركة النساء واستشارة الهيئة دون الهدف.",
     "Net progrès en transparence : décisions et ordres du jour publiés à temps. La participation des femmes et "
     "la consultation de l'instance restent en deçà de l'objectif.", Decimal("63.5"),
     {1: (CommitmentStatus.KEPT, Decimal("100"), "التزام وفي به.", "Engagement tenu."),
      2: (CommitmentStatus.IN_PROGRESS, Decimal("3"), "ثلاثة لقاءات بتقارير منشورة.", "Trois rencontres avec compte "
          "rendu publié."),
      3: (CommitmentStatus.IN_PROGRESS, Decimal("81"), "تحسن ملموس.", "Amélioration nette."),
      4: (CommitmentStatus.IN_PROGRESS, Decimal("31"), "ما تزال النسبة دون 40٪.", "Toujours sous 40 %."),
      5: (CommitmentStatus.KEPT, Decimal("100"), "", ""),
      6: (CommitmentStatus.IN_PROGRESS, Decimal("50"), "", ""),
      7: (CommitmentStatus.IN_PROGRESS, Decimal("1"), "", ""),
      8: (CommitmentStatus.NOT_KEPT, Decimal("1"), "رأي واحد فقط من ثلاثة.", "Un seul avis sur trois."),
      9: (CommitmentStatus.IN_PROGRESS, Decimal("40"), "", ""),
      10: (CommitmentStatus.NOT_STARTED, Decimal("0"), "", "")}),
]


def _project(site: Site, reference: str):
    if not reference:
        return None
    try:
        item = tracked_item(site, reference)
    except AmbiguousReference:
        return None
    return item.contribution if item is not None else None


def _demo(*, charter: CharterPage, site: Site, demo_users: dict) -> None:
    principles = {p.code: p for p in principles_ensure(site=site)}
    commitments: dict[int, Commitment] = {}
    for (number, principle, title_ar, title_fr, promise_ar, promise_fr, indicator_ar, indicator_fr, unit_ar,
         unit_fr, key, period, baseline, target, current, status, note_ar, note_fr, due_on, service,
         project) in COMMITMENTS:
        commitments[number] = services.commitment_save(commitment=Commitment(
            charter=charter, principle=principles[principle], number=number, title_ar=title_ar, title_fr=title_fr,
            promise_ar=promise_ar, promise_fr=promise_fr, indicator_ar=indicator_ar, indicator_fr=indicator_fr,
            unit_ar=unit_ar, unit_fr=unit_fr, baseline=baseline, target=target, current_value=current,
            indicator_source=key, indicator_period=period, status=status, status_note_ar=note_ar,
            status_note_fr=note_fr, due_on=due_on, responsible_service_ar=service[0],
            responsible_service_fr=service[1], programme_project=_project(site, project),
        ))
    creator = demo_users.get("focal_point")
    for evaluated_on, evaluator, name, summary_ar, summary_fr, score, findings in EVALUATIONS:
        evaluation = Evaluation.objects.create(
            charter=charter, evaluated_on=evaluated_on, evaluator=evaluator, evaluator_name=name,
            summary_ar=summary_ar, summary_fr=summary_fr, score=score, is_published=True, created_by=creator,
        )
        EvaluationFinding.objects.bulk_create([
            EvaluationFinding(evaluation=evaluation, commitment=commitments[number], status=status, value=value,
                              finding_ar=finding_ar, finding_fr=finding_fr, sort_order=number)
            for number, (status, value, finding_ar, finding_fr) in findings.items()
        ])
    citizen = demo_users.get("citizen")
    if citizen is not None:
        from participation.core.services import rating_set
        from participation.notifications.services import follow_ensure

        from .models import CitizenView

        first = commitments[2]
        follow_ensure(user=citizen, contribution=first.contribution)
        rating_set(contribution=first.contribution, user=citizen, value=CitizenView.PARTLY,
                   scale=charter.rating_scale, page=charter)


def role_permissions() -> dict:
    """The focal point keeps the charter: its principles, commitments and their evidence, the
    evaluations and their findings."""
    models = ("principle", "commitment", "commitmentdocument", "commitmentlink", "evaluation", "evaluationfinding")
    return {
        Role.FOCAL_POINT: [
            f"charter.{action}_{model}" for model in models for action in ("add", "change", "delete", "view")
        ],
    }
