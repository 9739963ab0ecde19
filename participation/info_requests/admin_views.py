"""The information officer's side in the Wagtail admin: the queue (a ``ModelViewSet`` index,
restricted to the communes where the user is an information officer or administrator) and the
processing page of one request (identity, log, and one form per transition)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from participation.core.admin_columns import CitizenTextColumn
from site_template.communes.admin_scoping import refuse_outside
from site_template.communes.models import CommuneRole
from site_template.communes.roles import Role

from . import deadlines, forms, selectors, services
from .models import Attachment, Complaint, DataRequest, InfoRequest, Status
from .rules import can_handle_requests, sites_handled_by
from .views import _file_response


class DaysLeftColumn(Column):
    """Working days left (calendar days for an urgent request), read from ``deadline_left``, which
    ``QueueIndexView.get_table`` sets on the rows of the page with one holiday query."""

    def get_value(self, instance):
        left = getattr(instance, "deadline_left", None)
        if left is None:
            return "—"
        return left.label


class MaskedIdColumn(Column):
    """The ID number masked (only the last three characters), kept left-to-right."""

    def get_value(self, instance):
        return format_html('<bdi dir="ltr">{}</bdi>', instance.masked_id_number)


class QueueIndexView(IndexView):

    def get_base_queryset(self):
        return selectors.queue(sites=sites_handled_by(user=self.request.user))

    def get_table(self, object_list):
        rows = list(object_list)
        left = deadlines.days_left_for_requests(requests=rows)
        for row in rows:
            row.deadline_left = left.get(row.pk)
        return super().get_table(rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        complaints = selectors.pending_complaints(sites=sites_handled_by(user=self.request.user))
        for complaint in complaints:
            complaint.deadline_left = deadlines.complaint_days_left(complaint=complaint)
        context["pending_complaints"] = complaints
        return context

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return reverse("info_requests:process", args=[instance.pk])

    def get_copy_url(self, instance):
        return None

    def get_inspect_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not sites_handled_by(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class InfoRequestViewSet(ModelViewSet):
    model = InfoRequest
    name = "info_requests"
    icon = "help"
    menu_label = gettext_lazy("Information requests")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = QueueIndexView
    index_template_name = "info_requests/admin/queue.html"
    list_display = [
        "tracking_number",
        CitizenTextColumn("subject", label=gettext_lazy("Subject")),
        "status",
        "due_date",
        DaysLeftColumn("days_left", label=gettext_lazy("Days left")),
        Column("assigned_to", label=gettext_lazy("Assigned to"),
               accessor=lambda r: r.assigned_to.listed_name if r.assigned_to else "—"),
        MaskedIdColumn("masked_id_number", label=gettext_lazy("Document number")),
    ]
    list_filter = ["status", "is_urgent"]
    search_fields = ["tracking_number", "subject"]
    search_backend_name = None
    ordering = None
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<id:pk>/", ProcessView.as_view(), name="process"),
            path("<id:pk>/files/<id:file_pk>/", attachment_view, name="attachment"),
        ]

    def register_admin_url_finder(self):
        return None

    def register_reference_index(self):
        return None


def _get_for_officer(request, pk: int) -> InfoRequest:
    info_request = get_object_or_404(InfoRequest.objects.select_related("site"), pk=pk)
    if not can_handle_requests(user=request.user, site=info_request.site):
        refuse_outside(request.user, site_id=info_request.site_id)  # 403 for another commune's request
    return info_request


def attachment_view(request, pk: int, file_pk: int):
    info_request = _get_for_officer(request, pk)
    found = Attachment.objects.filter(pk=file_pk, request=info_request).first()
    if found is None:
        raise Http404
    return _file_response(found)


class ProcessView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "info_requests/admin/process.html"
    header_icon = "help"

    ACTIONS = {
        "start": None,
        "assign": forms.AssignForm,
        "extend": forms.ReasonForm,
        "answer": forms.AnswerForm,
        "refuse": forms.RefuseForm,
        "transfer": forms.TransferForm,
        "withdraw": forms.ReasonForm,
        "message": forms.MessageForm,
        "publish": None,
        "unpublish": None,
        "complaint_answer": forms.ComplaintAnswerForm,
        "data_handle": forms.DataHandleForm,
        "erase": None,
    }

    def dispatch(self, request, *args, **kwargs):
        self.info_request = _get_for_officer(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Request %(number)s") % {"number": self.info_request.tracking_number}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("info_requests:index"), "label": _("Information requests")},
            {"url": "", "label": self.info_request.tracking_number},
        ]

    def officers(self):
        groups = CommuneRole.objects.filter(
            site=self.info_request.site, role__in=[Role.INFORMATION_OFFICER, Role.ADMINISTRATOR]
        ).values("group")
        return get_user_model().objects.filter(groups__in=groups, is_active=True).distinct().order_by("email")

    def make_forms(self, bound_action: str | None = None, data=None, files=None) -> dict:
        made = {}
        for action, form_class in self.ACTIONS.items():
            if form_class is None:
                continue
            kwargs = {}
            if form_class is forms.AssignForm:
                kwargs["officers"] = self.officers()
                kwargs["initial"] = {"officer": self.info_request.assigned_to_id}
            if action == bound_action:
                made[action] = form_class(data, files, prefix=action, **kwargs)
            else:
                made[action] = form_class(prefix=action, **kwargs)
        return made

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        detail = selectors.request_detail(request=self.info_request)
        complaints = list(detail.complaints.all())
        for complaint in complaints:
            if complaint.state == Complaint.State.FILED:
                complaint.deadline_left = deadlines.complaint_days_left(complaint=complaint)
        # Showing the identity is logged (law 09-08: access restricted and traced).
        services.identity_access_log(request=detail, user=self.request.user, action="view")
        context.update(
            info_request=detail,
            forms=kwargs.get("forms") or self.make_forms(),
            events=list(detail.events.all()),
            attachments=list(detail.attachments.all()),
            complaints=complaints,
            data_requests=list(detail.data_requests.all()),
            can_extend=deadlines.can_extend(request=detail),
            deadline_left=deadlines.days_left(request=detail),

            Status=Status,
            identity_accesses=detail.identity_accesses.select_related("user")[:10],
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in self.ACTIONS:
            raise Http404
        made = self.make_forms(action, request.POST, request.FILES)
        form = made.get(action)
        if form is not None and not form.is_valid():
            messages.error(request, _("The form contains errors."))
            return self.render_to_response(self.get_context_data(forms=made))
        data = form.cleaned_data if form is not None else {}
        user = request.user
        r = self.info_request
        try:
            if action == "start":
                services.info_request_start(request=r, by=user)
            elif action == "assign":
                services.info_request_assign(request=r, officer=data["officer"], by=user)
            elif action == "extend":
                services.info_request_extend(request=r, reason=data["reason"], by=user)
            elif action == "answer":
                files = [data["files"]] if data.get("files") else []
                services.info_request_answer(request=r, message=data["message"], by=user, partial=data["partial"],
                                             files=files, publish=data["publish"])
            elif action == "refuse":
                services.info_request_refuse(request=r, ground=data["ground"], exception=data["exception"],
                                             reason=data["reason"], by=user)
            elif action == "transfer":
                services.info_request_transfer(request=r, body=data["body"], message=data["message"], by=user)
            elif action == "withdraw":
                services.info_request_withdraw(request=r, reason=data["reason"], by=user)
            elif action == "message":
                services.info_request_message(request=r, message=data["message"], by=user, internal=data["internal"])
            elif action in ("publish", "unpublish"):
                services.info_request_set_published(request=r, publish=action == "publish", by=user)
            elif action == "complaint_answer":
                complaint = get_object_or_404(Complaint, pk=data["complaint"], request=r)
                services.complaint_answer(complaint=complaint, answer=data["answer"], by=user)
            elif action == "data_handle":
                data_request = get_object_or_404(DataRequest, pk=data["data_request"], request=r)
                services.data_request_handle(data_request=data_request, done=data["done"],
                                             response=data["response"], by=user)
            elif action == "erase":
                services.identity_erase(request=r, by=user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.render_to_response(self.get_context_data(forms=made))
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(reverse("info_requests:process", args=[r.pk]))
