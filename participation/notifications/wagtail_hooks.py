"""Admin: the participation statistics page (menu item shown to focal points)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .statistics_admin import StatisticsView


@hooks.register("register_admin_urls")
def statistics_admin_urls():
    return [path("participation-statistics/", StatisticsView.as_view(), name="participation_statistics")]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm("participation_core.answer_contribution") or user.has_perm(
            "participation_core.moderate_contribution"
        )


@hooks.register("register_admin_menu_item")
def statistics_menu_item():
    return StatisticsMenuItem(
        _("Participation statistics"), reverse("participation_statistics"), icon_name="table", order=260
    )
