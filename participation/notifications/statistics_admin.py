"""The focal point's participation statistics in the Wagtail admin (per commune, date range,
period, kind), with CSV/XLSX export of each table. The figures come from
``participation.core.statistics``; this module is only the admin page (kept in this app so the
core app's admin files stay with their owner)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from participation.core.admin_views import staff_site_ids
from participation.core.exports import Column, export_rows
from participation.core.models import contribution_kind_choices
from participation.core.statistics import PERIODS, statistics_report

TABLES = {
    "by_period": gettext_lazy("By period"),
    "by_category": gettext_lazy("By category"),
    "by_neighbourhood": gettext_lazy("By neighbourhood concerned"),
    "by_gender": gettext_lazy("Participants by gender"),
    "by_age": gettext_lazy("Participants by age bracket"),
    "by_residence": gettext_lazy("Participants by neighbourhood of residence"),
}
PERIOD_LABELS = {"day": gettext_lazy("Day"), "week": gettext_lazy("Week"), "month": gettext_lazy("Month")}


class StatisticsForm(forms.Form):
    site = forms.TypedChoiceField(label=gettext_lazy("Commune"), coerce=int)
    start = forms.DateField(label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}))
    period = forms.ChoiceField(
        label=gettext_lazy("Group by"), choices=[(p, PERIOD_LABELS[p]) for p in PERIODS]
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [(s.pk, s.site_name or s.hostname) for s in sites]
        self.fields["kind"].choices = [("", _("All kinds")), *contribution_kind_choices()]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start date must be before the end date."))
        return data


def _defaults(site_id: int) -> dict:
    today = timezone.localdate()
    return {
        "site": site_id,
        "start": today - dt.timedelta(days=365),
        "end": today,
        "period": "month",
        "kind": "",
    }


class StatisticsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "notifications/admin/statistics.html"
    page_title = gettext_lazy("Participation statistics")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not (
            request.user.has_perm("participation_core.answer_contribution")
            or request.user.has_perm("participation_core.moderate_contribution")
        ):
            raise PermissionDenied
        self.sites = list(Site.objects.filter(pk__in=staff_site_ids(request.user)).order_by("site_name"))
        if not self.sites:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def _form(self) -> StatisticsForm:
        data = self.request.GET if "site" in self.request.GET else _defaults(self.sites[0].pk)
        return StatisticsForm(data, sites=self.sites)

    def get(self, request, *args, **kwargs):
        form = self._form()
        report = None
        if form.is_valid():
            data = form.cleaned_data
            site = next(s for s in self.sites if s.pk == data["site"])
            report = statistics_report(
                site=site,
                start=data["start"],
                end=data["end"],
                kinds=[data["kind"]] if data["kind"] else [],
                period=data["period"],
            )
            table = request.GET.get("export")
            if table in TABLES and request.GET.get("format") in ("csv", "xlsx"):
                return self._export(report, table, request.GET["format"], data)
        context = self.get_context_data(form=form, report=report, tables=self._tables(report))
        return self.render_to_response(context)

    @staticmethod
    def _tables(report):
        if report is None:
            return []
        return [(key, label, report[key]) for key, label in TABLES.items()]

    @staticmethod
    def _export(report, table: str, fmt: str, data) -> HttpResponse:
        columns = [
            Column("label", _("Group")),
            Column("contributions", _("Contributions")),
            Column("comments", _("Comments")),
            Column("supports", _("Supports")),
            Column("participants", _("Participants")),
            Column(lambda r: ", ".join(map(str, r.merged)), _("Groups merged")),
        ]
        filename = f"statistics-{table}-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}"
        return export_rows(
            report[table], columns, format=fmt, filename=filename, sheet_title=str(TABLES[table])
        )
