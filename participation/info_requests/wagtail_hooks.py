"""Admin queue, settings, generator hook and role permissions for information requests."""

from django.utils.translation import gettext as _
from wagtail import hooks

from participation.core.indicators import INDICATOR_SOURCES_HOOK
from participation.core.pages import in_source_language, localized_page, page_site
from site_template.pages.selectors import HomeSection

from .admin_views import InfoRequestViewSet
from .provisioning import info_requests_setup, role_permissions


@hooks.register("register_admin_viewset")
def register_info_requests_viewset():
    return InfoRequestViewSet()


@hooks.register("commune_setup")
def setup_info_requests(*, site, home_ar, home_fr, demo: bool, demo_users: dict) -> None:
    info_requests_setup(site=site, home_ar=home_ar, home_fr=home_fr, demo=demo, demo_users=demo_users)


setup_info_requests.order = 150


@hooks.register("role_permissions")
def info_requests_permissions():
    return role_permissions()


@hooks.register("home_sections")
def published_answers_section(*, home, request):
    """The latest answers published in the register, with a link to ask for information."""
    from .models import InfoRequestPage
    from .selectors import register_entries

    site = page_site(home)
    if site is None:
        return None
    page = in_source_language(InfoRequestPage.objects.live()).descendant_of(site.root_page).first()
    if page is None:
        return None
    items = list(register_entries(site=site)[:3])
    if not items:
        return None
    page = localized_page(page).specific
    return HomeSection(key="info_requests", title=_("Recently answered information requests"),
                       template="info_requests/includes/home_section.html",
                       items={"entries": items, "page": page},
                       more_url=page.url + page.reverse_subpage("register"), order=80)


@hooks.register("periodic_jobs")
def info_requests_jobs():
    from datetime import time

    from participation.core.scheduling import PeriodicJob

    from . import services

    return [
        PeriodicJob("info_requests.officer_reminders", services.officer_reminders_send, at=time(8, 0),
                    description="Requests due soon and overdue, to the information officers."),
        PeriodicJob("info_requests.erase_identities", services.identities_erase_expired, at=time(2, 30),
                    description="Erases requesters' identities after the retention period (law 09-08)."),
    ]


@hooks.register(INDICATOR_SOURCES_HOOK)
def info_requests_indicators():
    """What the participation charter can compute from the requests (``indicators``)."""
    from .indicators import sources

    return sources()
