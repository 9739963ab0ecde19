"""What a new commune gets from the citizen budget: a "Citizen budget" page with the functional
sectors of a commune's expenses, explained in plain words (``budget_setup``, the ``commune_setup``
hook), what each role may do (``role_permissions``), and in the demo two budget years (2025 with
its administrative account, 2026 voted) of a commune of Larache's size. Idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, Site

from participation.core.conversion import AmbiguousReference, tracked_item, tracked_items
from participation.core.pages import in_source_language
from site_template.communes.roles import Role
from site_template.pages.tree import add_translated_child

from .models import BudgetLine, BudgetPage, BudgetYear, Chapter, Direction, Section, Sector

SLUG = "citizen-budget"

#: The functional sectors (code, Arabic, French, plain explanation in Arabic, in French).
SECTORS = [
    ("10", "الإدارة العامة", "Administration générale",
     "أجور موظفي الجماعة وتسيير مصالحها: الحالة المدنية، المصادقة على الإمضاءات، الرخص.",
     "Les salaires du personnel et le fonctionnement des services : état civil, légalisation, autorisations."),
    ("20", "الطرق والإنارة العمومية", "Voirie et éclairage public",
     "صيانة الطرق والأرصفة وإنارة الشوارع ليلا.",
     "L'entretien des rues et des trottoirs, et l'éclairage des rues la nuit."),
    ("30", "النظافة والبيئة", "Propreté et environnement",
     "جمع النفايات المنزلية وتنظيف الشوارع والأسواق.",
     "La collecte des ordures ménagères et le nettoiement des rues et des marchés."),
    ("40", "الماء والتطهير", "Eau et assainissement",
     "الماء في المرافق العمومية وشبكة تصريف المياه العادمة ومياه الأمطار.",
     "L'eau des équipements publics et le réseau d'évacuation des eaux usées et pluviales."),
    ("50", "الشؤون الاجتماعية والثقافية والرياضية", "Action sociale, culturelle et sportive",
     "ملاعب القرب ودور الشباب والمنح للجمعيات والنقل المدرسي.",
     "Terrains de proximité, maisons de jeunes, subventions aux associations et transport scolaire."),
    ("60", "التنمية الاقتصادية والأسواق", "Développement économique et marchés",
     "الأسواق الجماعية والمحلات التجارية ودعم الأنشطة الاقتصادية.",
     "Les marchés communaux, les locaux commerciaux et l'appui aux activités économiques."),
    ("70", "الدين", "Dette",
     "فوائد وأصل القروض التي اقترضتها الجماعة لتمويل مشاريعها.",
     "Les intérêts et le capital des emprunts contractés par la commune pour ses projets."),
    ("80", "التعمير والمساحات الخضراء", "Urbanisme et espaces verts",
     "الحدائق والمساحات الخضراء وتهيئة الأحياء.",
     "Les jardins, les espaces verts et l'aménagement des quartiers."),
]

R, E = Direction.REVENUE, Direction.EXPENSE
OP, INV = Section.OPERATING, Section.INVESTMENT

#: The demo's chapters: (direction, section, code, Arabic, French, explanation in Arabic, in French).
CHAPTERS = [
    (R, OP, "10", "الضرائب والرسوم المحلية", "Taxes et redevances locales",
     "ما يؤديه السكان والتجار للجماعة مباشرة: الرسم المهني ورسم السكن ورسم الخدمات الجماعية.",
     "Ce que les habitants et les commerçants paient directement à la commune : taxe professionnelle, "
     "taxe d'habitation, taxe de services communaux."),
    (R, OP, "20", "حصص من منتوج ضرائب الدولة", "Parts d'impôts de l'État",
     "جزء من الضريبة على القيمة المضافة تحوله الدولة إلى الجماعات كل سنة: أكبر مورد للجماعة.",
     "Une part de la TVA que l'État verse chaque année aux communes : la première ressource de la commune."),
    (R, OP, "30", "منتوج الأملاك والخدمات", "Produits du domaine et des services",
     "كراء المحلات الجماعية ومنتوج الأسواق ورسوم الحالة المدنية والمصادقة.",
     "Les loyers des locaux communaux, les marchés, les droits d'état civil et de légalisation."),
    (E, OP, "10", "الموظفون", "Personnel", "أجور موظفي الجماعة وتعويضاتهم ومساهماتهم الاجتماعية.",
     "Les salaires, indemnités et cotisations sociales du personnel communal."),
    (E, OP, "20", "التسيير العام", "Fonctionnement général",
     "ما تدفعه الجماعة كل يوم لتعمل مرافقها: الكهرباء والماء والوقود وصيانة الطرق وجمع النفايات.",
     "Ce que la commune paie chaque jour pour ses services : électricité, eau, carburant, entretien, collecte "
     "des déchets."),
    (E, OP, "30", "المنح والإعانات", "Subventions", "ما تمنحه الجماعة للجمعيات وللنقل المدرسي.",
     "Ce que la commune verse aux associations et au transport scolaire."),
    (E, OP, "40", "فوائد الدين", "Intérêts de la dette", "فوائد القروض.", "Les intérêts des emprunts."),
    (R, INV, "10", "الفائض والقروض", "Excédent et emprunts",
     "ما تبقى من مداخيل التسيير بعد أداء مصاريفه، والقروض: بهما تمول الجماعة مشاريعها.",
     "Ce qui reste des recettes de fonctionnement une fois ses dépenses payées, et les emprunts : ils financent "
     "les projets."),
    (R, INV, "20", "مساهمات الشركاء", "Contributions des partenaires",
     "ما يساهم به الشركاء في مشاريع الجماعة: المبادرة الوطنية للتنمية البشرية والجهة.",
     "Ce que les partenaires apportent aux projets : l'INDH et la région."),
    (E, INV, "10", "البنيات التحتية", "Infrastructures", "الطرق والإنارة وشبكة التطهير.",
     "Les routes, l'éclairage et le réseau d'assainissement."),
    (E, INV, "20", "التجهيزات الاجتماعية", "Équipements sociaux", "الملاعب ودور الشباب والحدائق.",
     "Les terrains de sport, les maisons de jeunes et les jardins."),
    (E, INV, "30", "التجهيزات الاقتصادية", "Équipements économiques", "تأهيل الأسواق.", "La réhabilitation des marchés."),
    (E, INV, "40", "أصل الدين", "Capital de la dette", "سداد أصل القروض.", "Le remboursement du capital des emprunts."),
    (E, INV, "50", "المعدات", "Matériel", "الشاحنات والسيارات والمعدات.", "Les camions, véhicules et équipements."),
]

#: The demo's lines of 2025: (direction, section, chapter, article, paragraph, Arabic, French,
#: sector, voted in thousands of MAD). The operating surplus and the investment expenses are
#: balanced by ``_balanced`` below.
LINES = [
    (R, OP, "10", "10", "11", "الرسم المهني", "Taxe professionnelle", "", 14_200),
    (R, OP, "10", "10", "12", "رسم السكن", "Taxe d'habitation", "", 6_800),
    (R, OP, "10", "10", "13", "رسم الخدمات الجماعية", "Taxe de services communaux", "", 17_500),
    (R, OP, "10", "20", "11", "الرسم على الأراضي الحضرية غير المبنية", "Taxe sur les terrains urbains non bâtis", "",
     9_300),
    (R, OP, "10", "20", "12", "الرسم على محال بيع المشروبات", "Taxe sur les débits de boissons", "", 900),
    (R, OP, "20", "10", "11", "حصة الجماعة من الضريبة على القيمة المضافة", "Part de la TVA", "", 96_000),
    (R, OP, "30", "10", "11", "كراء المحلات التجارية الجماعية", "Loyers des locaux commerciaux", "", 3_100),
    (R, OP, "30", "10", "12", "منتوج الأسواق الجماعية", "Produit des marchés communaux", "", 4_600),
    (R, OP, "30", "20", "11", "رسوم الحالة المدنية والمصادقة", "Droits d'état civil et de légalisation", "", 2_400),
    (R, OP, "30", "20", "12", "منتوج المحجز الجماعي", "Produit de la fourrière", "", 700),
    (E, OP, "10", "10", "11", "أجور الموظفين الرسميين", "Salaires du personnel titulaire", "10", 58_000),
    (E, OP, "10", "10", "12", "التعويضات", "Indemnités", "10", 9_500),
    (E, OP, "10", "20", "11", "المساهمات الاجتماعية", "Cotisations sociales", "10", 7_800),
    (E, OP, "20", "10", "11", "استهلاك الكهرباء للإنارة العمومية", "Électricité de l'éclairage public", "20", 12_500),
    (E, OP, "20", "10", "12", "استهلاك الماء في المرافق العمومية", "Eau des équipements publics", "40", 2_900),
    (E, OP, "20", "10", "13", "الوقود والزيوت", "Carburants et lubrifiants", "10", 3_200),
    (E, OP, "20", "20", "11", "صيانة الطرق والأرصفة", "Entretien de la voirie", "20", 4_800),
    (E, OP, "20", "20", "12", "التدبير المفوض لجمع النفايات", "Gestion déléguée de la collecte des déchets", "30",
     26_500),
    (E, OP, "20", "20", "13", "صيانة المساحات الخضراء", "Entretien des espaces verts", "80", 3_600),
    (E, OP, "20", "30", "11", "لوازم المكتب والطباعة", "Fournitures de bureau et impression", "10", 1_100),
    (E, OP, "30", "10", "11", "منح للجمعيات الرياضية والثقافية", "Subventions aux associations sportives et culturelles",
     "50", 3_000),
    (E, OP, "30", "10", "12", "المساهمة في النقل المدرسي", "Participation au transport scolaire", "50", 1_800),
    (E, OP, "30", "10", "13", "منح للجمعيات الاجتماعية", "Subventions aux associations sociales", "50", 1_200),
    (E, OP, "40", "10", "11", "فوائد القروض", "Intérêts des emprunts", "70", 2_300),
    (R, INV, "10", "10", "11", "فائض الجزء الأول", "Excédent de la première partie", "", 0),
    (R, INV, "10", "20", "11", "قرض صندوق التجهيز الجماعي", "Emprunt auprès du Fonds d'équipement communal", "",
     15_000),
    (R, INV, "20", "10", "11", "مساهمة المبادرة الوطنية للتنمية البشرية", "Contribution de l'INDH", "", 6_000),
    (R, INV, "20", "10", "12", "مساهمة الجهة", "Contribution de la région", "", 8_000),
    (E, INV, "10", "10", "11", "تهيئة الطرق والأرصفة بالأحياء", "Aménagement des rues et trottoirs des quartiers",
     "20", 18_000),
    (E, INV, "10", "10", "12", "توسيع شبكة الإنارة العمومية", "Extension de l'éclairage public", "20", 6_500),
    (E, INV, "10", "20", "11", "تأهيل شبكة التطهير السائل", "Réhabilitation du réseau d'assainissement", "40", 9_000),
    (E, INV, "20", "10", "11", "بناء ملاعب القرب", "Construction de terrains de proximité", "50", 4_500),
    (E, INV, "20", "10", "12", "تجهيز دار الشباب", "Équipement de la maison de jeunes", "50", 1_500),
    (E, INV, "20", "20", "11", "تهيئة الحدائق والمساحات الخضراء", "Aménagement de jardins et d'espaces verts", "80",
     3_500),
    (E, INV, "30", "10", "11", "تأهيل السوق الجماعي المركزي", "Réhabilitation du marché central", "60", 7_000),
    (E, INV, "40", "10", "11", "سداد أصل القروض", "Remboursement du capital des emprunts", "70", 5_000),
    (E, INV, "50", "10", "11", "اقتناء شاحنات لجمع النفايات", "Achat de camions de collecte des déchets", "30", 3_000),
]

#: Demo execution rates of the administrative account 2025, by (direction, section).
EXECUTION = {(R, OP): Decimal("0.94"), (E, OP): Decimal("0.96"), (R, INV): Decimal("0.82"), (E, INV): Decimal("0.61")}
GROWTH_2026 = Decimal("1.04")
#: The demo's investment lines that pay for a project of the demo action programme (its number).
DEMO_PROJECTS = {("20", "10", "11"): "3", ("10", "10", "12"): "6", ("20", "20", "11"): "5"}


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _parent(home_ar: Page) -> Page:
    return home_ar.get_children().filter(slug="participate").first() or home_ar


def sectors_ensure(*, budget: BudgetPage) -> None:
    """The default functional sectors, explained (kept as the communicator rewrote them)."""
    for code, name_ar, name_fr, explanation_ar, explanation_fr in SECTORS:
        Sector.objects.get_or_create(
            budget=budget, code=code,
            defaults={"name_ar": name_ar, "name_fr": name_fr, "explanation_ar": explanation_ar,
                      "explanation_fr": explanation_fr},
        )


@transaction.atomic
def budget_setup(*, site: Site, home_ar: Page, home_fr: Page, demo: bool, demo_users: dict) -> None:
    parent = _parent(home_ar)
    budget = in_source_language(BudgetPage.objects.child_of(parent)).filter(slug=SLUG).first()
    if budget is None:
        budget, _fr = add_translated_child(
            parent,
            page_class=BudgetPage,
            ar={
                "title": "ميزانية المواطن",
                "slug": SLUG,
                "intro": _p(
                    "من أين تأتي أموال الجماعة وأين تصرف؟ نشرح لكم هنا ميزانية الجماعة بكلمات بسيطة، سنة بعد سنة: "
                    "ما صوت عليه المجلس، وما صرف فعلا، وكم يعود على كل ساكن. ولكم أن تسألوا عن أي سطر منها."
                ),
            },
            fr={
                "title": "Budget citoyen",
                "slug": SLUG,
                "intro": _p(
                    "D'où vient l'argent de la commune et où va-t-il ? Le budget de la commune expliqué simplement, "
                    "année après année : ce que le conseil a voté, ce qui a été dépensé, ce que cela représente par "
                    "habitant. Vous pouvez poser une question sur chacune de ses lignes."
                ),
            },
        )
    sectors_ensure(budget=budget)
    if demo and not budget.years.exists():
        _demo(budget=budget, site=site)


def _thousands(value: int | Decimal) -> Decimal:
    return (Decimal(value) * 1000).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def _balanced(factor: Decimal) -> list[tuple]:
    """The demo lines scaled by ``factor``: the operating surplus carried to the investment part,
    the investment expenses scaled to the investment revenue, so both parts balance."""
    rows = [(*row[:8], _thousands(row[8] * factor)) for row in LINES]
    surplus = sum(r[8] for r in rows if r[:2] == (R, OP)) - sum(r[8] for r in rows if r[:2] == (E, OP))
    rows = [(*r[:8], surplus) if r[:5] == (R, INV, "10", "10", "11") else r for r in rows]
    revenue = sum(r[8] for r in rows if r[:2] == (R, INV))
    expense = sum(r[8] for r in rows if r[:2] == (E, INV))
    scaled = [(*r[:8], (r[8] * revenue / expense).quantize(Decimal("1"))) if r[:2] == (E, INV) else r for r in rows]
    gap = revenue - sum(r[8] for r in scaled if r[:2] == (E, INV))
    first = next(i for i, r in enumerate(scaled) if r[:2] == (E, INV))
    scaled[first] = (*scaled[first][:8], scaled[first][8] + gap)
    return scaled


def _demo_projects(site: Site) -> dict[tuple[str, str, str], object]:
    """The programme projects (their threads) the demo's investment lines pay for, when the commune
    tracks its action programme (``core.conversion.tracked_items``)."""
    items = tracked_items(site)
    found = {}
    for code, reference in DEMO_PROJECTS.items():
        try:
            item = tracked_item(site, reference, items=items)
        except AmbiguousReference:
            item = None
        if item is not None:
            found[code] = item.contribution
    return found


def _demo_year(*, budget: BudgetPage, year: int, factor: Decimal, approved_on: dt.date, published: dt.datetime,
               account_published: dt.datetime | None, projects: dict) -> BudgetYear:
    chapters = {(c.direction, c.section, c.code): c for c in budget.chapters.all()}
    sectors = {s.code: s for s in budget.sectors.all()}
    budget_year = BudgetYear.objects.create(
        budget=budget, year=year, approved_on=approved_on, budget_published_at=published,
        account_published_at=account_published, imported_at=published,
    )
    lines = []
    for direction, section, chapter, article, paragraph, label_ar, label_fr, sector, voted in _balanced(factor):
        executed = None
        if account_published is not None:
            executed = (voted * EXECUTION[(direction, section)]).quantize(Decimal("0.01"))
        lines.append(BudgetLine(
            budget_year=budget_year, direction=direction, section=section,
            chapter=chapters[(direction, section, chapter)], article=article, paragraph=paragraph,
            label_ar=label_ar, label_fr=label_fr, sector=sectors.get(sector), voted=voted, executed=executed,
            tracked_project=projects.get((chapter, article, paragraph)) if (direction, section) == (E, INV) else None,
        ))
    BudgetLine.objects.bulk_create(lines)
    return budget_year


def _demo(*, budget: BudgetPage, site: Site) -> None:
    for direction, section, code, name_ar, name_fr, explanation_ar, explanation_fr in CHAPTERS:
        Chapter.objects.get_or_create(
            budget=budget, direction=direction, section=section, code=code,
            defaults={"name_ar": name_ar, "name_fr": name_fr, "explanation_ar": explanation_ar,
                      "explanation_fr": explanation_fr},
        )
    tz = timezone.get_current_timezone()
    projects = _demo_projects(site)
    _demo_year(
        budget=budget, year=2025, factor=Decimal("1"), approved_on=dt.date(2025, 1, 20),
        published=dt.datetime(2025, 2, 5, 10, tzinfo=tz), account_published=dt.datetime(2026, 4, 10, 10, tzinfo=tz),
        projects=projects,
    )
    _demo_year(
        budget=budget, year=2026, factor=GROWTH_2026, approved_on=dt.date(2026, 1, 15),
        published=dt.datetime(2026, 2, 20, 10, tzinfo=tz), account_published=None, projects=projects,
    )


def role_permissions() -> dict:
    """The communicator keeps the citizen budget: its years, their lines and the explanations."""
    models = ("budgetyear", "budgetline", "chapter", "sector")
    return {
        Role.COMMUNICATOR: [
            f"budget.{action}_{model}" for model in models for action in ("add", "change", "delete", "view")
        ],
    }
