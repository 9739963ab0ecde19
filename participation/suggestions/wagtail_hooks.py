"""The suggestions space plugs into the commune: its page (``commune_setup``), its home-page
section (``home_sections``), what the focal point may do (``role_permissions``) and where a meeting
idea can become a suggestion (``participation_conversion_targets``)."""

from __future__ import annotations

from functools import partial

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from participation.core.conversion import CONVERSION_TARGETS_HOOK, ConversionTarget
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


@hooks.register("commune_setup")
def setup_suggestions(*, site, home_ar, home_fr, demo: bool, demo_users: dict | None = None, **kwargs) -> None:
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


setup_suggestions.order = 60


@hooks.register("home_sections")
def suggestions_home_section(*, home, request):
    from participation.core.pages import localized_page
    from site_template.pages.selectors import HomeSection

    from .selectors import home_suggestions

    page = SuggestionsPage.objects.live().descendant_of(home).first()
    if page is None:
        return None
    items = home_suggestions(page=page)
    if not items["latest"]:
        return None
    page = localized_page(page, get_language())
    return HomeSection(
        key="suggestions",
        title=str(_("Citizens’ suggestions")),
        template="suggestions/includes/home_section.html",
        items={"page": page, **items},
        more_url=page.url,
        order=30,
    )


@hooks.register("role_permissions")
def suggestions_role_permissions():
    return {
        Role.FOCAL_POINT: [
            "participation_core.moderate_contribution",
            "participation_core.answer_contribution",
            "participation_core.add_category",
            "participation_core.change_category",
            "participation_core.delete_category",
        ],
    }


def _suggestion_from_elsewhere(*, page: SuggestionsPage, title: str, text: str, on_behalf_of_name: str,
                               origin: dict, by):
    """A suggestion entered by staff for people met elsewhere (e.g. an idea from a meeting)."""
    from participation.core.services import contribution_create

    return contribution_create(
        page=page, author=None, kind="suggestion", title=title, text=text,
        entered_by_staff=True, on_behalf_of_name=on_behalf_of_name, data=origin,
    )


@hooks.register(CONVERSION_TARGETS_HOOK, order=10)
def suggestion_conversion_targets(site) -> list[ConversionTarget]:
    """Each live suggestions space of the commune (source-language copy)."""
    from participation.core.pages import in_source_language

    return [
        ConversionTarget(
            key=f"suggestion:{page.pk}", kind="suggestion",
            label=gettext("Suggestion in “%(page)s”") % {"page": page.title}, page=page,
            create=partial(_suggestion_from_elsewhere, page=page),
        )
        for page in in_source_language(SuggestionsPage.objects.live().descendant_of(site.root_page))
    ]
