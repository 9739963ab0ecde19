"""The text of the pages the generator creates, in Arabic and French, built from the commune's settings.

This is editorial content (each language written for its readers), not interface strings: it is
stored in the pages and staff change it afterwards in the Wagtail admin. Every value taken from the
settings is HTML-escaped before it goes into rich text.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from .models import CommuneSettings

Blocks = list[dict[str, Any]]

ACCESSIBILITY_SLUG = "accessibility"


def _p(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def heading(text: str) -> dict[str, Any]:
    return {"type": "heading", "value": text}


def paragraph(html: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": html}


def accordion(items: list[tuple[str, str]]) -> dict[str, Any]:
    return {"type": "accordion", "value": {"items": [{"question": q, "answer": a} for q, a in items]}}


def stream(blocks: Blocks) -> str:
    """Raw StreamField data (JSON) that a ``StreamField`` accepts on assignment."""
    return json.dumps(blocks, ensure_ascii=False)


def _other_script(value: str, lang: str) -> str:
    """Escapes ``value``; a value written in the other script (an Arabic province name in French
    text) is isolated with its language so it reads and is spoken right."""
    text = escape(value)
    has_arabic = any("\u0600" <= ch <= "\u06ff" for ch in value)
    if lang == "fr" and has_arabic:
        return f'<bdi lang="ar">{text}</bdi>'
    if lang == "ar" and value and not has_arabic and any(ch.isalpha() for ch in value):
        return f'<bdi lang="fr">{text}</bdi>'
    return text


def _number(value: int | None, sep: str) -> str:
    return f"{value:,}".replace(",", sep) if value is not None else ""


def _contact_lines(c: CommuneSettings, lang: str) -> list[str]:
    address = escape(c.address_ar if lang == "ar" else (c.address_fr or c.address_ar))
    lines = []
    if address:
        lines.append(("العنوان: " if lang == "ar" else "Adresse : ") + address.replace("\n", "<br>"))
    if c.phone:
        lines.append(("الهاتف: " if lang == "ar" else "Téléphone : ") + f'<span dir="ltr">{escape(c.phone)}</span>')
    if c.email:
        email = escape(c.email)
        lines.append(("البريد الإلكتروني: " if lang == "ar" else "Courriel : ") + f'<a href="mailto:{email}">{email}</a>')
    return lines


# --- About the commune -------------------------------------------------------------------------


def about_page(c: CommuneSettings) -> tuple[dict[str, Any], dict[str, Any]]:
    name_ar, name_fr = escape(c.name_ar), escape(c.name_fr or c.name_ar)
    place_ar = "، ".join(
        x
        for x in (
            c.province and f"إقليم {_other_script(c.province, 'ar')}",
            c.region and f"جهة {_other_script(c.region, 'ar')}",
        )
        if x
    )
    place_fr = ", ".join(
        x
        for x in (
            c.province and f"province de {_other_script(c.province, 'fr')}",
            c.region and f"région {_other_script(c.region, 'fr')}",
        )
        if x
    )
    pop_ar = (
        f"يبلغ عدد سكانها القانوني {_number(c.population, ',')} نسمة حسب آخر إحصاء عام للسكان والسكنى."
        if c.population
        else ""
    )
    pop_number_fr = _number(c.population, "\u202f")
    pop_fr = (
        f"Sa population légale est de {pop_number_fr} habitants selon le dernier "
        "recensement général de la population et de l'habitat."
        if c.population
        else ""
    )
    ar_blocks: Blocks = [
        heading("الجماعة في سطور"),
        paragraph(
            _p(
                f"{name_ar} جماعة ترابية{(' تابعة ل' + place_ar) if place_ar else ''}، تتمتع بالشخصية الاعتبارية "
                "والاستقلال الإداري والمالي، وتسير شؤونها وفق القانون التنظيمي 113.14 المتعلق بالجماعات. "
                + pop_ar,
                "يتولى مجلس الجماعة، المنتخب بالاقتراع العام المباشر، التداول في شؤونها خلال دورات عادية "
                "تعقد في أشهر فبراير وماي وأكتوبر، ويسهر رئيس المجلس على تنفيذ مقرراته.",
            )
        ),
        heading("المشاركة المواطنة"),
        paragraph(
            _p(
                "تطبيقا للفصل 139 من الدستور وللمواد 119 إلى 125 من القانون التنظيمي 113.14، تضع الجماعة رهن "
                "إشارة المواطنات والمواطنين والجمعيات آليات للحوار والتشاور: فضاء الاقتراحات والملاحظات، "
                "التشاور الرقمي، اللقاءات المواطنة، العرائض، والحصول على المعلومات.",
            )
        ),
        heading("التواصل مع الجماعة"),
        paragraph(_p(*_contact_lines(c, "ar")) or _p("يمكنكم التواصل مع الجماعة عبر صفحة الاتصال.")),
    ]
    fr_blocks: Blocks = [
        heading("La commune en bref"),
        paragraph(
            _p(
                f"La {name_fr} est une collectivité territoriale{(' de la ' + place_fr) if place_fr else ''}, dotée "
                "de la personnalité morale et de l'autonomie administrative et financière, régie par la loi "
                "organique n° 113-14 relative aux communes. " + pop_fr,
                "Le conseil communal, élu au suffrage universel direct, délibère lors de sessions ordinaires "
                "tenues en février, mai et octobre ; le président du conseil exécute ses délibérations.",
            )
        ),
        heading("La participation citoyenne"),
        paragraph(
            _p(
                "En application de l'article 139 de la Constitution et des articles 119 à 125 de la loi "
                "organique n° 113-14, la commune met à la disposition des citoyennes, des citoyens et des "
                "associations des mécanismes de dialogue et de concertation : l'espace des suggestions et "
                "remarques, la consultation numérique, les rencontres citoyennes, les pétitions et l'accès "
                "à l'information.",
            )
        ),
        heading("Contacter la commune"),
        paragraph(_p(*_contact_lines(c, "fr")) or _p("Vous pouvez contacter la commune depuis la page Contact.")),
    ]
    ar = {
        "title": "تعرف على الجماعة",
        "slug": "about",
        "summary": f"{c.name_ar}: الموقع، السكان، المجلس وآليات المشاركة المواطنة.",
        "body": stream(ar_blocks),
    }
    fr = {
        "title": "La commune",
        "slug": "about",
        "summary": f"{c.name_fr or c.name_ar} : situation, population, conseil et mécanismes de participation.",
        "body": stream(fr_blocks),
    }
    return ar, fr


# --- The council (section) and participation (section) -------------------------------------------


def council_section(c: CommuneSettings) -> tuple[dict[str, Any], dict[str, Any]]:
    ar = {
        "title": "المجلس الجماعي",
        "slug": "council",
        "intro": _p(
            "دورات المجلس عمومية (المادة 48 من القانون التنظيمي 113.14)، ويعلق جدول أعمالها وتواريخها بمقر "
            "الجماعة. تنشر مقررات المجلس داخل أجل ثمانية أيام (المادة 273)."
        ),
    }
    fr = {
        "title": "Le conseil communal",
        "slug": "council",
        "intro": _p(
            "Les sessions du conseil sont publiques (article 48 de la loi organique n° 113-14) ; leur ordre du "
            "jour et leurs dates sont affichés au siège de la commune. Les délibérations sont publiées dans "
            "un délai de huit jours (article 273)."
        ),
    }
    return ar, fr


def participate_section(c: CommuneSettings) -> tuple[dict[str, Any], dict[str, Any]]:
    ar = {
        "title": "شاركوا",
        "slug": "participate",
        "intro": _p(
            "أدلوا بآرائكم واقتراحاتكم، شاركوا في التشاورات واللقاءات المواطنة، واطلبوا المعلومات التي "
            "تهمكم. المشاركة مفتوحة لكل من يتوفر على حساب مفعل."
        ),
    }
    fr = {
        "title": "Participer",
        "slug": "participate",
        "intro": _p(
            "Donnez votre avis et vos suggestions, prenez part aux consultations et aux rencontres citoyennes, "
            "demandez les informations qui vous concernent. Il suffit d'un compte dont l'adresse est confirmée."
        ),
    }
    return ar, fr


# --- Contact (fallback when no feature provides a contact form) ------------------------------------


def contact_page(c: CommuneSettings) -> tuple[dict[str, Any], dict[str, Any]]:
    hours_ar = [f"أوقات الاستقبال: {escape(c.opening_hours_ar)}"] if c.opening_hours_ar else []
    hours_fr = [f"Horaires d'accueil : {escape(c.opening_hours_fr or c.opening_hours_ar)}"] if c.opening_hours_fr else []
    ar = {
        "title": "اتصلوا بنا",
        "slug": "contact",
        "summary": "عنوان الجماعة وهاتفها وبريدها الإلكتروني.",
        "body": stream(
            [heading("مقر الجماعة"), paragraph(_p(*_contact_lines(c, "ar"), *hours_ar) or _p("مقر الجماعة."))]
        ),
    }
    fr = {
        "title": "Contact",
        "slug": "contact",
        "summary": "Adresse, téléphone et courriel de la commune.",
        "body": stream(
            [heading("Siège de la commune"), paragraph(_p(*_contact_lines(c, "fr"), *hours_fr) or _p("Siège de la commune."))]
        ),
    }
    return ar, fr


def documents_page(c: CommuneSettings) -> tuple[dict[str, Any], dict[str, Any]]:
    ar = {
        "title": "الوثائق",
        "slug": "documents",
        "summary": "الوثائق التي تنشرها الجماعة: مقررات المجلس، برنامج عمل الجماعة، الميزانية.",
        "body": stream([paragraph(_p("تنشر هنا وثائق الجماعة تباعا."))]),
    }
    fr = {
        "title": "Documents",
        "slug": "documents",
        "summary": "Les documents publiés par la commune : délibérations, programme d'action, budget.",
        "body": stream([paragraph(_p("Les documents de la commune sont publiés ici au fur et à mesure."))]),
    }
    return ar, fr


# --- Privacy notice (law 09-08) ----------------------------------------------------------------------


def privacy_page(c: CommuneSettings) -> tuple[dict[str, Any], dict[str, Any]]:
    controller_ar = escape(c.data_controller_ar or f"رئيس {c.name_ar}")
    controller_fr = escape(c.data_controller_fr or f"Le président de la {c.name_fr or c.name_ar}")
    cndp = escape(c.cndp_reference)
    cndp_ar = (
        f"صرحت الجماعة بهذه المعالجة لدى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي تحت المرجع: "
        f'<strong dir="ltr">{cndp}</strong>.'
        if cndp
        else "مرجع التصريح لدى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي في طور الإنجاز، وسينشر هنا."
    )
    cndp_fr = (
        "Ce traitement a été déclaré à la Commission nationale de contrôle de la protection des données à "
        f'caractère personnel (CNDP) sous la référence <strong dir="ltr">{cndp}</strong>.'
        if cndp
        else "La référence de la déclaration auprès de la CNDP est en cours d'obtention et sera publiée ici."
    )
    contact_ar = _contact_lines(c, "ar") or ["عبر صفحة الاتصال بالموقع."]
    contact_fr = _contact_lines(c, "fr") or ["depuis la page Contact du site."]
    ar_blocks: Blocks = [
        paragraph(
            _p(
                "يحترم هذا الموقع القانون رقم 09.08 المتعلق بحماية الأشخاص الذاتيين تجاه معالجة المعطيات ذات "
                "الطابع الشخصي. يبين هذا الإشعار المعطيات التي نجمعها، ولماذا، ومن يطلع عليها، ومدة حفظها، "
                "وكيف تمارسون حقوقكم.",
                cndp_ar,
            )
        ),
        heading("المسؤول عن المعالجة"),
        paragraph(_p(f"المسؤول عن المعالجة هو {controller_ar}، {escape(c.name_ar)}.")),
        heading("الغايات"),
        paragraph(
            _ul(
                "تدبير حسابات المستخدمين (التسجيل، تأكيد البريد الإلكتروني، الدخول).",
                "تلقي الاقتراحات والملاحظات والتعليقات والتشاورات والعرائض وطلبات الحصول على المعلومات والرد عليها.",
                "تنظيم اللقاءات المواطنة والتسجيل فيها.",
                "إعداد إحصاءات مجهولة الهوية عن المشاركة (النوع، الفئة العمرية، الحي) بموافقتكم الصريحة فقط.",
                "الإشراف على احترام شروط المشاركة وأمن الموقع.",
            )
        ),
        heading("المعطيات المعالجة"),
        paragraph(
            _p(
                "البريد الإلكتروني والاسم المعروض، ومضمون مساهماتكم، واختياريا: النوع والفئة العمرية والحي "
                "والجمعية. لا نطلب رقم البطاقة الوطنية إلا حين يفرضه القانون (العرائض)."
            )
        ),
        heading("المرسل إليهم"),
        paragraph(
            _p(
                "أطر الجماعة المكلفة بالتواصل وبالمشاركة المواطنة وبالحصول على المعلومات، كل في حدود مهامه، "
                "ومقدم خدمة الاستضافة بصفته معالجا من الباطن. مساهماتكم العمومية (الاقتراحات والتعليقات) تنشر "
                "باسمكم المعروض. لا تنقل أي معطيات إلى خارج المغرب ولا تستعمل لأغراض تجارية."
            )
        ),
        heading("مدة الحفظ"),
        paragraph(
            _ul(
                "الحساب: إلى أن تحذفوه؛ وتحذف الحسابات غير المفعلة بعد 30 يوما.",
                "المساهمات: طيلة مدة الولاية الانتدابية للمجلس وبرنامج عمل الجماعة المعني، ثم تحفظ مجهولة الهوية.",
                "رسائل الاتصال وطلبات المعلومات: خمس سنوات بعد الرد عليها.",
                "سجلات الأمن التقنية: ستة أشهر.",
            )
        ),
        heading("حقوقكم وكيفية ممارستها"),
        paragraph(
            _p(
                "لكم الحق في الإخبار (المادة 5)، وفي الولوج إلى معطياتكم (المادة 7)، وفي تصحيحها أو تحيينها أو "
                "مسحها (المادة 8)، وفي التعرض لمعالجتها لأسباب مشروعة (المادة 9). يمكنكم تحميل معطياتكم أو حذف "
                "حسابكم مباشرة من صفحة «حسابي»، أو مراسلة المسؤول عن المعالجة:",
            )
            + _ul(*contact_ar)
            + _p(
                "يجيب المسؤول عن المعالجة داخل الآجال القانونية، ويقوم بالتصحيحات المطلوبة مجانا داخل أجل "
                "عشرة أيام كاملة (المادة 8). وإذا لم تتلقوا جوابا أو كان الجواب غير مرض، يمكنكم تقديم شكاية إلى "
                "اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي (www.cndp.ma)."
            )
        ),
    ]
    fr_blocks: Blocks = [
        paragraph(
            _p(
                "Ce site respecte la loi n° 09-08 relative à la protection des personnes physiques à l'égard du "
                "traitement des données à caractère personnel. Cette notice indique quelles données nous "
                "recueillons, pourquoi, qui y a accès, combien de temps nous les gardons et comment exercer vos droits.",
                cndp_fr,
            )
        ),
        heading("Responsable du traitement"),
        paragraph(_p(f"Le responsable du traitement est : {controller_fr}, {escape(c.name_fr or c.name_ar)}.")),
        heading("Finalités"),
        paragraph(
            _ul(
                "Gérer les comptes des utilisateurs (inscription, confirmation de l'adresse, connexion).",
                "Recevoir les suggestions, remarques, commentaires, contributions aux consultations, pétitions "
                "et demandes d'accès à l'information, et y répondre.",
                "Organiser les rencontres citoyennes et les inscriptions.",
                "Produire des statistiques anonymes sur la participation (genre, tranche d'âge, quartier), "
                "uniquement avec votre consentement explicite.",
                "Veiller au respect des conditions de participation et à la sécurité du site.",
            )
        ),
        heading("Données traitées"),
        paragraph(
            _p(
                "Adresse électronique et nom affiché, contenu de vos contributions et, de façon facultative : "
                "genre, tranche d'âge, quartier et association. Le numéro de CIN n'est demandé que lorsque la "
                "loi l'exige (pétitions)."
            )
        ),
        heading("Destinataires"),
        paragraph(
            _p(
                "Les agents de la commune chargés de la communication, de la participation citoyenne et de "
                "l'accès à l'information, chacun dans la limite de ses missions, et l'hébergeur en qualité de "
                "sous-traitant. Vos contributions publiques (suggestions, commentaires) sont publiées sous votre "
                "nom affiché. Aucune donnée n'est transférée hors du Maroc ni utilisée à des fins commerciales."
            )
        ),
        heading("Durée de conservation"),
        paragraph(
            _ul(
                "Compte : jusqu'à sa suppression ; les comptes jamais confirmés sont supprimés après 30 jours.",
                "Contributions : pendant le mandat du conseil et le programme d'action concerné, puis conservées "
                "sous forme anonyme.",
                "Messages de contact et demandes d'information : cinq ans après la réponse.",
                "Journaux techniques de sécurité : six mois.",
            )
        ),
        heading("Vos droits et comment les exercer"),
        paragraph(
            _p(
                "Vous disposez d'un droit d'information (article 5), d'accès à vos données (article 7), de "
                "rectification, de mise à jour ou d'effacement (article 8) et d'opposition pour des motifs "
                "légitimes (article 9). Vous pouvez télécharger vos données ou supprimer votre compte "
                "directement depuis la page « Mon compte », ou écrire au responsable du traitement :",
            )
            + _ul(*contact_fr)
            + _p(
                "Le responsable du traitement répond dans les délais légaux et procède sans frais aux "
                "rectifications demandées dans un délai de dix jours francs (article 8). À défaut de réponse "
                "ou en cas de réponse insatisfaisante, vous pouvez saisir la CNDP (www.cndp.ma)."
            )
        ),
    ]
    ar = {
        "title": "حماية المعطيات الشخصية",
        "slug": "privacy",
        "summary": "إشعار حماية المعطيات ذات الطابع الشخصي طبقا للقانون 09.08.",
        "body": stream(ar_blocks),
    }
    fr = {
        "title": "Protection des données personnelles",
        "slug": "privacy",
        "summary": "Notice de protection des données à caractère personnel (loi n° 09-08).",
        "body": stream(fr_blocks),
    }
    return ar, fr


# --- Terms of participation ----------------------------------------------------------------------------


def terms_page(c: CommuneSettings) -> tuple[dict[str, Any], dict[str, Any]]:
    ar_blocks: Blocks = [
        paragraph(
            _p(
                "فضاءات المشاركة في هذا الموقع مفتوحة لكل المواطنات والمواطنين والجمعيات. باستعمالها، تلتزمون "
                "بالشروط التالية التي تضمن نقاشا مفيدا ومحترما للجميع."
            )
        ),
        heading("قواعد المشاركة"),
        paragraph(
            _ul(
                "احترام الآخرين: يمنع السب والقذف والتحرش والتمييز بسبب الجنس أو الأصل أو الدين أو الإعاقة.",
                "عدم نشر المعطيات الشخصية للغير (أسماء، أرقام هواتف، عناوين، صور) دون موافقتهم.",
                "البقاء في موضوع الشأن المحلي وفي اختصاصات الجماعة؛ يمنع الإشهار التجاري والدعاية الانتخابية.",
                "حساب واحد لكل شخص؛ ويتم التصويت والدعم مرة واحدة لكل مساهمة.",
                "يمكن المشاركة بالعربية أو بالفرنسية أو بالأمازيغية.",
            )
        ),
        heading("الإشراف على المحتوى"),
        paragraph(
            _p(
                "تنشر المساهمات فور إرسالها. تسهر نقطة الارتكاز المكلفة بالمشاركة المواطنة على احترام هذه "
                "القواعد: يمكنها إخفاء مساهمة مخالفة مع ذكر السبب، ويمكن تعليق حساب يكرر المخالفات لمدة محددة. "
                "يمكن لكل مستخدم التبليغ عن محتوى مخالف من خلال زر «تبليغ»."
            )
        ),
        heading("ردود الجماعة"),
        paragraph(
            _p(
                "تجيب الجماعة علنيا عن المساهمات وتبين مآلها (قيد الدراسة، مقبولة، غير مقبولة مع التعليل، منجزة). "
                "لا تعتبر المساهمات طلبات إدارية ولا شكايات رسمية؛ ولطلب معلومة استعملوا مسطرة الحصول على "
                "المعلومات (القانون 31.13)."
            )
        ),
    ]
    fr_blocks: Blocks = [
        paragraph(
            _p(
                "Les espaces de participation de ce site sont ouverts à toutes les citoyennes, à tous les "
                "citoyens et aux associations. En les utilisant, vous acceptez les conditions suivantes, qui "
                "garantissent un débat utile et respectueux."
            )
        ),
        heading("Règles de participation"),
        paragraph(
            _ul(
                "Respecter les autres : injures, diffamation, harcèlement et discriminations (sexe, origine, "
                "religion, handicap…) sont interdits.",
                "Ne pas publier de données personnelles d'autrui (noms, téléphones, adresses, photos) sans son accord.",
                "Rester dans les affaires locales et les compétences de la commune ; publicité commerciale et "
                "propagande électorale sont interdites.",
                "Un seul compte par personne ; on soutient une contribution une seule fois.",
                "Vous pouvez participer en arabe, en français ou en amazighe.",
            )
        ),
        heading("Modération"),
        paragraph(
            _p(
                "Les contributions sont publiées dès leur envoi. Le point focal de la participation citoyenne "
                "veille au respect de ces règles : il peut masquer une contribution non conforme en indiquant "
                "le motif, et suspendre pour une durée déterminée un compte qui récidive. Chacun peut signaler "
                "un contenu avec le bouton « Signaler »."
            )
        ),
        heading("Réponses de la commune"),
        paragraph(
            _p(
                "La commune répond publiquement aux contributions et indique leur suite (à l'étude, retenue, "
                "non retenue avec motif, réalisée). Une contribution n'est ni une demande administrative ni une "
                "plainte officielle ; pour obtenir une information, utilisez la procédure d'accès à "
                "l'information (loi n° 31-13)."
            )
        ),
    ]
    ar = {
        "title": "شروط المشاركة",
        "slug": "terms",
        "summary": "قواعد المشاركة والإشراف على المحتوى في فضاءات الموقع.",
        "body": stream(ar_blocks),
    }
    fr = {
        "title": "Conditions de participation",
        "slug": "terms",
        "summary": "Règles de participation et de modération des espaces du site.",
        "body": stream(fr_blocks),
    }
    return ar, fr


# --- Editors' guide ----------------------------------------------------------------------------------


def editors_guide_page(c: CommuneSettings) -> tuple[dict[str, Any], dict[str, Any]]:
    ar_items = [
        (
            "كيف أنشر خبرا أو إعلانا؟",
            _p("في لوحة الإدارة: «الصفحات» ثم صفحة «الأخبار» ثم «إضافة صفحة فرعية». اكتبوا العنوان والملخص "
               "والنص، أضيفوا صورة مع وصفها النصي، ثم «نشر».")
            + _p("أنشئوا الترجمة الفرنسية من قائمة «الإجراءات» في أعلى الصفحة: «ترجمة» ثم «الفرنسية»، "
               "واكتبوا النص بالفرنسية ثم «نشر»، حتى يظهر الخبر باللغتين ويربط زر اللغة بينهما."),
        ),
        (
            "كيف أنشر دورة للمجلس؟",
            _p("تحت «دورات المجلس» أضيفوا صفحة دورة: التاريخ، نوعها (عادية في فبراير وماي وأكتوبر أو استثنائية)، "
               "عمومية أو سرية، ونقط جدول الأعمال. بعد الدورة أضيفوا المقررات والمحضر.")
            + _p("تنشر المقررات داخل ثمانية أيام (المادة 273 من القانون التنظيمي 113.14)؛ وتنبهكم لوحة القيادة "
                 "إلى الدورات المتأخرة."),
        ),
        (
            "كيف أنشر وثيقة؟",
            _p("«الوثائق» ثم «رفع وثيقة» في مجموعة الجماعة. أعطوا الوثيقة عنوانا واضحا، ثم أدرجوها في صفحة "
               "بواسطة كتلة «رابط وثيقة». فضلوا ملفات PDF خفيفة."),
        ),
        (
            "كيف أشرف على المساهمات؟",
            _p("تصلكم التبليغات في لوحة الإدارة. أخفوا كل مساهمة تخالف شروط المشاركة مع كتابة السبب (يراه "
               "صاحبها)، واستعيدوها إن تبين أن التبليغ غير مؤسس. لا تعدلوا أبدا نص مواطن.")
            + _p("أجيبوا عن الاقتراحات بتغيير حالتها وكتابة «الجواب الرسمي»: يتوصل المتتبعون بإشعار."),
        ),
        (
            "كيف أجيب عن طلب الحصول على المعلومات؟",
            _p("يجيب الشخص المكلف داخل أجل 20 يوم عمل من تاريخ تسلم الطلب، قابل للتمديد مرة واحدة لمدة "
               "مماثلة مع إخبار صاحب الطلب مسبقا وتعليل التمديد (المادة 16 من القانون 31.13)، وداخل 3 أيام "
               "في حالة الاستعجال (المادة 17). يكون كل رفض كتابيا ومعللا ويذكر بحق تقديم شكاية (المادة 18).")
            + _p("يظهر في لوحة الإدارة كل طلب مع أجله، وتبرز الطلبات القريبة من انقضاء الأجل."),
        ),
        (
            "كيف أغير اسم الجماعة أو شعارها أو ألوانها؟",
            _p("«الإعدادات» ثم «الجماعة»: الاسم، العنوان، الهاتف، الشعار، السمة واللون الرئيسي، ومرجع التصريح "
               "لدى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي. هذا متاح للمتصرف فقط."),
        ),
    ]
    fr_items = [
        (
            "Comment publier une actualité ou une annonce ?",
            _p("Dans l'administration : « Pages », puis la page « Actualités », puis « Ajouter une sous-page ». "
               "Saisissez le titre, le résumé et le texte, ajoutez une image avec son texte alternatif, puis "
               "« Publier ».")
            + _p("Créez la version arabe ou française depuis le menu « Actions » en haut de la page : "
                 "« Traduire », choisissez la langue, rédigez le texte puis « Publier ». L'actualité paraît "
                 "alors dans les deux langues et le sélecteur de langue relie les deux versions."),
        ),
        (
            "Comment publier une session du conseil ?",
            _p("Sous « Sessions du conseil », ajoutez une page de session : date, type (ordinaire en février, "
               "mai et octobre, ou extraordinaire), publique ou à huis clos, points de l'ordre du jour. Après la "
               "session, ajoutez les délibérations et le procès-verbal.")
            + _p("Les délibérations sont publiées dans les huit jours (article 273 de la loi organique "
                 "n° 113-14) ; le tableau de bord signale les sessions en retard."),
        ),
        (
            "Comment publier un document ?",
            _p("« Documents », puis « Téléverser un document » dans la collection de la commune. Donnez-lui un "
               "titre clair, puis insérez-le dans une page avec le bloc « Lien vers un document ». Préférez des "
               "PDF légers."),
        ),
        (
            "Comment modérer les contributions ?",
            _p("Les signalements arrivent dans l'administration. Masquez toute contribution contraire aux "
               "conditions de participation en écrivant le motif (son auteur le voit) ; rétablissez-la si le "
               "signalement n'est pas fondé. Ne modifiez jamais le texte d'un citoyen.")
            + _p("Répondez aux suggestions en changeant leur statut et en rédigeant la « réponse officielle » : "
                 "les personnes qui les suivent sont notifiées."),
        ),
        (
            "Comment répondre à une demande d'accès à l'information ?",
            _p("La personne chargée répond dans un délai de 20 jours ouvrables à compter de la réception de la "
               "demande, prorogeable une fois d'une durée égale après avoir informé le demandeur des motifs "
               "(article 16 de la loi n° 31-13), et dans les 3 jours en cas d'urgence (article 17). Tout refus "
               "est écrit, motivé et rappelle le droit de réclamation (article 18).")
            + _p("L'administration affiche chaque demande avec son échéance et met en évidence celles qui "
                 "approchent du terme."),
        ),
        (
            "Comment changer le nom, le logo ou les couleurs de la commune ?",
            _p("« Paramètres », puis « Commune » : nom, adresse, téléphone, logo, thème et couleur principale, "
               "référence de la déclaration à la CNDP. Réservé à l'administrateur."),
        ),
    ]
    ar = {
        "title": "دليل المحررين",
        "slug": "editors-guide",
        "summary": "كيف تنشر الأخبار ودورات المجلس والوثائق، وكيف تشرف على المساهمات وتجيب عن طلبات المعلومات.",
        "body": stream([accordion(ar_items)]),
    }
    fr = {
        "title": "Guide des rédacteurs",
        "slug": "editors-guide",
        "summary": "Publier actualités, sessions du conseil et documents ; modérer ; répondre aux demandes d'information.",
        "body": stream([accordion(fr_items)]),
    }
    return ar, fr


# --- Accessibility statement -------------------------------------------------------------------------


def _long_date(day: dt.date, lang: str) -> str:
    with translation.override(lang):
        return date_format(day, "j F Y")


def accessibility_page(
    c: CommuneSettings, *, contact_page_id: int | None = None, day: dt.date | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """What the site meets (WCAG 2.2 AA is the target), its known limits, how to report a barrier
    and get content in another form, and the date of the statement (staff update it after each
    review)."""
    day = day or timezone.localdate()
    name_ar, name_fr = escape(c.name_ar), escape(c.name_fr or c.name_ar)
    contact_ar = _contact_lines(c, "ar")
    contact_fr = _contact_lines(c, "fr")
    if contact_page_id is not None:
        contact_ar.append(f'أو عبر <a linktype="page" id="{contact_page_id}">صفحة الاتصال</a>.')
        contact_fr.append(f'ou par la <a linktype="page" id="{contact_page_id}">page Contact</a>.')
    if not contact_ar:
        contact_ar = ["عبر صفحة الاتصال بالموقع أو بمكتب الاستقبال بمقر الجماعة."]
        contact_fr = ["par la page Contact du site ou à l'accueil du siège de la commune."]
    ar_blocks: Blocks = [
        paragraph(
            _p(
                f"تلتزم {name_ar} بجعل موقعها في متناول الجميع، بما في ذلك الأشخاص في وضعية إعاقة، انسجاما مع "
                "القانون الإطار رقم 97.13 المتعلق بحماية حقوق الأشخاص في وضعية إعاقة والنهوض بها. "
                "ينطبق هذا التصريح على الموقع الرسمي للمشاركة المواطنة للجماعة بنسختيه العربية والفرنسية."
            )
        ),
        heading("حالة المطابقة"),
        paragraph(
            _p(
                "الهدف هو المستوى AA من إرشادات الولوجية لمحتوى الويب (WCAG) في صيغتها 2.2. الموقع مطابق "
                "جزئيا لهذا المستوى: أغلب المعايير محترمة، مع الاستثناءات المذكورة أسفله. أجري التقييم "
                "داخليا (تقييم ذاتي بالاختبار اليدوي وأدوات الفحص الآلي)، ولم يجر بعد تدقيق خارجي."
            )
        ),
        heading("ما يوفره الموقع"),
        paragraph(
            _ul(
                "يعمل الموقع كاملا بدون JavaScript، وبلوحة المفاتيح وحدها، مع إبراز واضح للعنصر النشط ورابط "
                "«الانتقال إلى المحتوى الرئيسي».",
                "الصفحات معلمة بلغتها واتجاهها (العربية من اليمين إلى اليسار، والفرنسية من اليسار إلى اليمين).",
                "يمكن تكبير النص إلى 200% وعرض الموقع على الهاتف دون فقدان أي محتوى.",
                "ألوان بتباين كاف، وحقول استمارات بتسميات ورسائل أخطاء مكتوبة.",
                "الصور التي تنشرها الجماعة مرفقة بوصف نصي، والرسوم البيانية مرفقة بجداول أرقامها.",
            )
        ),
        heading("الحدود المعروفة"),
        paragraph(
            _ul(
                "بعض الوثائق المنشورة بصيغة PDF (محاضر ومقررات ممسوحة ضوئيا) غير قابلة للقراءة بقارئ الشاشة.",
                "الصور التي يرفقها المواطنون باقتراحاتهم قد لا تحمل وصفا نصيا.",
                "بعض المحتويات قد لا تتوفر إلا بلغة واحدة، ولا تتوفر الواجهة بعد بالأمازيغية (تيفيناغ).",
                "مقاطع الفيديو أو الخرائط المدمجة من مواقع أخرى لا تتحكم الجماعة في ولوجيتها.",
            )
        ),
        paragraph(_p("يمكنكم طلب أي محتوى غير متاح بصيغة أخرى (نص، طباعة بخط كبير، قراءة بالهاتف).")),
        heading("التبليغ عن عائق"),
        paragraph(
            _p(
                "إذا صادفتم صعوبة في الوصول إلى محتوى أو خدمة، راسلونا مع ذكر عنوان الصفحة والصعوبة التي "
                "واجهتموها. سنجيبكم ونوفر لكم المعلومة بصيغة ملائمة في أقرب الآجال.",
                *contact_ar,
            )
        ),
        heading("سبل الانتصاف"),
        paragraph(
            _p(
                "إذا لم تتلقوا جوابا مرضيا، يمكنكم التوجه إلى مؤسسة وسيط المملكة، المختصة بتظلمات المرتفقين "
                "تجاه الإدارة والجماعات الترابية."
            )
        ),
        heading("تاريخ التصريح"),
        paragraph(_p(f"أعد هذا التصريح بتاريخ {_long_date(day, 'ar')}، ويحين بعد كل مراجعة للموقع.")),
    ]
    fr_blocks: Blocks = [
        paragraph(
            _p(
                f"La {name_fr} s'engage à rendre son site accessible à toutes et à tous, y compris aux personnes "
                "en situation de handicap, conformément à la loi-cadre n° 97-13 relative à la protection et à la "
                "promotion des droits des personnes en situation de handicap. Cette déclaration s'applique au "
                "site officiel de participation citoyenne de la commune, en arabe et en français."
            )
        ),
        heading("État de conformité"),
        paragraph(
            _p(
                "L'objectif est le niveau AA des Règles pour l'accessibilité des contenus web (WCAG) 2.2. Le site "
                "est partiellement conforme à ce niveau : la plupart des critères sont respectés, avec les "
                "exceptions ci-dessous. L'évaluation a été faite en interne (auto-évaluation par des tests "
                "manuels et des outils automatiques) ; aucun audit externe n'a encore eu lieu."
            )
        ),
        heading("Ce que le site offre"),
        paragraph(
            _ul(
                "Le site fonctionne entièrement sans JavaScript et au clavier seul, avec un focus bien visible "
                "et un lien « Aller au contenu principal ».",
                "Chaque page indique sa langue et son sens de lecture (l'arabe de droite à gauche, le français "
                "de gauche à droite).",
                "Le texte peut être agrandi à 200 % et le site consulté sur téléphone sans perte de contenu.",
                "Des couleurs suffisamment contrastées, des champs de formulaire étiquetés et des messages "
                "d'erreur écrits.",
                "Les images publiées par la commune ont une description textuelle ; les graphiques sont "
                "accompagnés du tableau de leurs chiffres.",
            )
        ),
        heading("Limites connues"),
        paragraph(
            _ul(
                "Certains documents PDF (procès-verbaux et délibérations numérisés) ne sont pas lisibles par "
                "un lecteur d'écran.",
                "Les photos que les citoyens joignent à leurs suggestions peuvent ne pas avoir de description.",
                "Certains contenus peuvent n'exister que dans une seule langue ; l'interface n'est pas encore "
                "disponible en amazighe (tifinagh).",
                "Les vidéos ou cartes intégrées depuis d'autres sites ne dépendent pas de la commune.",
            )
        ),
        paragraph(_p("Vous pouvez demander tout contenu inaccessible sous une autre forme (texte, gros caractères, lecture par téléphone).")),
        heading("Signaler un obstacle"),
        paragraph(
            _p(
                "Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez-nous en indiquant "
                "l'adresse de la page et la difficulté rencontrée. Nous vous répondrons et vous fournirons "
                "l'information sous une forme adaptée dans les meilleurs délais.",
                *contact_fr,
            )
        ),
        heading("Voies de recours"),
        paragraph(
            _p(
                "Si vous n'obtenez pas de réponse satisfaisante, vous pouvez saisir l'institution du Médiateur "
                "du Royaume, compétente pour les réclamations des usagers envers l'administration et les "
                "collectivités territoriales."
            )
        ),
        heading("Date de la déclaration"),
        paragraph(_p(f"Cette déclaration a été établie le {_long_date(day, 'fr')} ; elle est mise à jour après chaque révision du site.")),
    ]
    ar = {
        "title": "تصريح الولوجية",
        "slug": ACCESSIBILITY_SLUG,
        "summary": "مدى ولوجية الموقع، وحدوده المعروفة، وكيفية التبليغ عن عائق.",
        "body": stream(ar_blocks),
    }
    fr = {
        "title": "Déclaration d'accessibilité",
        "slug": ACCESSIBILITY_SLUG,
        "summary": "Le niveau d'accessibilité du site, ses limites connues et comment signaler un obstacle.",
        "body": stream(fr_blocks),
    }
    return ar, fr


def home_intro(c: CommuneSettings) -> tuple[str, str]:
    return (
        _p(f"مرحبا بكم في الموقع الرسمي للمشاركة المواطنة ل{escape(c.name_ar)}: تابعوا أخبار الجماعة وأشغال "
           "مجلسها، وشاركوا بآرائكم واقتراحاتكم."),
        _p(f"Bienvenue sur le site officiel de participation citoyenne de la {escape(c.name_fr or c.name_ar)} : "
           "suivez l'actualité de la commune et les travaux de son conseil, et donnez votre avis."),
    )
