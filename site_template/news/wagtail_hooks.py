"""News plugs into the commune generator (``commune_setup``) and the home page (``home_sections``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Locale

from site_template.pages.selectors import HomeSection

from .models import NewsIndexPage
from .selectors import latest_news, news_index_for


@hooks.register("commune_setup")
def setup_news(*, site, home_ar, home_fr, demo: bool, demo_users: dict | None = None, **kwargs) -> None:
    """The news index under home (in the menu), in both languages; demo news when asked. Idempotent."""
    from site_template.pages.tree import add_translated_child

    from .demo import create_demo_news

    index_ar = NewsIndexPage.objects.child_of(home_ar).first()
    if index_ar is None:
        index_ar, _index_fr = add_translated_child(
            home_ar,
            page_class=NewsIndexPage,
            ar={"title": "الأخبار والإعلانات", "slug": "news",
                "intro": "<p>أخبار الجماعة وإعلاناتها. تابعوها أيضا عبر RSS أو Atom.</p>"},
            fr={"title": "Actualités et annonces", "slug": "news",
                "intro": "<p>Les actualités et annonces de la commune, aussi en flux RSS ou Atom.</p>"},
            show_in_menus=True,
        )
    elif not index_ar.has_translation(Locale.objects.get(language_code="fr")):
        index_fr = index_ar.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=False)
        index_fr.save_revision().publish()
    if demo:
        from site_template.library.selectors import commune_collection

        create_demo_news(index_ar=index_ar, collection=commune_collection(site=site))


setup_news.order = 40


@hooks.register("home_sections")
def latest_news_section(*, home, request) -> HomeSection | None:
    items = latest_news(home=home, limit=3)
    if not items:
        return None
    index = news_index_for(home=home)
    return HomeSection(
        key="news",
        title=str(_("Latest news")),
        template="news/includes/home_section.html",
        items=items,
        more_url=index.get_url(request=request) if index else None,
        order=60,
    )
