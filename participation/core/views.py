"""Generic participation endpoints: comment, edit, delete, support, report.

Each is a POST that redirects back to ``next`` (same-site only) with a message; invalid input
re-renders a small form page keeping what was typed. Requests from the JS enhancer
(``X-Requested-With: fetch`` or ``Accept: application/json``) get JSON instead.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from site_template.accounts.staff import mfa_setup_redirect, mfa_setup_required
from site_template.params import parse_id

from . import rules, services
from .forms import CommentEditForm, CommentForm, ReportForm
from .models import Comment, Contribution
from .pages import contribution_url
from .ratelimit import ratelimit, ratelimit_exceeded, ratelimit_message

PERMISSION_MESSAGES = {
    rules.LOGIN: lambda: _("Log in to take part."),
    rules.VERIFY_EMAIL: lambda: _("Confirm your email address to take part."),
    rules.BLOCKED: lambda: _("Your account is blocked from taking part for now."),
    rules.CLOSED: lambda: _("This is closed: it no longer takes part."),
    rules.HIDDEN: lambda: _("This item is hidden."),
    rules.OWN: lambda: _("You cannot support your own contribution."),
    rules.FORBIDDEN: lambda: _("You are not allowed to do this."),
    rules.TOO_LATE: lambda: _("The time to edit this comment has passed."),
}


def permission_message(reason: str) -> str:
    return PERMISSION_MESSAGES.get(reason, PERMISSION_MESSAGES[rules.FORBIDDEN])()


def wants_json(request: HttpRequest) -> bool:
    return request.headers.get("x-requested-with") == "fetch" or "application/json" in request.headers.get("accept", "")


def safe_next(request: HttpRequest, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def _contribution_or_404(pk: int) -> Contribution:
    contribution = Contribution.objects.select_related("page").filter(pk=pk).first()
    if contribution is None:
        raise Http404
    return contribution


def _specific_page(contribution: Contribution):
    return contribution.page.specific


def _denied(request: HttpRequest, permission: rules.Permission, back: str) -> HttpResponse:
    message = permission_message(permission.reason)
    if wants_json(request):
        return JsonResponse({"ok": False, "error": permission.reason, "message": message}, status=403)
    if permission.reason == rules.LOGIN:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(back)
    messages.error(request, message)
    return redirect(back)


@require_POST
def comment_post(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = _contribution_or_404(contribution_id)
    back = safe_next(request, contribution_url(contribution))
    if request.POST.get("official") == "1" and mfa_setup_required(request.user):
        return mfa_setup_redirect(request)  # an official reply is a staff power: not before the TOTP
    permission = rules.can_comment(request.user, contribution, page=_specific_page(contribution))
    if not permission:
        return _denied(request, permission, back)
    form = CommentForm(request.POST)
    if form.is_valid() and ratelimit_exceeded(request, "comment"):
        form.add_error(None, ratelimit_message("comment"))
    if form.is_valid():
        parent = None
        if form.cleaned_data.get("parent"):
            parent = Comment.objects.filter(pk=form.cleaned_data["parent"], contribution=contribution).first()
        official = request.POST.get("official") == "1" and rules.can_answer(request.user, site=contribution.site)
        try:
            comment = services.comment_create(
                contribution=contribution,
                author=request.user,
                text=form.cleaned_data["text"],
                parent=parent,
                official=official,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if wants_json(request):
                return JsonResponse({"ok": True, "id": comment.pk, "count": contribution.comment_count})
            messages.success(request, _("Your comment is published."))
            return redirect(f"{back.split('#', 1)[0]}#comment-{comment.pk}")
    if wants_json(request):
        return JsonResponse({"ok": False, "errors": form.errors.get_json_data()}, status=400)
    return render(
        request,
        "participation_core/comment_form.html",
        {"form": form, "contribution": contribution, "next": back, "action": request.path},
        status=400,
    )


@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = Comment.objects.select_related("contribution").filter(pk=comment_id).first()
    if comment is None:
        raise Http404
    back = safe_next(request, contribution_url(comment.contribution))
    permission = rules.can_edit_comment(request.user, comment)
    if not permission:
        return _denied(request, permission, back)
    form = CommentEditForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(comment=comment, by=request.user, text=form.cleaned_data["text"])
        except PermissionDenied as error:
            return _denied(request, rules.Permission(False, str(error) or rules.FORBIDDEN), back)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if wants_json(request):
                return JsonResponse({"ok": True})
            messages.success(request, _("Your comment is updated."))
            return redirect(f"{back.split('#', 1)[0]}#comment-{comment.pk}")
    return render(
        request,
        "participation_core/comment_edit.html",
        {"form": form, "comment": comment, "contribution": comment.contribution, "next": back},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def comment_delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = Comment.objects.select_related("contribution").filter(pk=comment_id).first()
    if comment is None:
        raise Http404
    back = safe_next(request, contribution_url(comment.contribution))
    permission = rules.can_delete_comment(request.user, comment)
    if not permission:
        return _denied(request, permission, back)
    if request.method == "POST":
        services.comment_delete(comment=comment, by=request.user)
        if wants_json(request):
            return JsonResponse({"ok": True})
        messages.success(request, _("Your comment is deleted."))
        return redirect(f"{back.split('#', 1)[0]}#comment-{comment.pk}")
    return render(
        request,
        "participation_core/comment_delete.html",
        {"comment": comment, "contribution": comment.contribution, "next": back},
    )


@require_POST
@ratelimit(key="support")
def support_toggle(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = _contribution_or_404(contribution_id)
    back = safe_next(request, contribution_url(contribution))
    want_raw = request.POST.get("support")
    want = None if want_raw not in {"0", "1"} else want_raw == "1"
    page = _specific_page(contribution)
    if want is False:
        permission = rules.can_withdraw_support(request.user, contribution, page=page)
    else:
        permission = rules.can_support(request.user, contribution, page=page)
    if not permission:
        return _denied(request, permission, back)
    supported, count = services.support_toggle(contribution=contribution, user=request.user, want=want)
    if wants_json(request):
        return JsonResponse({"ok": True, "supported": supported, "count": count})
    messages.success(request, _("Thank you for your support.") if supported else _("Your support is withdrawn."))
    return redirect(back)


@require_POST
@ratelimit(key="support")
def rate(request: HttpRequest, contribution_id: int) -> HttpResponse:
    """A rating (``value`` 1..the page's ``rating_scale``, 5 by default), replacing the user's
    earlier one. Refusals redirect back with the reason; a value out of range says so."""
    contribution = _contribution_or_404(contribution_id)
    back = safe_next(request, contribution_url(contribution))
    page = _specific_page(contribution)
    permission = rules.can_rate(request.user, contribution, page=page)
    if not permission:
        return _denied(request, permission, back)
    scale = getattr(page, "rating_scale", 5)
    value = parse_id(request.POST.get("value"))
    try:
        count, _total = services.rating_set(
            contribution=contribution, user=request.user, value=value if value is not None else 0,
            scale=scale, page=page,
        )
    except ValidationError as error:
        if wants_json(request):
            return JsonResponse({"ok": False, "error": "value", "message": error.messages[0]}, status=400)
        messages.error(request, error.messages[0])
        return redirect(back)
    if wants_json(request):
        return JsonResponse({"ok": True, "value": value, "count": count})
    messages.success(request, _("Thank you: your rating is recorded. You can change it at any time."))
    return redirect(back)


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, target: str, pk: int) -> HttpResponse:
    if target == "contribution":
        contribution = _contribution_or_404(pk)
        comment = None
    elif target == "comment":
        comment = Comment.objects.select_related("contribution").filter(pk=pk).first()
        if comment is None or comment.is_deleted:
            raise Http404
        contribution = comment.contribution
    else:
        raise Http404
    back = safe_next(request, contribution_url(contribution))
    permission = rules.can_report(request.user)
    if not permission:
        return _denied(request, permission, back)
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid() and ratelimit_exceeded(request, "report"):
            form.add_error(None, ratelimit_message("report"))
        if form.is_valid():
            services.report_create(
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                contribution=None if comment else contribution,
                comment=comment,
            )
            if wants_json(request):
                return JsonResponse({"ok": True})
            messages.success(request, _("Thank you. The moderators will look at your report."))
            return redirect(back)
    return render(
        request,
        "participation_core/report.html",
        {"form": form, "contribution": contribution, "comment": comment, "next": back, "target": target},
        status=400 if request.method == "POST" else 200,
    )
