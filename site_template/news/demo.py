"""Demo news drawn from the seeds (Larache openness programme, Tadafor) for ``create_commune --demo``."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from .models import NewsIndexPage, NewsKind, NewsPage


def _paragraph(text: str) -> list:
    from wagtail.rich_text import RichText

    return [("paragraph", RichText(f"<p>{text}</p>"))]


def demo_image(*, title: str, description: str, colours: tuple[str, str], collection=None):
    """A small generated banner (two colour bands), so the demo shows real renditions."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    img = PILImage.new("RGB", (960, 540), colours[0])
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 360, 960, 540], fill=colours[1])
    draw.ellipse([620, 80, 860, 320], fill=colours[1])
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    kwargs = {"collection": collection} if collection is not None else {}
    image = Image(title=title, description=description, file=ImageFile(buffer, name="demo-news.png"), **kwargs)
    image.save()
    return image


def demo_news_items(today: dt.date) -> list[dict]:
    """(ar, fr, common) for each demo item; recent items dated relative to today."""
    return [
        {
            "date": today - dt.timedelta(days=1),
            "kind": NewsKind.ANNOUNCEMENT,
            "tags": (["المجلس الجماعي", "الدورات"], ["Conseil communal", "Sessions"]),
            "ar": ("إعلان عن انعقاد الدورة العادية المقبلة للمجلس الجماعي",
                   "يعلن رئيس المجلس الجماعي أن الدورة العادية المقبلة ستنعقد بقاعة الاجتماعات بمقر الجماعة، "
                   "وهي مفتوحة للعموم طبقا للمادة 48 من القانون التنظيمي 113.14.",
                   "جدول الأعمال معلق بمقر الجماعة ومنشور في صفحة دورات المجلس. يمكن للمواطنات والمواطنين حضور "
                   "الجلسات العمومية."),
            "fr": ("Avis de la prochaine session ordinaire du conseil communal",
                   "Le président du conseil annonce la prochaine session ordinaire, publique conformément à "
                   "l'article 48 de la loi organique 113.14.",
                   "L'ordre du jour est affiché au siège de la commune et publié sur la page des sessions du "
                   "conseil. Les citoyennes et citoyens peuvent assister aux séances publiques."),
        },
        {
            "date": today - dt.timedelta(days=6),
            "kind": NewsKind.NEWS,
            "tags": (["التشاور الرقمي", "برنامج الانفتاح"], ["Consultation numérique", "Programme d'ouverture"]),
            "image": True,
            "ar": ("انطلاق فضاء المشاركة الرقمية لجماعة العرائش",
                   "أصبح بإمكان المواطنات والمواطنين والجمعيات تقديم اقتراحاتهم وملاحظاتهم عبر الموقع الإلكتروني "
                   "للجماعة.",
                   "يندرج هذا الفضاء في إطار برنامج دعم الجماعات الترابية المنفتحة ويضم فضاء الاقتراحات والتشاور "
                   "الرقمي واللقاءات المواطنة."),
            "fr": ("Ouverture de l'espace de participation numérique de la commune de Larache",
                   "Citoyennes, citoyens et associations peuvent désormais déposer suggestions et remarques sur "
                   "le site de la commune.",
                   "Cet espace s'inscrit dans le programme d'appui aux collectivités territoriales ouvertes : "
                   "suggestions, consultation numérique et rencontres citoyennes."),
        },
        {
            "date": today - dt.timedelta(days=20),
            "kind": NewsKind.NEWS,
            "tags": (["تدافر", "الديمقراطية التشاركية"], ["Tadafor", "Démocratie participative"]),
            "ar": ("جماعة العرائش ضمن الجماعات النموذجية لبرنامج تدافر",
                   "تشارك الجماعة في برنامج تدافر الذي يواكب الجماعات الترابية في تفعيل آليات الديمقراطية "
                   "التشاركية.",
                   "يشمل المكون الرقمي للبرنامج موقعا نموذجيا يضم فضاء للاقتراحات والملاحظات، والتشاور الرقمي، "
                   "وتتبع ميثاق المشاركة المواطنة وبرنامج عمل الجماعة، وتقوية قدرات المكلفين بتدبير المحتوى."),
            "fr": ("Larache parmi les communes pilotes du programme Tadafor",
                   "La commune participe au programme Tadafor, qui accompagne les collectivités dans la mise en "
                   "œuvre de la démocratie participative.",
                   "Le volet numérique prévoit un site modèle : espace de suggestions, consultation numérique, "
                   "suivi de la charte de participation et du programme d'action de la commune, et formation "
                   "des gestionnaires de contenu."),
        },
        {
            "date": dt.date(2023, 10, 5),
            "kind": NewsKind.NEWS,
            "tags": (["برنامج الانفتاح", "المجلس الجماعي"], ["Programme d'ouverture", "Conseil communal"]),
            "ar": ("المجلس الجماعي يصادق على برنامج الانفتاح في دورة أكتوبر",
                   "صادق المجلس الجماعي للعرائش خلال دورته العادية لشهر أكتوبر 2023 على برنامج عمل الانفتاح بعد "
                   "دراسة ملاحظات المواطنين من طرف لجنة التتبع.",
                   "يضم البرنامج مشاريع منها تجويد آليات التواصل، وإعداد دليل ترويجي لإبراز مؤهلات الجماعة، "
                   "والمحافظة على المناطق الخضراء، وميزانية المواطن، والميزانية التشاركية."),
            "fr": ("Le conseil adopte le programme d'ouverture lors de la session d'octobre",
                   "Le conseil communal de Larache a adopté en octobre 2023 le programme d'ouverture, après "
                   "l'étude des remarques citoyennes par le comité de suivi.",
                   "Le programme comprend notamment l'amélioration de la communication, un guide de promotion "
                   "des atouts de la commune, l'entretien des espaces verts, le budget citoyen et le budget "
                   "participatif."),
        },
        {
            "date": dt.date(2023, 7, 26),
            "kind": NewsKind.NEWS,
            "tags": (["اللقاءات المواطنة"], ["Rencontres citoyennes"]),
            "image": True,
            "ar": ("اللقاء الثاني للمشاركة المواطنة حول مسودة برنامج الانفتاح",
                   "احتضنت الجماعة يوم 25 يوليوز 2023 اللقاء التشاوري الثاني حول مسودة برنامج الانفتاح.",
                   "قدمت نقطة الارتكاز مشاريع الانفتاح ومنهجية التشاور، ودوّن المشاركون ملاحظاتهم على بطاقة "
                   "الملاحظات: الإشكالية، الحلول، مصادر التمويل، مؤشرات التتبع ومؤشرات الأثر."),
            "fr": ("Deuxième rencontre citoyenne sur le projet de programme d'ouverture",
                   "La commune a accueilli le 25 juillet 2023 la deuxième rencontre de concertation sur le projet "
                   "de programme d'ouverture.",
                   "Le point focal a présenté les projets et la méthode ; les participants ont rempli la fiche "
                   "de remarques : problème, solutions, financement, indicateurs de suivi et d'impact."),
        },
        {
            "date": dt.date(2023, 6, 12),
            "kind": NewsKind.ANNOUNCEMENT,
            "tags": (["التشاور الرقمي", "برنامج الانفتاح"], ["Consultation numérique", "Programme d'ouverture"]),
            "ar": ("أسبوع التشاور العمومي الرقمي من 12 إلى 19 يونيو 2023",
                   "تدعو جماعة العرائش المواطنات والمواطنين والجمعيات إلى إبداء ملاحظاتهم حول مشاريع برنامج "
                   "الانفتاح خلال أسبوع التشاور العمومي الرقمي.",
                   "يمكن الاطلاع على بطاقات المشاريع (68، 69، 70، 85، 86) وتقديم الملاحظات أو اقتراح مشروع جديد."),
            "fr": ("Semaine de consultation publique numérique du 12 au 19 juin 2023",
                   "La commune de Larache invite citoyens et associations à commenter les projets du programme "
                   "d'ouverture pendant la semaine de consultation numérique.",
                   "Les fiches des projets (68, 69, 70, 85, 86) sont consultables ; chacun peut y laisser ses "
                   "remarques ou proposer un nouveau projet."),
        },
        {
            "date": dt.date(2023, 3, 22),
            "kind": NewsKind.NEWS,
            "tags": (["اللقاءات المواطنة"], ["Rencontres citoyennes"]),
            "ar": ("اللقاء الأول للمشاركة المواطنة: 70 مشاركا و18 جمعية",
                   "عرف اللقاء الأول للمشاركة المواطنة المنعقد يوم 21 مارس 2023 مشاركة 70 شخصا من بينهم 40 امرأة "
                   "و18 جمعية.",
                   "خصص اللقاء لجمع الأفكار والمقترحات حول المحاور ذات الأولوية: التواصل، التسويق الترابي، "
                   "خدمات ذات جودة، والتنمية الاجتماعية."),
            "fr": ("Première rencontre citoyenne : 70 participants et 18 associations",
                   "La première rencontre citoyenne du 21 mars 2023 a réuni 70 personnes, dont 40 femmes, et 18 "
                   "associations.",
                   "Elle a recueilli idées et propositions sur les axes prioritaires : communication, marketing "
                   "territorial, services de qualité et développement social."),
        },
    ]


def create_demo_news(*, index_ar: NewsIndexPage, collection=None) -> None:
    from site_template.pages.tree import add_translated_child

    if NewsPage.objects.child_of(index_ar).exists():
        return
    image = demo_image(
        title="Larache — participation citoyenne",
        description="صورة توضيحية لفضاء المشاركة المواطنة بجماعة العرائش",
        colours=("#0b6e4f", "#f2c14e"),
        collection=collection,
    )
    today = timezone.localdate()
    for n, item in enumerate(demo_news_items(today), start=1):
        title_ar, intro_ar, body_ar = item["ar"]
        title_fr, intro_fr, body_fr = item["fr"]
        page_ar, page_fr = add_translated_child(
            index_ar,
            page_class=NewsPage,
            ar={"title": title_ar, "slug": f"news-{n}", "intro": intro_ar, "body": _paragraph(body_ar),
                "image_alt": "لافتة بألوان الجماعة" if item.get("image") else ""},
            fr={"title": title_fr, "slug": f"news-{n}", "intro": intro_fr, "body": _paragraph(body_fr),
                "image_alt": "Bannière aux couleurs de la commune" if item.get("image") else ""},
            date=item["date"],
            kind=item["kind"],
            image=image if item.get("image") else None,
        )
        for page, tags in ((page_ar, item["tags"][0]), (page_fr, item["tags"][1])):
            page.tags.set(tags)
            page.save()
            page.save_revision().publish()
