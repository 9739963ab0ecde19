"""What a new commune gets from programme tracking: an empty "Commune action programme" page
(``programme_setup``, the ``commune_setup`` hook), what each role may do (``role_permissions``),
and in the demo a PAC 2022-2027 with three axes, six projects, their activities, indicators and
figures, a status history and a progress update. Idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, Site

from participation.core.pages import in_source_language, page_site
from site_template.communes.roles import Role
from site_template.pages.tree import add_translated_child

from . import services
from .models import (
    Activity,
    Axis,
    FundingLine,
    Indicator,
    IndicatorValue,
    ProgrammeKind,
    ProgrammePage,
    Project,
)

SLUG = "action-programme"


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _parent(home_ar: Page) -> Page:
    return home_ar.get_children().filter(slug="participate").first() or home_ar


@transaction.atomic
def programme_setup(*, site: Site, home_ar: Page, home_fr: Page, demo: bool, demo_users: dict) -> None:
    parent = _parent(home_ar)
    programme = in_source_language(ProgrammePage.objects.child_of(parent)).filter(slug=SLUG).first()
    if programme is None:
        programme, _fr = add_translated_child(
            parent,
            page_class=ProgrammePage,
            kind=ProgrammeKind.ACTION_PROGRAMME,
            period_start=2022,
            period_end=2027,
            ar={
                "title": "تتبع برنامج عمل الجماعة",
                "slug": SLUG,
                "intro": _p(
                    "برنامج عمل الجماعة وثيقة مرجعية تحدد الأعمال التنموية المقرر إنجازها خلال مدة انتداب المجلس. "
                    "تتابعون هنا كل مشروع: ما وعدت به الجماعة، وما أنجز، وكم كلف، وتقولون رأيكم فيه."
                ),
            },
            fr={
                "title": "Suivi du programme d'action de la commune",
                "slug": SLUG,
                "intro": _p(
                    "Le programme d'action de la commune fixe les actions de développement prévues pendant le mandat "
                    "du conseil. Suivez ici chaque projet : ce que la commune a promis, ce qui est fait, ce que cela a "
                    "coûté, et donnez votre avis."
                ),
            },
        )
    if demo and not programme.projects.exists():
        _demo(programme=programme, demo_users=demo_users)


AXES = [
    (1, "تجويد الخدمات الجماعية", "Améliorer les services communaux"),
    (2, "التنمية الاجتماعية والرياضية", "Développement social et sportif"),
    (3, "البيئة والمجال الأخضر", "Environnement et espaces verts"),
]

#: number, axis, title ar, title fr, status path, progress, start, end, planned per year
PROJECTS = [
    (1, 1, "رقمنة خدمات الحالة المدنية", "Numérisation des services de l'état civil",
     ["studies", "tendering", "works"], 60, dt.date(2023, 1, 1), dt.date(2025, 12, 31), Decimal("400000")),
    (2, 1, "تأهيل مكتب الضبط وتحسين الاستقبال", "Réaménagement du bureau d'ordre et de l'accueil",
     ["studies", "tendering", "works", "done"], 100, dt.date(2022, 6, 1), dt.date(2024, 6, 30), Decimal("250000")),
    (3, 2, "بناء ملعب القرب بحي الأندلس", "Terrain de proximité au quartier Al Andalous",
     ["studies", "tendering"], 25, dt.date(2024, 1, 1), dt.date(2026, 6, 30), Decimal("900000")),
    (4, 2, "دعم جمعيات الأحياء", "Soutien aux associations de quartier",
     ["works"], 50, dt.date(2023, 1, 1), dt.date(2027, 12, 31), Decimal("300000")),
    (5, 3, "إعادة تأهيل حديقة الأندلس", "Réhabilitation du jardin Al Andalous",
     ["studies", "suspended"], 10, dt.date(2023, 3, 1), dt.date(2024, 12, 31), Decimal("600000")),
    (6, 3, "تعميم الإنارة العمومية الاقتصادية", "Éclairage public économe généralisé",
     ["studies", "tendering", "works"], 40, dt.date(2023, 1, 1), dt.date(2026, 12, 31), Decimal("1200000")),
]


def _demo(*, programme: ProgrammePage, demo_users: dict) -> None:
    focal = demo_users.get("focal_point")
    axes = {
        number: Axis.objects.create(programme=programme, number=number, title_ar=title_ar, title_fr=title_fr)
        for number, title_ar, title_fr in AXES
    }
    site = page_site(programme)
    neighbourhoods = list(site.neighbourhoods.all()[:3]) if site else []
    for number, axis, title_ar, title_fr, path, progress, starts, ends, planned in PROJECTS:
        project = services.project_save(
            project=Project(
                programme=programme, axis=axes[axis], number=number, title_ar=title_ar, title_fr=title_fr,
                description_ar=f"{title_ar}: مشروع من برنامج عمل الجماعة 2022-2027.",
                description_fr=f"{title_fr} : projet du programme d'action 2022-2027.",
                responsible_service_ar="قسم التعمير والأشغال" if axis != 2 else "قسم الشؤون الاجتماعية",
                responsible_service_fr="Service de l'urbanisme et des travaux" if axis != 2 else "Service des affaires sociales",
                general_objective_ar="تحسين جودة عيش الساكنة.",
                general_objective_fr="Améliorer la qualité de vie des habitants.",
                specific_objectives_ar="تقريب الخدمة من المواطن\nتقليص آجال الإنجاز",
                specific_objectives_fr="Rapprocher le service des habitants\nRéduire les délais",
                expected_results_ar="رضا المرتفقين\nخدمة أسرع",
                expected_results_fr="Usagers satisfaits\nService plus rapide",
                starts_on=starts, ends_on=ends, progress=progress,
            )
        )
        if neighbourhoods:
            project.neighbourhoods.set([neighbourhoods[number % len(neighbourhoods)]])
        Activity.objects.bulk_create(
            [
                Activity(project=project, number=1, title_ar="الدراسات", title_fr="Études", starts_on=starts,
                         ends_on=starts + dt.timedelta(days=120), progress=100, sort_order=1),
                Activity(project=project, number=2, title_ar="الصفقة", title_fr="Marché", starts_on=starts + dt.timedelta(days=121),
                         ends_on=starts + dt.timedelta(days=240), progress=100 if progress > 25 else 40, sort_order=2),
                Activity(project=project, number=3, title_ar="الإنجاز", title_fr="Réalisation",
                         starts_on=starts + dt.timedelta(days=241), ends_on=ends, progress=progress, sort_order=3),
            ]
        )
        years = range(starts.year, min(ends.year, 2025) + 1)
        share = (planned / len(years)).quantize(Decimal("0.01"))
        FundingLine.objects.bulk_create(
            [
                FundingLine(project=project, year=year, source_ar="ميزانية الجماعة", source_fr="Budget de la commune",
                            planned=share, committed=share if year < 2025 else share / 2,
                            spent=(share * Decimal(progress) / 100).quantize(Decimal("0.01")))
                for year in years
            ]
        )
        people = Indicator.objects.create(
            project=project, number=1, name_ar="عدد المستفيدين", name_fr="Nombre de bénéficiaires",
            unit_ar="شخص", unit_fr="personnes", baseline=Decimal("0"), target=Decimal("5000"),
            source_ar="سجلات القسم المسؤول", source_fr="Registres du service responsable", counts_people=True,
        )
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(indicator=people, year=2023, value=Decimal("1200"), women=Decimal("650"), men=Decimal("550")),
                IndicatorValue(indicator=people, year=2024, value=Decimal("2600"), women=Decimal("1400"), men=Decimal("1200")),
            ]
        )
        if focal is not None:
            day = starts
            for status in path:
                day = min(day + dt.timedelta(days=150), dt.date(2025, 11, 1))
                note = "نزاع حول العقار، في انتظار حكم المحكمة." if status == "suspended" else ""
                services.project_set_status(project=project, status=status, by=focal, note=note, changed_on=day)
            if number == 1:
                services.update_post(
                    project=project, by=focal, progress=progress,
                    text_ar="انطلق الربط الرقمي لمكاتب الحالة المدنية الثلاثة؛ يمكن طلب نسخ موجزة عبر الإنترنت.",
                    text_fr="Les trois bureaux d'état civil sont reliés ; les extraits peuvent être demandés en ligne.",
                )
    citizen = demo_users.get("citizen")
    if citizen is not None:
        from participation.core.services import rating_set
        from participation.notifications.services import follow_ensure

        first = Project.objects.get(programme=programme, number=1)
        follow_ensure(user=citizen, contribution=first.contribution)
        rating_set(contribution=first.contribution, user=citizen, value=4, page=programme)


def role_permissions() -> dict:
    """The focal point keeps the programme: axes, projects, indicators, updates and reports."""
    models = ("axis", "project", "indicator", "projectupdate", "annualreport")
    return {
        Role.FOCAL_POINT: [
            f"programme.{action}_{model}" for model in models for action in ("add", "change", "delete", "view")
        ],
    }
