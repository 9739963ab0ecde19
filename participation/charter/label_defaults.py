"""The default self-assessment questionnaire of the Citizen-Commune Label (seed 002, "استمارة
التقييم الذاتي"), in Arabic and French: a new commune's editable copy (``questionnaire_ensure``).

The seed's form is a partly unreadable scan: the questions below keep its sections and its
questions where they can be read (section 3's "did the council prepare the PAC", "a mechanism to
track it", "a body to track it", "periodic reports discussed in council sessions") and complete
them, in the same spirit, with the legal references of the seven principles (organic law 113.14
on the communes, "OL 113.14" / ق.ت 113.14; law 31.13 on access to information). Each question
scores one principle (``principles.PRINCIPLES`` codes; every principle is scored) and names the
sources of verification the technical team asks to see, one per line."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

TITLE_AR = "استمارة التقييم الذاتي لميزة الجماعة المواطنة"
TITLE_FR = "Questionnaire d'autoévaluation du Label Commune citoyenne"
INTRODUCTION_AR = (
    "يهدف التقييم الذاتي إلى الوقوف عند جوانب الأداء الجيد للجماعة وتحديد مكامن الضعف أو النقص، قصد اتخاذ تدابير "
    "ملموسة لتحسين الحكامة الجيدة. يملأ العنصر المحوري الاستمارة مع زملائه، ويرفق بكل جواب مصادر التحقق، ثم "
    "يصادق عليها رئيس الجماعة أو من ينوب عنه، ويتحقق منها الفريق التقني خلال زيارة ميدانية."
)
INTRODUCTION_FR = (
    "L'autoévaluation relève ce que la commune fait bien et ce qui lui manque, pour prendre des mesures concrètes "
    "de bonne gouvernance. Le point focal remplit le questionnaire avec ses collègues et joint à chaque réponse ses "
    "sources de vérification ; le président (ou son délégué) le valide, puis l'équipe technique le vérifie lors "
    "d'une visite sur place."
)


@dataclass(frozen=True)
class QuestionDefault:
    code: str
    principle: str
    text_ar: str
    text_fr: str
    choices: tuple[tuple[str, str, int], ...]  # (Arabic, French, points)
    sources_ar: tuple[str, ...]
    sources_fr: tuple[str, ...]


@dataclass(frozen=True)
class SectionDefault:
    number: int
    title_ar: str
    title_fr: str
    questions: tuple[QuestionDefault, ...]


Q = QuestionDefault

SECTIONS: tuple[SectionDefault, ...] = (
    SectionDefault(1, "الهيئات المنتخبة وأجهزة الحكامة", "Organes élus et gouvernance", (
        Q("1.1", "equality", "ما نسبة النساء بين أعضاء المجلس الجماعي؟",
          "Quelle est la part des femmes parmi les membres du conseil ?",
          (("أقل من 20%", "Moins de 20 %", 0), ("من 20% إلى أقل من 30%", "De 20 % à moins de 30 %", 1),
           ("من 30% إلى أقل من 40%", "De 30 % à moins de 40 %", 2), ("40% أو أكثر", "40 % ou plus", 3)),
          ("لائحة أعضاء المجلس المنتخبين", "محضر انتخاب المكتب"),
          ("La liste des membres élus du conseil", "Le procès-verbal de l'élection du bureau")),
        Q("1.2", "equality", "ما أعلى منصب تشغله امرأة في مكتب المجلس؟",
          "Quelle est la plus haute fonction qu'occupe une femme au bureau du conseil ?",
          (("لا توجد أي امرأة في المكتب", "Aucune femme au bureau", 0),
           ("كاتبة المجلس أو نائبتها", "Secrétaire du conseil ou son adjointe", 1),
           ("نائبة للرئيس", "Vice-présidente", 2), ("رئيسة المجلس", "Présidente du conseil", 3)),
          ("محضر انتخاب المكتب", "قرار تفويض الاختصاصات"),
          ("Le procès-verbal de l'élection du bureau", "Les arrêtés de délégation")),
        Q("1.3", "equality", "هل تترأس المعارضة إحدى اللجان الدائمة (ق.ت 113.14، المادة 27)؟",
          "L'opposition préside-t-elle une commission permanente (LO 113.14, art. 27) ?",
          (("لا", "Non", 0), ("نعم، دون أن يحدد النظام الداخلي كيفيات ذلك", "Oui, sans modalités fixées par le "
                                                                           "règlement intérieur", 1),
           ("نعم، وفق كيفيات يحددها النظام الداخلي", "Oui, selon les modalités du règlement intérieur", 2)),
          ("محضر انتخاب رؤساء اللجان الدائمة", "النظام الداخلي للمجلس"),
          ("Le procès-verbal de l'élection des présidents des commissions", "Le règlement intérieur du conseil")),
        Q("1.4", "efficiency", "هل صادق المجلس على نظامه الداخلي؟",
          "Le conseil a-t-il adopté son règlement intérieur ?",
          (("لم تتم المصادقة عليه", "Non adopté", 0), ("تمت المصادقة عليه", "Adopté", 1),
           ("تمت المصادقة عليه ونشره للعموم", "Adopté et publié", 2)),
          ("مقرر المصادقة على النظام الداخلي", "النظام الداخلي المنشور"),
          ("La délibération adoptant le règlement intérieur", "Le règlement intérieur publié")),
        Q("1.5", "transparency",
          "هل جلسات المجلس مفتوحة للعموم، ويعلق جدول أعمال الدورة وتواريخ انعقادها بمقر الجماعة (ق.ت 113.14، المادة 48)؟",
          "Les séances du conseil sont-elles publiques, l'ordre du jour et les dates de la session affichés au siège "
          "(LO 113.14, art. 48) ?",
          (("لا يعلق جدول الأعمال", "L'ordre du jour n'est pas affiché", 0),
           ("يعلق جدول الأعمال بمقر الجماعة", "L'ordre du jour est affiché au siège", 1),
           ("يعلق بمقر الجماعة وينشر على موقعها ويحضر العموم الجلسات", "Affiché au siège, publié sur le site, "
                                                                     "séances ouvertes au public", 2)),
          ("جداول أعمال الدورات وإعلانات انعقادها", "صور الإعلانات المعلقة", "صفحات الموقع الإلكتروني"),
          ("Les ordres du jour et avis de session", "Les photos des affichages", "Les pages du site internet")),
        Q("1.6", "transparency",
          "هل يقدم الرئيس عند بداية كل دورة عادية تقريرا إخباريا حول الأعمال التي قام بها (ق.ت 113.14، المادة 106)؟",
          "Le président présente-t-il au début de chaque session ordinaire un rapport d'information sur son action "
          "(LO 113.14, art. 106) ?",
          (("لا", "Non", 0), ("في بعض الدورات", "À certaines sessions", 1),
           ("في كل دورة عادية", "À chaque session ordinaire", 2),
           ("في كل دورة عادية، وينشر التقرير للعموم", "À chaque session ordinaire, et le rapport est publié", 3)),
          ("محاضر الدورات العادية", "التقارير الإخبارية للرئيس"),
          ("Les procès-verbaux des sessions ordinaires", "Les rapports d'information du président")),
    )),
    SectionDefault(2, "الإدارة الجماعية", "Administration communale", (
        Q("2.1", "efficiency", "هل تتوفر الجماعة على هيكل تنظيمي مصادق عليه ومحين؟",
          "La commune a-t-elle un organigramme approuvé et à jour ?",
          (("لا يوجد هيكل تنظيمي", "Pas d'organigramme", 0), ("يوجد هيكل تنظيمي غير محين", "Un organigramme "
                                                                                      "non à jour", 1),
           ("هيكل تنظيمي مصادق عليه ومحين ومعلق", "Un organigramme approuvé, à jour et affiché", 2)),
          ("الهيكل التنظيمي وقرار المصادقة عليه", "بطاقات وصف المهام"),
          ("L'organigramme et son approbation", "Les fiches de poste")),
        Q("2.2", "efficiency", "هل تستفيد الموارد البشرية للجماعة من التكوين المستمر؟",
          "Le personnel de la commune bénéficie-t-il de formation continue ?",
          (("لا يوجد أي تكوين", "Aucune formation", 0), ("تكوينات متفرقة", "Des formations ponctuelles", 1),
           ("مخطط سنوي للتكوين منجز ومقيم", "Un plan annuel de formation réalisé et évalué", 2)),
          ("مخطط التكوين", "لوائح الحضور وشواهد التكوين"),
          ("Le plan de formation", "Les listes de présence et attestations")),
        Q("2.3", "efficiency", "هل اعتمدت الجماعة المراقبة الداخلية والافتحاص (ق.ت 113.14، المادة 272)؟",
          "La commune pratique-t-elle le contrôle interne et l'audit (LO 113.14, art. 272) ?",
          (("لا", "Non", 0), ("توجد مساطر للمراقبة الداخلية", "Des procédures de contrôle interne existent", 1),
           ("افتحاص داخلي منتظم وتتبع توصياته", "Un audit interne régulier et le suivi de ses recommandations", 2)),
          ("دليل المساطر", "تقارير الافتحاص وتتبع التوصيات"),
          ("Le manuel de procédures", "Les rapports d'audit et le suivi des recommandations")),
    )),
    SectionDefault(3, "الخدمات العمومية والعلاقات مع المواطنين والمواطنات ومع المجتمع المدني",
                   "Services publics et relations avec les citoyens et la société civile", (
        Q("3.1", "participation", "هل قام المجلس بإعداد برنامج عمل الجماعة؟",
          "Le conseil a-t-il préparé le programme d'action de la commune (PAC) ?",
          (("لم يتم إعداده أو في طور الإعداد", "Pas préparé, ou en préparation", 0),
           ("تم إعداده والمصادقة عليه من طرف المجلس", "Préparé et adopté par le conseil", 1),
           ("في مرحلة التنفيذ، بعد تحيينه من طرف المجلس", "En cours d'exécution, après sa mise à jour par le "
                                                          "conseil", 2)),
          ("برنامج عمل الجماعة", "مقرر المصادقة عليه", "محاضر اللقاءات التشاورية لإعداده"),
          ("Le programme d'action de la commune", "La délibération l'adoptant",
           "Les comptes rendus des concertations de sa préparation")),
        Q("3.2", "efficiency", "هل وضعت الجماعة آلية خاصة لتتبع تنفيذ برنامج عمل الجماعة؟",
          "La commune a-t-elle mis en place un mécanisme de suivi de l'exécution du PAC ?",
          (("لا", "Non", 0), ("جدول لتتبع إنجاز المشاريع", "Un tableau de suivi des projets", 1),
           ("لوحة قيادة بمؤشرات محينة", "Un tableau de bord avec des indicateurs à jour", 2)),
          ("جدول أو لوحة تتبع برنامج العمل", "مؤشرات التتبع"),
          ("Le tableau ou le tableau de bord de suivi du PAC", "Les indicateurs de suivi")),
        Q("3.3", "efficiency", "هل تم إحداث هيئة خاصة بتتبع تنفيذ برنامج عمل الجماعة؟",
          "Un organe est-il chargé du suivi de l'exécution du PAC ?",
          (("لم يتم إحداث أي هيئة", "Aucun organe", 0),
           ("موظف عينه الرئيس لتتبع برنامج العمل", "Un agent désigné par le président", 1),
           ("فريق من الموظفين من مصالح مختلفة", "Une équipe d'agents de plusieurs services", 2),
           ("وحدة خاصة بتتبع برنامج عمل الجماعة", "Une unité dédiée au suivi du PAC", 3)),
          ("قرار التعيين أو الإحداث", "محاضر اجتماعات الهيئة"),
          ("L'arrêté de désignation ou de création", "Les comptes rendus de ses réunions")),
        Q("3.4", "transparency",
          "هل هناك تقارير دورية حول تتبع إنجاز برنامج عمل الجماعة، وهل تمت مناقشتها خلال دورات المجلس؟",
          "Des rapports périodiques de suivi du PAC existent-ils, et sont-ils discutés en session du conseil ?",
          (("ليست هناك تقارير بهذا الخصوص", "Aucun rapport", 0), ("هناك تقارير دورية", "Des rapports "
                                                                                      "périodiques", 1),
           ("هناك تقارير دورية تناقش في دورات المجلس", "Des rapports périodiques discutés en session", 2)),
          ("تقارير التتبع", "محاضر الدورات التي نوقشت فيها"),
          ("Les rapports de suivi", "Les procès-verbaux des sessions où ils ont été discutés")),
        Q("3.5", "participation",
          "هل أحدثت هيئة المساواة وتكافؤ الفرص ومقاربة النوع، وهل يستشيرها المجلس (ق.ت 113.14، المادة 120)؟",
          "L'instance de l'équité, de l'égalité des chances et de l'approche genre (IEECAG) est-elle créée et "
          "consultée (LO 113.14, art. 120) ?",
          (("لم تحدث", "Pas créée", 0), ("أحدثت ولا تجتمع", "Créée mais ne se réunit pas", 1),
           ("أحدثت وتجتمع بانتظام ويستشيرها المجلس", "Créée, se réunit régulièrement et est consultée", 2),
           ("تؤخذ آراؤها بعين الاعتبار في مقررات المجلس", "Ses avis sont pris en compte dans les délibérations", 3)),
          ("مقرر إحداث الهيئة وتركيبتها", "محاضر اجتماعاتها وآراؤها", "مقررات المجلس التي تشير إليها"),
          ("La délibération créant l'instance et sa composition", "Ses procès-verbaux et avis",
           "Les délibérations qui s'y réfèrent")),
        Q("3.6", "participation",
          "هل تتلقى الجماعة العرائض وتعالجها وفق الشروط القانونية (ق.ت 113.14، المواد 121 إلى 125)؟",
          "La commune reçoit-elle et traite-t-elle les pétitions selon la loi (LO 113.14, art. 121 à 125) ?",
          (("لا توجد مسطرة", "Pas de procédure", 0), ("المسطرة محددة ويتم تلقي العرائض", "Procédure fixée, "
                                                                                       "pétitions reçues", 1),
           ("تعالج العرائض وتدرج المقبولة منها في دورة عادية ويجاب أصحابها", "Pétitions traitées, les recevables "
            "inscrites en session ordinaire, leurs auteurs informés", 2)),
          ("سجل العرائض", "مقررات قبول العرائض أو رفضها", "محاضر الدورات"),
          ("Le registre des pétitions", "Les décisions de recevabilité", "Les procès-verbaux des sessions")),
        Q("3.7", "transparency", "كيف تطبق الجماعة الحق في الحصول على المعلومات (القانون 31.13)؟",
          "Comment la commune applique-t-elle le droit d'accès à l'information (loi 31.13) ?",
          (("لم يعين أي شخص مكلف", "Aucune personne chargée désignée", 0),
           ("عين الشخص المكلف", "La personne chargée est désignée", 1),
           ("تسجل الطلبات ويجاب عنها داخل الآجال", "Les demandes sont enregistrées et traitées dans les délais", 2),
           ("إضافة إلى ذلك، تنشر الجماعة المعلومات استباقيا", "De plus, la commune publie l'information de façon "
                                                           "proactive", 3)),
          ("قرار تعيين الشخص المكلف", "سجل طلبات الحصول على المعلومات", "المعلومات المنشورة استباقيا"),
          ("La désignation de la personne chargée", "Le registre des demandes", "L'information publiée d'office")),
        Q("3.8", "cooperation", "هل أبرمت الجماعة اتفاقيات شراكة وتعاون مع جمعيات أو جماعات ترابية أخرى (ق.ت 113.14، المواد 92 و133 إلى 141)؟",
          "La commune a-t-elle conclu des partenariats avec des associations ou d'autres collectivités "
          "(LO 113.14, art. 92 et 133 à 141) ?",
          (("لا", "Non", 0), ("اتفاقيات موقعة", "Des conventions signées", 1),
           ("اتفاقيات منفذة ومشاريع مشتركة منجزة", "Des conventions exécutées et des projets communs réalisés", 2)),
          ("اتفاقيات الشراكة ومقررات المصادقة عليها", "تقارير تنفيذها"),
          ("Les conventions et les délibérations les approuvant", "Les rapports d'exécution")),
    )),
    SectionDefault(4, "المالية", "Finances", (
        Q("4.1", "transparency", "هل تنشر الجماعة ميزانيتها وحسابها الإداري؟",
          "La commune publie-t-elle son budget et son compte administratif ?",
          (("لا", "Non", 0), ("تعلق بمقر الجماعة", "Affichés au siège", 1),
           ("تنشر على الموقع مع ميزانية مبسطة للمواطن", "Publiés sur le site avec un budget citoyen", 2)),
          ("الميزانية والحساب الإداري المنشوران", "ميزانية المواطن"),
          ("Le budget et le compte administratif publiés", "Le budget citoyen")),
        Q("4.2", "transparency", "هل تبرم صفقات الجماعة في إطار الشفافية (ق.ت 113.14، المادة 210)؟",
          "Les marchés de la commune sont-ils passés en toute transparence (LO 113.14, art. 210) ?",
          (("طلبات العروض غير منشورة", "Les appels d'offres ne sont pas publiés", 0),
           ("تنشر طلبات العروض في بوابة الصفقات العمومية", "Les appels d'offres sont publiés sur le portail des "
                                                           "marchés publics", 1),
           ("تنشر طلبات العروض ونتائجها والبرنامج التوقعي", "Appels d'offres, résultats et programme prévisionnel "
                                                           "publiés", 2)),
          ("البرنامج التوقعي للصفقات", "إعلانات طلبات العروض ومحاضر فتح الأظرفة"),
          ("Le programme prévisionnel des marchés", "Les avis d'appel d'offres et procès-verbaux d'ouverture des plis")),
        Q("4.3", "efficiency", "ما نسبة تحصيل المداخيل الذاتية للجماعة؟",
          "Quel est le taux de recouvrement des recettes propres de la commune ?",
          (("أقل من 50%", "Moins de 50 %", 0), ("من 50% إلى أقل من 70%", "De 50 % à moins de 70 %", 1),
           ("من 70% إلى أقل من 90%", "De 70 % à moins de 90 %", 2), ("90% أو أكثر", "90 % ou plus", 3)),
          ("الحساب الإداري", "وضعية الباقي استخلاصه"),
          ("Le compte administratif", "L'état des restes à recouvrer")),
        Q("4.4", "equality",
          "هل يؤخذ معيار النوع بعين الاعتبار في أهداف المشاريع ومؤشراتها (ق.ت 113.14، المادة 158)؟",
          "Le critère du genre est-il pris en compte dans les objectifs et indicateurs des projets "
          "(LO 113.14, art. 158) ?",
          (("لا", "Non", 0), ("في بعض المشاريع", "Dans certains projets", 1),
           ("في كل المشاريع، بمؤشرات مصنفة حسب الجنس", "Dans tous, avec des indicateurs ventilés par sexe", 2)),
          ("بطاقات المشاريع ومؤشراتها", "تقارير التتبع"),
          ("Les fiches projets et leurs indicateurs", "Les rapports de suivi")),
    )),
    SectionDefault(5, "الاستدامة والابتكار", "Durabilité et innovation", (
        Q("5.1", "sustainability", "هل تتوفر الجماعة على مخطط لتدبير النفايات وحماية البيئة (ق.ت 113.14، المادة 83)؟",
          "La commune a-t-elle un plan de gestion des déchets et de protection de l'environnement "
          "(LO 113.14, art. 83) ?",
          (("لا", "Non", 0), ("جمع النفايات فقط", "La collecte seulement", 1),
           ("مخطط يشمل الفرز والتثمين والمساحات الخضراء", "Un plan avec tri, valorisation et espaces verts", 2)),
          ("المخطط الجماعي لتدبير النفايات", "اتفاقية التدبير المفوض وتقارير تتبعها"),
          ("Le plan communal de gestion des déchets", "Le contrat de gestion déléguée et ses rapports de suivi")),
        Q("5.2", "sustainability", "هل تعتمد الجماعة النجاعة الطاقية في الإنارة العمومية والبنايات الجماعية؟",
          "La commune pratique-t-elle l'efficacité énergétique dans l'éclairage public et ses bâtiments ?",
          (("لا", "Non", 0), ("في بعض الأحياء أو البنايات", "Dans certains quartiers ou bâtiments", 1),
           ("برنامج شامل بنتائج مقيسة", "Un programme d'ensemble aux résultats mesurés", 2)),
          ("فواتير الكهرباء", "صفقات الإنارة الاقتصادية"),
          ("Les factures d'électricité", "Les marchés d'éclairage économe")),
        Q("5.3", "innovation", "هل تقدم الجماعة خدمات رقمية للمواطنات والمواطنين؟",
          "La commune offre-t-elle des services numériques aux citoyens ?",
          (("لا", "Non", 0), ("موقع إلكتروني للإخبار", "Un site d'information", 1),
           ("خدمات عن بعد (طلبات وتتبعها)", "Des services en ligne (demandes et leur suivi)", 2),
           ("خدمات عن بعد وبيانات مفتوحة", "Des services en ligne et des données ouvertes", 3)),
          ("الموقع الإلكتروني وخدماته", "إحصائيات استعمال الخدمات الرقمية"),
          ("Le site internet et ses services", "Les statistiques d'usage des services en ligne")),
        Q("5.4", "innovation", "هل تبنت الجماعة ممارسات مبتكرة ووثقتها وتقاسمتها؟",
          "La commune a-t-elle adopté, documenté et partagé des pratiques innovantes ?",
          (("لا", "Non", 0), ("ممارسة واحدة موثقة", "Une pratique documentée", 1),
           ("عدة ممارسات موثقة تقاسمتها مع جماعات أخرى", "Plusieurs, partagées avec d'autres communes", 2)),
          ("استمارة الممارسات الجيدة", "وثائق التعريف بالممارسات"),
          ("Le formulaire des bonnes pratiques", "Les documents présentant ces pratiques")),
    )),
)


@transaction.atomic
def questionnaire_ensure(*, site):
    """The commune's label questionnaire: its first one if it has one (kept as staff edited it),
    else the default form created with the seven principles. Idempotent."""
    from .models import AnswerChoice, Question, Questionnaire, QuestionnaireSection
    from .principles import principles_ensure

    existing = Questionnaire.objects.filter(site=site).order_by("pk").first()
    if existing is not None:
        return existing
    principles = {p.code: p for p in principles_ensure(site=site)}
    questionnaire = Questionnaire.objects.create(site=site, title_ar=TITLE_AR, title_fr=TITLE_FR,
                                                 introduction_ar=INTRODUCTION_AR, introduction_fr=INTRODUCTION_FR)
    choices = []
    for s_order, section_default in enumerate(SECTIONS):
        section = QuestionnaireSection.objects.create(
            questionnaire=questionnaire, number=section_default.number, sort_order=s_order,
            title_ar=section_default.title_ar, title_fr=section_default.title_fr,
        )
        for q_order, default in enumerate(section_default.questions, start=1):
            question = Question.objects.create(
                section=section, code=default.code, sort_order=q_order, text_ar=default.text_ar,
                text_fr=default.text_fr, principle=principles[default.principle],
                verification_sources_ar="\n".join(default.sources_ar),
                verification_sources_fr="\n".join(default.sources_fr),
            )
            choices.extend(
                AnswerChoice(question=question, sort_order=k, text_ar=text_ar, text_fr=text_fr, points=points)
                for k, (text_ar, text_fr, points) in enumerate(default.choices)
            )
    AnswerChoice.objects.bulk_create(choices)
    return questionnaire
