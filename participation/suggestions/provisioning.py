"""What a new commune gets from the suggestions space: its page and categories, with demo
suggestions when asked (``suggestions_setup``, the ``commune_setup`` hook), and what each role may
do with it (``role_permissions``, the ``role_permissions`` hook). Idempotent."""

from __future__ import annotations

from wagtail.models import Page, Site

from site_template.communes.roles import Role

from .models import SuggestionsPage

SLUG = "suggestions"

INTRO_AR = (
    "<p>فضاء مفتوح لكل المواطنات والمواطنين لتقديم اقتراحاتهم وملاحظاتهم حول تدبير شؤون الجماعة. "
    "تدرس الجماعة كل اقتراح وتجيب عنه هنا، ويمكنكم دعم الاقتراحات والتعليق عليها ومتابعتها.</p>"
)
INTRO_FR = (
    "<p>Un espace ouvert à toutes les citoyennes et à tous les citoyens pour proposer leurs suggestions "
    "et remarques sur la gestion de la commune. La commune étudie chaque suggestion et y répond ici ; "
    "vous pouvez soutenir, commenter et suivre les suggestions.</p>"
)
RULES_AR = (
    "<ul><li>اقتراح واحد لكل موضوع، بعبارات واضحة ومحترمة.</li>"
    "<li>لا تكتبوا معطيات شخصية عن أي شخص (أسماء، أرقام هواتف، عناوين).</li>"
    "<li>الشكايات الفردية تقدم عبر مكتب الضبط أو بوابة الشكايات الوطنية.</li></ul>"
)
RULES_FR = (
    "<ul><li>Une suggestion par sujet, formulée clairement et avec respect.</li>"
    "<li>N’écrivez aucune donnée personnelle sur quiconque (noms, téléphones, adresses).</li>"
    "<li>Les plaintes individuelles passent par le bureau d’ordre ou le portail national des plaintes.</li></ul>"
)

DEMO_CATEGORIES = [
    ("الطرق والأرصفة", "Voirie et trottoirs"),
    ("الإنارة العمومية", "Éclairage public"),
    ("النظافة والنفايات", "Propreté et déchets"),
    ("المساحات الخضراء", "Espaces verts"),
    ("النقل والسير", "Transport et circulation"),
    ("الثقافة والرياضة والشباب", "Culture, sport et jeunesse"),
]


def suggestions_setup(*, site: Site, home_ar: Page, home_fr: Page, demo: bool, demo_users: dict | None = None) -> SuggestionsPage:
    """The suggestions space under "Participate" (else under home), in both languages; its
    categories; demo suggestions, comments and supports when ``demo``. Idempotent."""
    from participation.core.models import Category
    from site_template.pages.tree import add_translated_child

    existing = SuggestionsPage.objects.descendant_of(home_ar).filter(locale_id=home_ar.locale_id).first()
    if existing is None:
        parent = home_ar.get_children().filter(slug="participate").first()
        parent = parent.specific if parent is not None else home_ar
        taken = set(parent.get_children().values_list("slug", flat=True))
        slug, n = SLUG, 2
        while slug in taken:
            slug, n = f"{SLUG}-{n}", n + 1
        existing, _page_fr = add_translated_child(
            parent,
            page_class=SuggestionsPage,
            ar={"title": "فضاء الاقتراحات والملاحظات", "slug": slug, "intro": INTRO_AR, "posting_rules": RULES_AR},
            fr={"title": "Espace des suggestions et remarques", "slug": slug, "intro": INTRO_FR, "posting_rules": RULES_FR},
            show_in_menus=True,
        )
    for order, (name_ar, name_fr) in enumerate(DEMO_CATEGORIES):
        Category.objects.get_or_create(site=site, name_ar=name_ar, defaults={"name_fr": name_fr, "sort_order": order})
    if demo:
        from .demo import demo_suggestions_create

        demo_suggestions_create(site=site, page=existing, demo_users=demo_users or {})
    return existing


def role_permissions() -> dict:
    """The focal point moderates and answers the suggestions and keeps the categories."""
    return {
        Role.FOCAL_POINT: [
            "participation_core.moderate_contribution",
            "participation_core.answer_contribution",
            "participation_core.add_category",
            "participation_core.change_category",
            "participation_core.delete_category",
        ],
    }
