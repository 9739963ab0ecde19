"""The suggestions space plugs into the commune: its page (``commune_setup``), its home-page
section (``home_sections``), what the focal point may do (``role_permissions``) and where a meeting
idea can become a suggestion (``participation_conversion_targets``)."""

from __future__ import annotations

from functools import partial

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from participation.core.conversion import CONVERSION_TARGETS_HOOK, ConversionTarget

from .models import SuggestionsPage


@hooks.register("commune_setup")
def setup_suggestions(*, site, home_ar, home_fr, demo: bool, demo_users: dict | None = None, **kwargs) -> None:
    from .provisioning import suggestions_setup

    suggestions_setup(site=site, home_ar=home_ar, home_fr=home_fr, demo=demo, demo_users=demo_users)


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
    from .provisioning import role_permissions

    return role_permissions()


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
