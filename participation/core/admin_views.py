"""The focal point's side in the Wagtail admin: moderation queue (reports → hide / restore /
dismiss / block the author), hidden items, account blocks, moderation log, and the
contributions list with the official answer + status form. Each commune's staff see only
their own commune's items."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from site_template.communes.admin_scoping import OutsideCommunes, refuse_outside
from site_template.communes.roles import Role
from site_template.communes.selectors import site_ids_served_by
from site_template.params import clean_query_text, parse_id

from . import selectors, services
from .forms import BlockForm, HideForm, OfficialAnswerForm, RestoreForm
from .models import (
    Comment,
    Contribution,
    ContributionStatus,
    UserBlock,
    Visibility,
    contribution_kind_choices,
)
from .pages import contribution_url


def staff_site_ids(user) -> list[int]:
    """Sites whose participation the user runs (focal point or administrator): the communes rule
    ``site_template.communes.selectors.site_ids_served_by`` for the focal-point role."""
    return sorted(site_ids_served_by(user=user, roles=[Role.FOCAL_POINT]))


class ParticipationAdminView(WagtailAdminTemplateMixin, TemplateView):
    permission = "participation_core.moderate_contribution"
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            site_id = self.object_site_id()
            if site_id is not None:
                refuse_outside(request.user, site_id=site_id)  # 403 for another commune's item
            raise PermissionDenied
        self.site_ids = staff_site_ids(request.user)
        return super().dispatch(request, *args, **kwargs)

    def object_site_id(self) -> int | None:
        """The commune of the item the URL names, if any (see ``dispatch``)."""
        return None

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def back(self, fallback: str) -> str:
        candidate = self.request.POST.get("next", "")
        if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={self.request.get_host()}):
            return candidate
        return fallback


class ModerationQueueView(ParticipationAdminView):
    template_name = "participation_core/admin/moderation_queue.html"
    page_title = gettext_lazy("Moderation queue")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = selectors.moderation_queue(site_ids=self.site_ids)
        context["hide_form"] = HideForm()
        context["block_form"] = BlockForm()
        return context


def _in_communes(obj, *, site_id: int, site_ids: list[int]):
    """``obj`` if it belongs to one of ``site_ids``; another commune's object answers 403."""
    if site_id not in site_ids:
        raise OutsideCommunes
    return obj


def _target(kind: str, pk: int, site_ids: list[int]):
    if kind == "contribution":
        obj = get_object_or_404(Contribution, pk=pk)
        return {"contribution": _in_communes(obj, site_id=obj.site_id, site_ids=site_ids)}, obj
    if kind == "comment":
        obj = get_object_or_404(Comment.objects.select_related("contribution"), pk=pk)
        return {"comment": _in_communes(obj, site_id=obj.contribution.site_id, site_ids=site_ids)}, obj
    raise PermissionDenied


class ModerationActionView(ParticipationAdminView):
    """POST-only: hide / restore / dismiss a contribution or a comment (GET shows the form)."""

    template_name = "participation_core/admin/moderation_action.html"
    page_title = gettext_lazy("Moderate")

    def object_site_id(self):
        if self.kwargs["kind"] == "comment":
            return Comment.objects.filter(pk=self.kwargs["pk"]).values_list("contribution__site_id", flat=True).first()
        return Contribution.objects.filter(pk=self.kwargs["pk"]).values_list("site_id", flat=True).first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        target, obj = _target(self.kwargs["kind"], self.kwargs["pk"], self.site_ids)
        context.update(
            {
                "obj": obj,
                "kind": self.kwargs["kind"],
                "action": self.kwargs["action"],
                "form": kwargs.get("form") or (HideForm() if self.kwargs["action"] == "hide" else RestoreForm()),
            }
        )
        return context

    def post(self, request, kind: str, pk: int, action: str):
        target, obj = _target(kind, pk, self.site_ids)
        form = HideForm(request.POST) if action == "hide" else RestoreForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        reason = form.cleaned_data["reason"]
        try:
            if action == "hide":
                services.moderation_hide(by=request.user, reason=reason, **target)
                messages.success(request, _("Hidden. The author sees the reason."))
            elif action == "restore":
                services.moderation_restore(by=request.user, reason=reason, **target)
                messages.success(request, _("Restored."))
            elif action == "dismiss":
                services.moderation_dismiss(by=request.user, reason=reason, **target)
                messages.success(request, _("Reports dismissed; the item stays visible."))
            else:
                raise PermissionDenied
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form))
        return redirect(self.back(reverse("participation_core_admin:queue")))


class BlockUserView(ParticipationAdminView):
    template_name = "participation_core/admin/block_user.html"
    page_title = gettext_lazy("Block an account")

    def _user(self):
        from django.contrib.auth import get_user_model

        return get_object_or_404(get_user_model(), pk=self.kwargs["user_id"])

    def _site(self):
        site_id = parse_id(self.request.POST.get("site") or self.request.GET.get("site"))
        if site_id is None:
            raise BadRequest(_("This commune does not exist."))
        site = get_object_or_404(Site, pk=site_id)
        return _in_communes(site, site_id=site.pk, site_ids=self.site_ids)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "target_user": self._user(),
                "site": self._site(),
                "form": kwargs.get("form") or BlockForm(),
                "active_blocks": UserBlock.objects.active().filter(user=self._user(), site=self._site()),
            }
        )
        return context

    def post(self, request, user_id: int):
        form = BlockForm(request.POST)
        user, site = self._user(), self._site()
        if request.POST.get("unblock") == "1":
            services.user_unblock(user=user, site=site, by=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("The account is unblocked."))
            return redirect(reverse("participation_core_admin:blocks"))
        if form.is_valid():
            try:
                services.user_block(
                    user=user, site=site, by=request.user, days=form.cleaned_data["days"], reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The account is blocked."))
                return redirect(self.back(reverse("participation_core_admin:queue")))
        return self.render_to_response(self.get_context_data(form=form))


class BlocksView(ParticipationAdminView):
    template_name = "participation_core/admin/blocks.html"
    page_title = gettext_lazy("Blocked accounts")
    header_icon = "lock"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["blocks"] = UserBlock.objects.active().filter(site_id__in=self.site_ids).select_related(
            "user", "created_by", "site"
        )
        return context


class HiddenItemsView(ParticipationAdminView):
    template_name = "participation_core/admin/hidden.html"
    page_title = gettext_lazy("Hidden items")
    header_icon = "view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.hidden_items(site_ids=self.site_ids))
        return context


class ModerationLogView(ParticipationAdminView):
    template_name = "participation_core/admin/moderation_log.html"
    page_title = gettext_lazy("Moderation log")
    header_icon = "history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(selectors.moderation_log(site_ids=self.site_ids), 50)
        context["actions"] = paginator.get_page(self.request.GET.get("p"))
        return context


class ContributionListView(ParticipationAdminView):
    permission = "participation_core.answer_contribution"
    template_name = "participation_core/admin/contributions.html"
    page_title = gettext_lazy("Contributions")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qs = Contribution.objects.filter(site_id__in=self.site_ids).select_related("author", "category", "page")
        status = self.request.GET.get("status", "")
        kind = clean_query_text(self.request.GET.get("kind"), max_length=40)
        q = clean_query_text(self.request.GET.get("q"))
        if status in ContributionStatus.values:
            qs = qs.filter(status=status)
        if kind:
            qs = qs.filter(kind=kind)
        if q:
            qs = qs.filter(Q(title__icontains=q) | Q(text__icontains=q))
        if self.request.GET.get("unanswered") == "1":
            qs = qs.filter(official_answer="").exclude(status=ContributionStatus.WITHDRAWN)
        paginator = Paginator(qs.order_by("-created_at", "-pk"), 50)
        contributions = paginator.get_page(self.request.GET.get("p"))
        kinds = contribution_kind_choices()
        labels = dict(kinds)
        contributions.object_list = list(contributions.object_list)
        for contribution in contributions.object_list:
            contribution.kind_label = labels.get(contribution.kind, contribution.kind)
        context.update(
            {
                "contributions": contributions,
                "statuses": ContributionStatus.choices,
                "kinds": kinds,
                "status": status,
                "kind": kind,
                "q": q,
                "unanswered": self.request.GET.get("unanswered") == "1",
            }
        )
        return context


class ContributionAnswerView(ParticipationAdminView):
    permission = "participation_core.answer_contribution"
    template_name = "participation_core/admin/contribution_answer.html"
    page_title = gettext_lazy("Official answer and status")

    def object_site_id(self):
        return Contribution.objects.filter(pk=self.kwargs["pk"]).values_list("site_id", flat=True).first()

    def _contribution(self) -> Contribution:
        contribution = get_object_or_404(
            Contribution.objects.select_related("author", "category", "neighbourhood", "page"), pk=self.kwargs["pk"]
        )
        return _in_communes(contribution, site_id=contribution.site_id, site_ids=self.site_ids)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contribution = kwargs.get("contribution") or self._contribution()
        context.update(
            {
                "contribution": contribution,
                "form": kwargs.get("form") or OfficialAnswerForm(contribution=contribution),
                "history": selectors.status_history(contribution=contribution),
                "public_url": contribution_url(contribution),
                "hidden": contribution.visibility == Visibility.HIDDEN,
            }
        )
        return context

    def post(self, request, pk: int):
        contribution = self._contribution()
        form = OfficialAnswerForm(request.POST, contribution=contribution)
        if form.is_valid():
            try:
                services.contribution_set_status(
                    contribution=contribution,
                    status=form.cleaned_data["status"],
                    by=request.user,
                    answer=form.cleaned_data["answer"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved. The history is public and followers are notified."))
                return redirect(reverse("participation_core_admin:answer", args=[pk]))
        return self.render_to_response(self.get_context_data(form=form, contribution=contribution))


admin_home_url = reverse_lazy("participation_core_admin:queue")
