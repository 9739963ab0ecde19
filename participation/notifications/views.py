"""Notifications page, preferences, follow toggles and the one-click unsubscribe.

Every write is a POST that redirects (same-site ``next`` only) with a message; requests from the
JS enhancer (``X-Requested-With: fetch``) get JSON.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from participation.core.models import Contribution
from participation.core.pages import contribution_url
from participation.core.ratelimit import ratelimit

from . import selectors, services
from .emails import unsubscribe_user_id
from .forms import PreferenceForm
from .models import Notification

PAGE_SIZE = 20


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("x-requested-with") == "fetch" or "application/json" in request.headers.get(
        "accept", ""
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(selectors.notifications_for_user(user=request.user), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    preference = selectors.preference_for_user(user=request.user)
    form = PreferenceForm(
        initial={
            "email_frequency": preference.email_frequency,
            "language": preference.language or get_language(),
        }
    )
    return render(
        request,
        "notifications/notification_list.html",
        {
            "page_obj": page_obj,
            "notifications": page_obj.object_list,
            "unread": selectors.unread_count(user=request.user),
            "form": form,
            "follows": selectors.followed_items(user=request.user),
        },
    )


@login_required
@require_GET
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Marks the notification read and goes to what it is about (in the current language)."""
    notification = get_object_or_404(
        Notification.objects.select_related("contribution__page", "page"), pk=pk, user=request.user
    )
    services.notification_mark_read(notification=notification)
    return redirect(notification.url())


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    if _wants_json(request):
        return JsonResponse({"ok": True, "marked": count})
    messages.success(request, _("All notifications are marked as read."))
    return redirect(_safe_next(request, reverse("notifications:list")))


@login_required
@require_POST
def preferences_update(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(request.POST)
    if not form.is_valid():
        paginator = Paginator(selectors.notifications_for_user(user=request.user), PAGE_SIZE)
        page_obj = paginator.get_page(1)
        return render(
            request,
            "notifications/notification_list.html",
            {
                "page_obj": page_obj,
                "notifications": page_obj.object_list,
                "unread": selectors.unread_count(user=request.user),
                "form": form,
                "follows": selectors.followed_items(user=request.user),
            },
            status=400,
        )
    services.preference_update(user=request.user, **form.cleaned_data)
    messages.success(request, _("Your notification preferences are saved."))
    return redirect(reverse("notifications:list") + "#preferences")


@require_POST
@ratelimit(key="follow")
def follow_toggle(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = (
        Contribution.objects.visible_to(request.user)
        .select_related("page")
        .filter(pk=contribution_id)
        .first()
        if request.user.is_authenticated
        else Contribution.objects.visible().select_related("page").filter(pk=contribution_id).first()
    )
    if contribution is None:
        raise Http404
    back = _safe_next(request, contribution_url(contribution))
    if not request.user.is_authenticated:
        if _wants_json(request):
            return JsonResponse(
                {"ok": False, "error": "login", "message": _("Log in to follow.")}, status=403
            )
        return redirect_to_login(back)
    following = services.follow_toggle(user=request.user, contribution=contribution, language=get_language())
    message = (
        _("You follow this contribution: you will be notified of answers, status changes and replies.")
        if following
        else _("You no longer follow this contribution.")
    )
    if _wants_json(request):
        return JsonResponse({"ok": True, "following": following, "message": message})
    messages.success(request, message)
    return redirect(back)


@require_POST
@ratelimit(key="follow")
def follow_page_toggle(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page.objects.live().public(), pk=page_id)
    back = _safe_next(request, page.url or "/")
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    following = services.follow_page_toggle(user=request.user, page=page, language=get_language())
    message = (
        _("You follow this page: you will be notified of the commune's answers to its contributions.")
        if following
        else _("You no longer follow this page.")
    )
    if _wants_json(request):
        return JsonResponse({"ok": True, "following": following, "message": message})
    messages.success(request, message)
    return redirect(back)


@login_required
@require_POST
def follow_stop(request: HttpRequest, pk: int) -> HttpResponse:
    """"Stop following" any of one's follows (a contribution, a page, a meeting theme…), from
    the list on the notifications page."""
    services.follow_stop(user=request.user, follow_id=pk)
    messages.success(request, _("You no longer follow it."))
    return redirect(_safe_next(request, reverse("notifications:list")))


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058 one-click)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a confirmation button (link scanners must not unsubscribe anyone); POST does it."""
    user_id = unsubscribe_user_id(token)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.preference_unsubscribe(user=user)
        return render(request, "notifications/unsubscribe.html", {"done": True})
    return render(request, "notifications/unsubscribe.html", {"token": token})
