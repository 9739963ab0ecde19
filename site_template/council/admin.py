"""Wagtail admin for council sessions: a flat listing with the art. 273 status (column and
filter) and the dashboard panel listing sessions whose decisions are overdue."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import CouncilSessionPage
from .selectors import decisions_due_on, overdue_sessions, publication_days, sessions_editable_by


def _overdue_pks(request) -> set[int]:
    if not hasattr(request, "_council_overdue_pks"):
        request._council_overdue_pks = set(overdue_sessions().values_list("pk", flat=True))
    return request._council_overdue_pks


class DecisionsStatusColumn(Column):
    cell_template_name = "council/admin/decisions_status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context["overdue"] = instance.pk in _overdue_pks(request)
        context["due_on"] = decisions_due_on(instance)
        return context


class CouncilSessionFilterSet(PageFilterSet):
    overdue = BooleanFilter(label=_("Decisions overdue (art. 273)"), method="filter_overdue")

    def filter_overdue(self, queryset, name, value):
        pks = overdue_sessions().values("pk")
        return queryset.filter(pk__in=pks) if value else queryset.exclude(pk__in=pks)

    class Meta:
        model = CouncilSessionPage
        fields = []


class CouncilSessionListingViewSet(PageListingViewSet):
    model = CouncilSessionPage
    icon = "date"
    menu_label = _("Council sessions")
    add_to_admin_menu = True
    menu_order = 250
    name = "council_sessions"
    filterset_class = CouncilSessionFilterSet
    columns = [
        *PageListingViewSet.index_view_class.base_columns,
        DecisionsStatusColumn("decisions_status", label=_("Decisions (art. 273)")),
    ]


class OverdueDecisionsPanel(Component):
    """Dashboard panel: the sessions (of the communes the user edits) whose decisions are overdue."""

    name = "council_overdue_decisions"
    order = 90
    template_name = "council/admin/overdue_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        sessions = list(overdue_sessions(sessions=sessions_editable_by(self.request.user)))
        return {
            "sessions": [(s, decisions_due_on(s)) for s in sessions],
            "days": publication_days(),
            "request": self.request,
        }
