"""The seven principles of the Citizen-Commune Label (seed 002, "principles and reference bases"),
with their legal references, as a new commune's editable defaults (``principles_ensure``).

Organic law 113.14 on the communes is "OL 113.14" (ق.ت 113.14), the 2011 Constitution "Const."."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class PrincipleDefault:
    code: str
    name_ar: str
    name_fr: str
    description_ar: str
    description_fr: str
    legal_references_ar: str
    legal_references_fr: str


PRINCIPLES: tuple[PrincipleDefault, ...] = (
    PrincipleDefault(
        "participation", "المشاركة", "Participation",
        "إشراك المواطنات والمواطنين وجمعيات المجتمع المدني في إعداد برامج الجماعة وتتبعها وتقييمها.",
        "Associer les citoyennes, les citoyens et les associations à la préparation, au suivi et à "
        "l'évaluation des programmes de la commune.",
        "تحدث مجالس الجماعات آليات تشاركية للحوار والتشاور لتيسير مساهمة المواطنات والمواطنين والجمعيات في "
        "إعداد برامج العمل وتتبعها (ق.ت 113.14، المادة 119)\n"
        "تحدث لدى مجلس الجماعة هيئة استشارية بشراكة مع فعاليات المجتمع المدني تختص بدراسة القضايا المتعلقة "
        "بتفعيل مبادئ المساواة وتكافؤ الفرص ومقاربة النوع (ق.ت 113.14، المادة 120)\n"
        "العرائض التي يقدمها المواطنات والمواطنون والجمعيات (ق.ت 113.14، المواد 38 و121 إلى 125)",
        "Les conseils des communes mettent en place des mécanismes participatifs de dialogue et de "
        "concertation pour faciliter la participation des citoyennes, des citoyens et des associations à "
        "l'élaboration et au suivi des programmes d'action (LO 113.14, art. 119)\n"
        "Une instance consultative, en partenariat avec la société civile, chargée des questions d'égalité, "
        "d'équité et d'approche genre, est créée auprès du conseil (LO 113.14, art. 120)\n"
        "Les pétitions des citoyennes, des citoyens et des associations (LO 113.14, art. 38 et 121 à 125)",
    ),
    PrincipleDefault(
        "equality", "المساواة والإنصاف", "Égalité et équité",
        "ولوج متساو للنساء والرجال إلى المرافق العمومية والقرار المحلي، وإدماج مقاربة النوع في المشاريع.",
        "Un accès égal des femmes et des hommes aux services publics et aux décisions locales, et l'approche "
        "genre dans les projets.",
        "يتمتع الرجل والمرأة على قدم المساواة بالحقوق والحريات المدنية والسياسية والاقتصادية والاجتماعية "
        "والثقافية والبيئية (الدستور، الفصل 19)\n"
        "المساواة بين المواطنات والمواطنين في ولوج المرافق العمومية التابعة للجماعة (ق.ت 113.14، المادة 269)\n"
        "تخصص رئاسة إحدى اللجان الدائمة للمعارضة (ق.ت 113.14، المادة 27)\n"
        "يؤخذ بعين الاعتبار معيار النوع في تحديد الأهداف والمؤشرات ذات الصلة بالمشاريع (ق.ت 113.14، المادة 158)",
        "L'homme et la femme jouissent, à égalité, des droits et libertés à caractère civil, politique, "
        "économique, social, culturel et environnemental (Constitution, art. 19)\n"
        "L'égal accès des citoyennes et des citoyens aux services publics de la commune (LO 113.14, art. 269)\n"
        "La présidence d'une commission permanente revient à l'opposition (LO 113.14, art. 27)\n"
        "Le critère du genre est pris en compte dans les objectifs et les indicateurs des projets "
        "(LO 113.14, art. 158)",
    ),
    PrincipleDefault(
        "cooperation", "التعاون والتضامن", "Coopération et solidarité",
        "العمل المشترك مع الجماعات الأخرى والجماعات الترابية والشركاء لإنجاز المشاريع.",
        "Travailler avec les autres communes, les collectivités territoriales et les partenaires pour "
        "réaliser des projets communs.",
        "يرتكز التنظيم الجماعي على مبادئ التضامن والتعاون بين الجماعات وبينها وبين الجماعات الترابية الأخرى "
        "(ق.ت 113.14، المادة 3)\n"
        "يفصل مجلس الجماعة بمداولاته في التعاون والشراكة (ق.ت 113.14، المادة 92)\n"
        "مؤسسات التعاون بين الجماعات (ق.ت 113.14، المواد 133 إلى 140)\n"
        "مجموعات الجماعات الترابية لإنجاز عمل مشترك (ق.ت 113.14، المادة 141)",
        "L'organisation communale repose sur la solidarité et la coopération entre communes et avec les "
        "autres collectivités territoriales (LO 113.14, art. 3)\n"
        "Le conseil délibère sur la coopération et le partenariat (LO 113.14, art. 92)\n"
        "Les établissements de coopération intercommunale (LO 113.14, art. 133 à 140)\n"
        "Les groupements de collectivités territoriales pour une action commune (LO 113.14, art. 141)",
    ),
    PrincipleDefault(
        "efficiency", "الفعالية والنجاعة", "Efficacité et efficience",
        "تدبير فعال للمرافق والأموال العمومية، يخضع للتقييم والمراقبة وتقديم الحصيلة.",
        "Une gestion efficace des services et de l'argent public, soumise à l'évaluation, au contrôle et à "
        "la reddition des comptes.",
        "تتلقى المرافق العمومية ملاحظات مرتفقيها واقتراحاتهم وتظلماتهم وتؤمن تتبعها، وتقدم الحساب عن تدبيرها "
        "للأموال العمومية (الدستور، الفصل 156)\n"
        "مبادئ التشارك والفعالية والنزاهة (ق.ت 113.14، المادة 269)\n"
        "يتخذ رئيس المجلس الإجراءات الضرورية لاعتماد الأساليب الفعالة لتدبير الجماعة (ق.ت 113.14، المادة 271)\n"
        "اعتماد التقييم لأدائها والمراقبة الداخلية والافتحاص وتقديم حصيلة تدبيرها (ق.ت 113.14، المادة 272)",
        "Les services publics recueillent les observations, propositions et doléances des usagers et en "
        "assurent le suivi ; ils rendent compte de la gestion des deniers publics (Constitution, art. 156)\n"
        "Participation, efficacité et intégrité (LO 113.14, art. 269)\n"
        "Le président prend les mesures nécessaires à une gestion efficace de la commune (LO 113.14, art. 271)\n"
        "Évaluation des performances, contrôle interne, audit et bilan de gestion (LO 113.14, art. 272)",
    ),
    PrincipleDefault(
        "transparency", "الشفافية وربط المسؤولية بالمحاسبة", "Transparence et reddition des comptes",
        "دورات علنية، ونشر المقررات والتقارير والصفقات، والحق في الحصول على المعلومات.",
        "Des sessions publiques, des décisions, des rapports et des marchés publiés, le droit d'accès à "
        "l'information.",
        "تكريس قيم الديمقراطية والشفافية والمسؤولية والمحاسبة (ق.ت 113.14، المادة 269)\n"
        "تكون جلسات مجلس الجماعة مفتوحة للعموم ويعلق جدول أعمال الدورة وتواريخ انعقادها بمقر الجماعة "
        "(ق.ت 113.14، المادة 48)\n"
        "يقدم الرئيس عند بداية كل دورة عادية تقريرا إخباريا للمجلس حول الأعمال التي قام بها (ق.ت 113.14، المادة 106)\n"
        "تبرم صفقات الجماعة في إطار احترام مبادئ الشفافية (ق.ت 113.14، المادة 210)\n"
        "تعلق مقررات المجلس داخل أجل ثمانية أيام (ق.ت 113.14، المادة 273)\n"
        "الحق في الحصول على المعلومات (القانون 31.13)",
        "Démocratie, transparence, responsabilité et reddition des comptes (LO 113.14, art. 269)\n"
        "Les séances du conseil sont publiques ; l'ordre du jour et les dates de la session sont affichés au "
        "siège de la commune (LO 113.14, art. 48)\n"
        "Le président présente au début de chaque session ordinaire un rapport d'information sur son action "
        "(LO 113.14, art. 106)\n"
        "Les marchés de la commune respectent la transparence (LO 113.14, art. 210)\n"
        "Les décisions du conseil sont affichées dans les huit jours (LO 113.14, art. 273)\n"
        "Le droit d'accès à l'information (loi 31.13)",
    ),
    PrincipleDefault(
        "sustainability", "الاستدامة", "Durabilité",
        "خدمات القرب التي تحمي البيئة والموارد الطبيعية، في أفق أهداف التنمية المستدامة.",
        "Des services de proximité qui protègent l'environnement et les ressources naturelles, dans "
        "l'esprit des objectifs de développement durable.",
        "الحق في الحصول على الماء والعيش في بيئة سليمة والتنمية المستدامة (الدستور، الفصل 31)\n"
        "القواعد المتعلقة بتدبير البيئة وحماية الموارد الطبيعية والتنمية المستدامة (الدستور، الفصل 71)\n"
        "خدمات القرب: التطهير السائل والصلب ومحطات معالجة المياه العادمة، تنظيف الطرقات والساحات العمومية، "
        "إحداث وصيانة المنتزهات الطبيعية (ق.ت 113.14، المادة 83)\n"
        "أهداف التنمية المستدامة السبعة عشر",
        "Le droit à l'eau, à un environnement sain et au développement durable (Constitution, art. 31)\n"
        "La gestion de l'environnement, la protection des ressources naturelles et le développement durable "
        "(Constitution, art. 71)\n"
        "Les services de proximité : assainissement liquide et solide, stations de traitement des eaux usées, "
        "nettoiement des voies et places publiques, parcs naturels (LO 113.14, art. 83)\n"
        "Les 17 objectifs de développement durable",
    ),
    PrincipleDefault(
        "innovation", "الابتكار", "Innovation",
        "دخول الجماعة إلى العالم الرقمي وتبني المبادرات الجيدة التي تقوي دورها الترابي.",
        "L'entrée de la commune dans le numérique et l'adoption des bonnes initiatives qui renforcent son "
        "rôle territorial.",
        "ضمان دخول الجماعة إلى العالم الرقمي وتبني المبادرات الجيدة الرامية إلى تعزيز دورها الترابي، بتوفير "
        "حلول فورية ومناسبة وفعالة للتحولات العميقة في عصر التكنولوجيا الرقمية والعولمة",
        "L'entrée de la commune dans le numérique et l'adoption des bonnes initiatives qui renforcent son rôle "
        "territorial, par des solutions rapides, adaptées et efficaces aux transformations de l'ère numérique",
    ),
)


@transaction.atomic
def principles_ensure(*, site) -> list:
    """The commune's seven principles, created with the defaults where missing (an existing
    principle, maybe edited, is kept as it is). Returns them in order."""
    from .models import Principle

    existing = {p.code: p for p in Principle.objects.filter(site=site)}
    for number, default in enumerate(PRINCIPLES, start=1):
        if default.code not in existing:
            existing[default.code] = Principle.objects.create(
                site=site, code=default.code, number=number, name_ar=default.name_ar, name_fr=default.name_fr,
                description_ar=default.description_ar, description_fr=default.description_fr,
                legal_references_ar=default.legal_references_ar, legal_references_fr=default.legal_references_fr,
            )
    return sorted(existing.values(), key=lambda p: p.number)
