"""Admin and foundation hooks for citizen meetings: the themes snippet, the registrant views,
buttons on meeting pages, the home-page section, the commune generator and role permissions."""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from participation.core.admin_buttons import register_page_tools_button
from participation.core.indicators import INDICATOR_SOURCES_HOOK
from participation.core.pages import logical_page_id, request_site
from site_template.communes.admin_scoping import (
    CommuneScope,
    CommuneScopedPermissionPolicy,
    CommuneScopedViewSetMixin,
)
from site_template.communes.roles import Role
from site_template.pages.selectors import HomeSection

from . import admin_views, rules, selectors, services
from .models import MeetingPage, MeetingTheme

MEETING_THEME_SCOPE = CommuneScope(roles=(Role.FOCAL_POINT, Role.COMMUNICATOR))


class MeetingThemeViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    """Each commune's staff see and edit their own commune's themes."""

    commune_scope = MEETING_THEME_SCOPE
    model = MeetingTheme
    icon = "tag"
    menu_label = _("Meeting themes")
    list_display = ["name_ar", "name_fr", "slug", "site"]
    list_filter = ["site"]
    search_fields = ["name_ar", "name_fr"]


register_permission_policy(MeetingTheme, CommuneScopedPermissionPolicy(MeetingTheme, scope=MEETING_THEME_SCOPE))
register_snippet(MeetingThemeViewSet)


admin_urlpatterns = [
    path("<id:page_id>/registrants/", admin_views.registrants, name="registrants"),
    path("<id:page_id>/sign-in-sheet/", admin_views.sign_in_sheet, name="sign_in_sheet"),
    path("<id:page_id>/registrants.<str:fmt>", admin_views.export, name="export"),
    path("<id:page_id>/ideas/<id:idea_id>/convert/", admin_views.convert_idea, name="convert_idea"),
]


@hooks.register("register_admin_urls")
def register_meetings_admin_urls():
    return [path("meetings/", include((admin_urlpatterns, "meetings_admin"), namespace="meetings_admin"))]


register_page_tools_button(
    page_class=MeetingPage, label=_("Registrants"), url_name="meetings_admin:registrants", icon_name="group",
    rule=rules.can_manage_meeting, priority=65,
)


@hooks.register("after_publish_page")
def fill_waitlist_after_publish(request, page):
    """When staff publish a meeting: waiting people get any new places (capacity raised), the
    meeting gets its copy in the other language if it has none, followers of its theme hear about
    it (once), and a report opens its comments."""
    specific = page.specific_deferred
    if isinstance(specific, MeetingPage) and logical_page_id(specific) == specific.pk:
        services.meeting_fill_from_waitlist(meeting=specific)
        services.meeting_translations_ensure(meeting=specific)
        services.meeting_announce(meeting=specific)
        if specific.has_report:
            services.meeting_report_thread(meeting=specific)


@hooks.register("home_sections")
def next_meetings_section(*, home, request):
    site = request_site(request, home)
    if site is None:
        return None
    items = selectors.next_meetings(site=site)
    if not items:
        return None
    index = selectors.meeting_index_for_site(site=site)
    return HomeSection(key="meetings", title=str(_("Next citizen meetings")),
                       template="meetings/includes/home_section.html", items=items,
                       more_url=index.url if index else None, order=40,
                       expires_at=min(item.meeting.starts_at for item in items))  # the first one leaves the list


@hooks.register("commune_setup")
def setup_meetings(*, site, home_ar, home_fr, demo: bool, demo_users: dict) -> None:
    from .provisioning import meetings_setup

    meetings_setup(site=site, home_ar=home_ar, home_fr=home_fr, demo=demo, demo_users=demo_users)


setup_meetings.order = 150


@hooks.register("role_permissions")
def meetings_permissions():
    from .provisioning import role_permissions

    return role_permissions()


@hooks.register("periodic_jobs")
def meetings_jobs():
    from datetime import time

    from participation.core.scheduling import PeriodicJob

    return [PeriodicJob("meetings.reminders", services.reminders_send, at=time(18, 0),
                        description="Reminds registrants of the meetings of tomorrow.")]


@hooks.register(INDICATOR_SOURCES_HOOK)
def meetings_indicators():
    """What the participation charter can compute from the meetings (``indicators``)."""
    from .indicators import sources

    return sources()
