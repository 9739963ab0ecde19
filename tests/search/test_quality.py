"""Search quality (issue 16): each case is what a citizen types and the page it must find in the
first three results, on the database backend (SQLite by default, PostgreSQL with DATABASE_URL).
The hit rate is printed (``-s``); every case must pass but the ``KNOWN_MISSES`` (a failure lists\nthe cases missed)."""

import pytest
from wagtail.models import Locale

from site_template.pages.models import ContentPage
from site_template.search.backends import DatabaseSearch

#: slug -> (language, title, summary): a small commune site, with near neighbours on purpose.
PAGES = {
    "announcement": ("ar", "إعلان عن أشغال تهيئة الطريق الرئيسية", "إغلاق مؤقت للطريق خلال شهر أكتوبر"),
    "consultation": ("ar", "أسبوع التشاور العمومي حول المخطط الجماعي", "شاركوا في التشاور مع المواطنين"),
    "budget": ("ar", "الميزانية السنوية للجماعة", "عرض ميزانية الجماعة ونفقاتها"),
    "water": ("ar", "انقطاع الماء الصالح للشرب", "مواعيد انقطاع المياه في الأحياء"),
    "schools": ("ar", "ترميم المدارس الابتدائية", "برنامج إصلاح المدرسة والأقسام"),
    "lighting": ("ar", "الإنارة العمومية في الأزقة", "تركيب مصابيح جديدة في الشوارع"),
    "market": ("ar", "السوق الأسبوعي الجديد", "افتتاح سوق الخضر والفواكه"),
    "council": ("ar", "دورة المجلس الجماعي", "جدول أعمال الدورة العادية لشهر فبراير"),
    "waste": ("ar", "جمع النفايات المنزلية", "مواعيد مرور شاحنة الأزبال"),
    "youth": ("ar", "دار الشباب ومشاريع الجمعيات", "أنشطة ثقافية ورياضية للشباب"),
    "health": ("ar", "المركز الصحي القروي", "حملة تلقيح الأطفال ضد الحصبة"),
    "roads": ("ar", "إصلاح الطرقات المتضررة", "حفر في الطرق بعد الأمطار"),
    "suggest": ("ar", "اقتراحات المواطنين", "قدموا اقتراحاتكم لتحسين الحي"),
    "elections_fr": ("fr", "Élections des représentants de quartier", "Le vote aura lieu à l'école communale"),
    "budget_fr": ("fr", "Budget participatif", "Les projets sélectionnés par les habitants"),
    "water_fr": ("fr", "Coupures d'eau potable", "Calendrier des coupures dans les quartiers"),
    "meeting_fr": ("fr", "Réunion publique du conseil", "Ordre du jour de la séance de février"),
    "lighting_fr": ("fr", "Éclairage public", "Remplacement des lampadaires défectueux"),
    "market_fr": ("fr", "Marché hebdomadaire", "Déplacement du marché près de la gare"),
    "health_fr": ("fr", "Centre de santé", "Campagne de vaccination des enfants"),
    "waste_fr": ("fr", "Collecte des déchets ménagers", "Horaires de passage du camion"),
}

#: (language, query, slug that must be in the top 3)
CASES = [
    # hamza forms, alef maqsura, ta marbuta
    ("ar", "اعلان", "announcement"), ("ar", "إعلان", "announcement"), ("ar", "اكتوبر", "announcement"),
    ("ar", "اشغال", "announcement"), ("ar", "الميزانيه", "budget"), ("ar", "ميزانية", "budget"),
    ("ar", "الجماعه", "budget"), ("ar", "الانارة", "lighting"), ("ar", "الاسبوعي", "market"),
    ("ar", "الازبال", "waste"),
    # diacritics and tatweel
    ("ar", "المِيزَانِيَّة", "budget"), ("ar", "الإنـــارة", "lighting"), ("ar", "التَّشَاوُر", "consultation"),
    # the article, prefixes, plurals and suffixes
    ("ar", "تشاور", "consultation"), ("ar", "مدرسة", "schools"), ("ar", "المدارس", "schools"),
    ("ar", "مياه", "water"), ("ar", "ماء", "water"), ("ar", "الطريق", "announcement"), ("ar", "طرقات", "roads"),
    ("ar", "اقتراح", "suggest"), ("ar", "المواطن", "consultation"), ("ar", "مصباح جديد", "lighting"),
    ("ar", "بالشوارع", "lighting"), ("ar", "والنفايات", "waste"), ("ar", "للشباب", "youth"),
    ("ar", "جمعية", "youth"),
    # Persian / Maghrebi spellings, digits
    ("ar", "مرکز صحی", "health"), ("ar", "تلقيح الاطفال", "health"), ("ar", "سوق الخضر", "market"),
    ("ar", "المجلس الجماعی", "council"), ("ar", "دوره فبراير", "council"),
    # French accents, elisions, plurals, case
    ("fr", "elections", "elections_fr"), ("fr", "election quartier", "elections_fr"), ("fr", "ecole", "elections_fr"),
    ("fr", "l'école", "elections_fr"), ("fr", "BUDGET", "budget_fr"), ("fr", "projet habitant", "budget_fr"),
    ("fr", "eau", "water_fr"), ("fr", "d'eau", "water_fr"), ("fr", "coupure", "water_fr"),
    ("fr", "reunion", "meeting_fr"), ("fr", "seance fevrier", "meeting_fr"), ("fr", "eclairage", "lighting_fr"),
    ("fr", "lampadaire", "lighting_fr"), ("fr", "marche", "market_fr"), ("fr", "sante", "health_fr"),
    ("fr", "vaccin enfant", "health_fr"), ("fr", "dechets menagers", "waste_fr"), ("fr", "déchet", "waste_fr"),
]


#: Cases the light stemmer cannot solve, kept in the set so the rate is honest: broken plurals
#: (مصباح / مصابيح) need a root stemmer or a dictionary. A case listed here that starts to pass
#: fails the test too, so the list stays true.
KNOWN_MISSES = {("ar", "مصباح جديد")}


@pytest.fixture
def quality_site(home_ar, home_fr):
    homes = {"ar": home_ar, "fr": home_fr}
    titles = {}
    for slug, (language, title, summary) in PAGES.items():
        page = homes[language].add_child(
            instance=ContentPage(title=title, slug=slug, summary=summary,
                                 locale=Locale.objects.get(language_code=language))
        )
        page.save_revision().publish()
        titles[slug] = title
    return titles


@pytest.mark.django_db
def test_quality_set_hit_rate(quality_site, commune_site):
    assert len(CASES) >= 40
    backend = DatabaseSearch()
    missed = []
    for language, query, slug in CASES:
        hits = backend.search(query=query, site=commune_site, language=language, size=3).hits
        if quality_site[slug] not in [hit.title for hit in hits]:
            missed.append((language, query, slug, [hit.title for hit in hits]))
    rate = (len(CASES) - len(missed)) / len(CASES)
    print(f"\nsearch quality, database backend: {len(CASES) - len(missed)}/{len(CASES)} = {rate:.0%}")
    assert {(language, query) for language, query, *_ in missed} == KNOWN_MISSES, (
        f"hit rate {rate:.0%}; missed: {missed}"
    )
