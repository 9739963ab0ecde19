"""What a new commune gets from digital consultations: their pages and demo content
(``consultations_setup``, the ``commune_setup`` hook) and what each role may do with them
(``role_permissions``, the ``role_permissions`` hook). Idempotent: running it again on the same
site creates nothing twice.

Demo (seed 003, Larache): the "digital public consultation week" of 12–19 June 2023 on the draft
openness programme, closed with its synthesis and the council's adoption in October 2023; and a
new consultation open now on the same five projects, so the demo shows the remarks card."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, Site

from participation.core.pages import in_source_language
from site_template.communes.roles import Role
from site_template.pages.tree import add_translated_child

from . import clock, services
from .models import Axis, ConsultationPage, Decision, OpenProject, Remark

PROJECTS = [
    (
        68,
        Axis.COMMUNICATION,
        "تجويد آليات التواصل",
        "Améliorer les mécanismes de communication",
        "تطوير قنوات تواصل الجماعة مع المواطنات والمواطنين: الموقع الإلكتروني، صفحات التواصل الاجتماعي، "
        "لوحات الإعلانات بالأحياء، ونشر مقررات المجلس وجداول أعمال دوراته.",
        "Développer les canaux de communication de la commune avec les habitants : site web, réseaux sociaux, "
        "panneaux d'affichage dans les quartiers, publication des décisions du conseil et de l'ordre du jour des sessions.",
        Decimal("150000"),
        "قسم التواصل",
        "Service de la communication",
    ),
    (
        69,
        Axis.TERRITORIAL_MARKETING,
        "إعداد دليل ترويجي لإبراز مؤهلات جماعة العرائش",
        "Guide promotionnel des atouts de la commune de Larache",
        "دليل ورقي ورقمي يعرف بالمؤهلات التاريخية والطبيعية والاقتصادية للمدينة لفائدة الزوار والمستثمرين.",
        "Un guide papier et numérique présentant les atouts historiques, naturels et économiques de la ville "
        "aux visiteurs et aux investisseurs.",
        Decimal("200000"),
        "قسم الشؤون الاقتصادية",
        "Service des affaires économiques",
    ),
    (
        70,
        Axis.QUALITY_SERVICES,
        "الصيانة والمحافظة على المناطق الخضراء",
        "Entretien et préservation des espaces verts",
        "صيانة الحدائق العمومية وحراستها، وإشراك جمعيات الأحياء في تتبع حالتها.",
        "Entretien et gardiennage des jardins publics, avec les associations de quartier pour suivre leur état.",
        Decimal("600000"),
        "قسم الأشغال",
        "Division des travaux",
    ),
    (
        85,
        Axis.SOCIAL_DEVELOPMENT,
        "ميزانية المواطن",
        "Budget citoyen",
        "وثيقة مبسطة تشرح ميزانية الجماعة للمواطنات والمواطنين: المداخيل، النفقات، والمشاريع.",
        "Un document simple qui explique le budget de la commune aux habitants : recettes, dépenses et projets.",
        Decimal("50000"),
        "قسم الميزانية",
        "Service du budget",
    ),
    (
        86,
        Axis.SOCIAL_DEVELOPMENT,
        "الميزانية التشاركية",
        "Budget participatif",
        "تخصيص جزء من ميزانية التجهيز لمشاريع يقترحها المواطنون ويصوتون عليها.",
        "Réserver une part du budget d'équipement à des projets proposés et votés par les habitants.",
        Decimal("1000000"),
        "قسم الميزانية",
        "Service du budget",
    ),
]


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def _parent(home_ar: Page) -> Page:
    return home_ar.get_children().filter(slug="participate").first() or home_ar


def _local(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return clock.local_instant(datetime(year, month, day, hour, minute))


def _create_page(parent: Page, *, slug: str, opens_at, closes_at, ar: dict, fr: dict, **common) -> ConsultationPage:
    page_ar, _page_fr = add_translated_child(
        parent,
        page_class=ConsultationPage,
        ar={"slug": slug, **ar},
        fr={"slug": slug, **fr},
        opens_at=opens_at,
        closes_at=closes_at,
        **common,
    )
    return page_ar


def _projects(consultation: ConsultationPage) -> dict[int, OpenProject]:
    projects = {}
    for number, axis, title_ar, title_fr, desc_ar, desc_fr, cost, service_ar, service_fr in PROJECTS:
        project = OpenProject.objects.filter(consultation=consultation, number=number).first()
        if project is None:
            project = services.project_save(
                project=OpenProject(
                    consultation=consultation,
                    number=number,
                    axis=axis,
                    title_ar=title_ar,
                    title_fr=title_fr,
                    description_ar=desc_ar,
                    description_fr=desc_fr,
                    estimated_cost=cost,
                    funding_ar="الميزانية الجماعية وشركاء برنامج الجماعات المنفتحة",
                    funding_fr="Budget communal et partenaires du programme des communes ouvertes",
                    responsible_service_ar=service_ar,
                    responsible_service_fr=service_fr,
                )
            )
        projects[number] = project
    return projects


@transaction.atomic
def consultations_setup(*, site: Site, home_ar: Page, home_fr: Page, demo: bool, demo_users: dict) -> None:
    parent = _parent(home_ar)
    existing = in_source_language(ConsultationPage.objects.child_of(parent))
    now = clock.now()
    if not existing.exists():
        year = clock.to_local(now).year
        opens = clock.local_instant(datetime(year, 1, 1, 0, 0)) if not demo else now - timedelta(days=2)
        _create_page(
            parent,
            slug="consultation",
            opens_at=now + timedelta(days=7) if not demo else opens,
            closes_at=(now + timedelta(days=14)) if not demo else now + timedelta(days=5),
            ar={
                "title": "التشاور الرقمي حول مشاريع برنامج الانفتاح",
                "intro": _p(
                    "تعرض الجماعة مسودة برنامج الانفتاح على المواطنات والمواطنين والجمعيات. اطلعوا على المشاريع، "
                    "ودونوا ملاحظاتكم في بطاقة الملاحظات: الإشكالية، الحلول، مصادر التمويل، مؤشرات التتبع ومؤشرات الأثر، "
                    "أو اقترحوا مشروعا جديدا. تدرس لجنة التتبع كل الملاحظات قبل المصادقة على البرنامج المحسن."
                ),
            },
            fr={
                "title": "Consultation numérique sur les projets du programme d'ouverture",
                "intro": _p(
                    "La commune soumet le projet de programme d'ouverture aux habitants et aux associations. Lisez "
                    "les projets et donnez vos remarques avec la fiche de remarques : le problème, les solutions, "
                    "les sources de financement, les indicateurs de suivi et d'impact — ou proposez un nouveau "
                    "projet. Le comité de suivi étudie chaque remarque avant l'adoption du programme amélioré."
                ),
            },
            synthesis_expected_on=(clock.to_local(now) + timedelta(days=40)).date(),
        )
    if demo:
        _demo(parent=parent, demo_users=demo_users)


def _demo(*, parent: Page, demo_users: dict) -> None:
    from participation.core import services as core_services

    consultations = in_source_language(ConsultationPage.objects.child_of(parent))
    current = consultations.filter(slug="consultation").first()
    past = consultations.filter(slug="consultation-2023").first()
    citizen = demo_users.get("citizen")
    citizen2 = demo_users.get("citizen2")
    association = demo_users.get("association")
    focal = demo_users.get("focal_point")

    if past is None:
        past = _create_page(
            parent,
            slug="consultation-2023",
            opens_at=_local(2023, 6, 12, 9, 0),
            closes_at=_local(2023, 6, 19, 23, 59),
            synthesis_expected_on=datetime(2023, 7, 25).date(),
            synthesis_published=True,
            adoption_date=datetime(2023, 10, 4).date(),
            ar={
                "title": "أسبوع التشاور العمومي الرقمي حول برنامج الانفتاح (12 إلى 19 يونيو 2023)",
                "intro": _p(
                    "عرضت جماعة العرائش مسودة برنامج الانفتاح للتشاور العمومي الرقمي من 12 إلى 19 يونيو 2023، "
                    "بعد اللقاء الأول للمشاركة المواطنة (21 مارس 2023) الذي شارك فيه 70 شخصا منهم 40 امرأة و18 جمعية."
                ),
                "synthesis_intro": _p(
                    "درست لجنة إعداد وتتبع وتقييم برنامج الانفتاح كل الملاحظات والاقتراحات، وقدمت خلاصاتها "
                    "في اللقاء الثاني للمشاركة المواطنة يوم 25 يوليوز 2023."
                ),
                "adoption_decision": _p("صادق مجلس الجماعة على برنامج الانفتاح المحسن خلال دورة أكتوبر 2023."),
            },
            fr={
                "title": "Semaine de consultation publique numérique sur le programme d'ouverture (12–19 juin 2023)",
                "intro": _p(
                    "La commune de Larache a soumis le projet de programme d'ouverture à une consultation publique "
                    "numérique du 12 au 19 juin 2023, après la première rencontre citoyenne (21 mars 2023) qui a réuni "
                    "70 personnes, dont 40 femmes, et 18 associations."
                ),
                "synthesis_intro": _p(
                    "Le comité de préparation, de suivi et d'évaluation du programme d'ouverture a étudié chaque "
                    "remarque et proposition, et a présenté ses conclusions lors de la deuxième rencontre citoyenne "
                    "du 25 juillet 2023."
                ),
                "adoption_decision": _p(
                    "Le conseil communal a adopté le programme d'ouverture amélioré lors de sa session d'octobre 2023."
                ),
            },
        )
    past_projects = _projects(past)
    if citizen and not past.remarks.exists():
        with clock.frozen(_local(2023, 6, 14, 18, 30)) as instant:
            remark = services.remark_create(
                consultation=past,
                project=past_projects[85],
                author=citizen,
                card=services.Card(
                    problem="الميزانية وثيقة تقنية يصعب على المواطن فهمها.",
                    solutions="نشر ميزانية المواطن في ورقتين بالعربية والفرنسية مع رسوم بيانية، وتقديمها في لقاء مفتوح.",
                    impact_indicators="عدد المواطنين الذين اطلعوا على الوثيقة.",
                ),
            )
            paper = services.paper_remark_create(
                consultation=past,
                project=past_projects[70],
                entered_by=focal,
                on_behalf_of_name="جمعية حي الأندلس",
                association_name="جمعية حي الأندلس",
                card=services.Card(
                    problem="غياب الحراسة في حديقة الحي ليلا.",
                    solutions="إشراك جمعيات الحي في تتبع حالة الحدائق عبر اتفاقية شراكة.",
                ),
            )
            for project in past_projects.values():
                for user in (citizen, citizen2, association):
                    if user is not None:
                        core_services.support_toggle(contribution=project.contribution, user=user, want=True)
        # the demo week happened in June 2023: date its records accordingly
        from participation.core.models import Contribution, Support

        Remark.objects.filter(consultation=past).update(created_at=instant)
        Contribution.objects.filter(consultation_remark__consultation=past).update(created_at=instant)
        Support.objects.filter(contribution__open_project__consultation=past).update(created_at=instant)
        services.remark_set_decision(
            remark=remark,
            decision=Decision.RETAINED,
            reason="أدرجت اللجنة إعداد ميزانية المواطن بالعربية والفرنسية وتقديمها سنويا في لقاء مفتوح.",
            by=focal,
        )
        services.remark_set_decision(
            remark=paper,
            decision=Decision.PARTLY_RETAINED,
            reason="تم اعتماد الشراكة مع الجمعيات؛ الحراسة الليلية تبقى رهينة بالاعتمادات المتاحة.",
            by=focal,
        )
        decisions = {68: Decision.RETAINED, 69: Decision.PARTLY_RETAINED, 70: Decision.RETAINED,
                     85: Decision.RETAINED, 86: Decision.NOT_RETAINED}
        for number, decision in decisions.items():
            services.project_set_synthesis(
                project=past_projects[number],
                decision=decision,
                reason_ar="بناء على ملاحظات المشاركين ودراسة اللجنة." if decision != Decision.NOT_RETAINED
                else "تأجيل الميزانية التشاركية إلى حين تجربة ميزانية المواطن أولا.",
                reason_fr="D'après les remarques des participants et l'étude du comité." if decision != Decision.NOT_RETAINED
                else "Le budget participatif est reporté : le budget citoyen sera d'abord expérimenté.",
                revised_text_ar="يتضمن المشروع المحسن مقترحات المشاركين المعتمدة." if decision != Decision.NOT_RETAINED else "",
                revised_text_fr="Le projet révisé intègre les propositions retenues des participants."
                if decision != Decision.NOT_RETAINED else "",
            )

    if current is not None:
        projects = _projects(current)
        if citizen and current.phase == "open" and not current.remarks.exists():
            services.remark_create(
                consultation=current,
                project=projects[68],
                author=citizen,
                card=services.Card(
                    problem="لا يعرف أغلب سكان الأحياء البعيدة مواعيد دورات المجلس.",
                    solutions="تعليق جدول أعمال الدورات في لوحات الأحياء ونشره على الموقع قبل أسبوع.",
                    tracking_indicators="عدد الإعلانات المنشورة في كل دورة.",
                ),
            )
            if citizen2:
                services.remark_create(
                    consultation=current,
                    project=projects[70],
                    author=citizen2,
                    language="fr",
                    card=services.Card(
                        problem="Le jardin du quartier Al Andalous manque d'arrosage en été.",
                        solutions="Installer un arrosage goutte-à-goutte et associer les jeunes du quartier.",
                        funding_sources="Budget communal et partenariat avec une association de quartier.",
                    ),
                )
                core_services.support_toggle(contribution=projects[70].contribution, user=citizen2, want=True)
            core_services.support_toggle(contribution=projects[68].contribution, user=citizen, want=True)
            core_services.support_toggle(contribution=projects[85].contribution, user=citizen, want=True)
            if association:
                services.paper_remark_create(
                    consultation=current,
                    entered_by=focal,
                    on_behalf_of_name="مشارك في اللقاء المواطن",
                    proposal_title="فضاء رقمي للشباب بالمدينة القديمة",
                    card=services.Card(
                        problem="ضعف ولوج الشباب إلى الخدمات الرقمية.",
                        solutions="تجهيز قاعة بدار الشباب بحواسيب وربط بالإنترنت.",
                    ),
                )


def role_permissions() -> dict:
    """The focal point manages the open projects and reads and sorts the remarks."""
    return {
        Role.FOCAL_POINT: [
            "consultations.add_openproject",
            "consultations.change_openproject",
            "consultations.delete_openproject",
            "consultations.view_openproject",
            "consultations.view_remark",
            "consultations.change_remark",
        ],
    }
