"""Council sessions plug into the generator (``commune_setup``), the home page (``home_sections``)
and the Wagtail admin (flat listing with the art. 273 status, dashboard panel of overdue decisions)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Locale

from participation.core.indicators import INDICATOR_SOURCES_HOOK
from site_template.pages.selectors import HomeSection

from .admin import CouncilSessionListingViewSet, OverdueDecisionsPanel
from .models import CouncilSessionIndexPage
from .selectors import sessions_list_changes_at, upcoming_sessions


@hooks.register("register_admin_viewset")
def register_council_sessions_listing():
    return CouncilSessionListingViewSet()


@hooks.register("construct_homepage_panels")
def add_overdue_decisions_panel(request, panels):
    panels.append(OverdueDecisionsPanel(request))


@hooks.register("commune_setup")
def setup_council(*, site, home_ar, home_fr, demo: bool, demo_users: dict | None = None, **kwargs) -> None:
    """The council sessions index (in the menu, under “The council” section if the generator made one,
    else under home) in both languages; demo sessions when asked. Idempotent."""
    from site_template.pages.models import SectionPage
    from site_template.pages.tree import add_translated_child

    from .demo import create_demo_sessions

    index_ar = CouncilSessionIndexPage.objects.descendant_of(home_ar).first()
    if index_ar is None:
        parent = SectionPage.objects.child_of(home_ar).filter(slug="council").first() or home_ar
        index_ar, _index_fr = add_translated_child(
            parent,
            page_class=CouncilSessionIndexPage,
            ar={"title": "دورات المجلس الجماعي", "slug": "council-sessions",
                "intro": "<p>دورات المجلس عمومية (المادة 48 من القانون التنظيمي 113.14). تعقد الدورات العادية "
                         "في فبراير وماي وأكتوبر، وتنشر المقررات داخل أجل ثمانية أيام (المادة 273).</p>"},
            fr={"title": "Sessions du conseil communal", "slug": "council-sessions",
                "intro": "<p>Les sessions du conseil sont publiques (loi organique 113.14, art. 48). Les sessions "
                         "ordinaires ont lieu en février, mai et octobre ; les décisions sont affichées dans les "
                         "huit jours (art. 273).</p>"},
            show_in_menus=True,
        )
    elif not index_ar.has_translation(Locale.objects.get(language_code="fr")):
        index_ar.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    if demo:
        from site_template.library.models import DocumentCategoryItem

        minutes = (
            DocumentCategoryItem.objects.filter(category__site=site, category__slug="council-decisions")
            .select_related("document").first()
        )
        create_demo_sessions(index_ar=index_ar, minutes=minutes.document if minutes else None)


setup_council.order = 50


@hooks.register("home_sections")
def next_sessions_section(*, home, request) -> HomeSection | None:
    items = list(upcoming_sessions(home=home, limit=3))
    if not items:
        return None
    index = CouncilSessionIndexPage.objects.live().descendant_of(home).first()
    return HomeSection(
        key="council",
        title=str(_("Next council sessions")),
        template="council/includes/home_section.html",
        items=items,
        more_url=index.get_url(request=request) if index else None,
        order=40,
        expires_at=sessions_list_changes_at(items),
    )


@hooks.register(INDICATOR_SOURCES_HOOK)
def council_indicators():
    """What the participation charter can compute from the council sessions (``indicators``)."""
    from .indicators import sources

    return sources()
