"""Account pages that allauth does not provide: profile (display name, association, consented
statistics data) and "My data" (download, delete the account). Thin views over services."""

from __future__ import annotations

import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Site

from . import services
from .forms import DeleteAccountForm, ProfileForm, StatisticsForm
from .selectors import demographic_profile_for_user


def _statistics_initial(user) -> dict:
    profile = demographic_profile_for_user(user=user)
    if profile is None:
        return {"consent": False}
    return {
        "consent": True,
        "gender": profile.gender,
        "age_bracket": profile.age_bracket,
        "neighbourhood": profile.neighbourhood_id,
    }


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    user = request.user
    profile_form = ProfileForm(instance=user, prefix="profile")
    statistics_form = StatisticsForm(initial=_statistics_initial(user), site=site, prefix="stats")
    if request.method == "POST":
        if "save_profile" in request.POST:
            profile_form = ProfileForm(request.POST, instance=user, prefix="profile")
            if profile_form.is_valid():
                services.profile_update(
                    user=user,
                    display_name=profile_form.cleaned_data["display_name"],
                    association_name=profile_form.cleaned_data["association_name"],
                    site=site,
                )
                messages.success(request, _("Your profile has been saved."))
                return redirect("profile")
        elif "save_statistics" in request.POST:
            statistics_form = StatisticsForm(request.POST, site=site, prefix="stats")
            if statistics_form.is_valid():
                data = statistics_form.cleaned_data
                consented = services.statistics_consent_set(
                    user=user,
                    consent=data["consent"],
                    gender=data.get("gender") or "",
                    age_bracket=data.get("age_bracket") or "",
                    neighbourhood=data.get("neighbourhood"),
                )
                if consented:
                    messages.success(request, _("Thank you. Your details for statistics have been saved."))
                else:
                    messages.success(request, _("No details for statistics are kept about you."))
                return redirect("profile")
    user.refresh_from_db()
    return render(
        request,
        "accounts/profile.html",
        {
            "profile_form": profile_form,
            "statistics_form": statistics_form,
            "statistics_profile": demographic_profile_for_user(user=user),
            "account_user": user,
        },
    )


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/my_data.html", {"delete_form": DeleteAccountForm(user=request.user)})


@login_required
@require_GET
def my_data_download(request: HttpRequest) -> HttpResponse:
    data = services.user_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST, user=request.user)
    if not ratelimit.consume(request, action="delete_account", user=request.user):
        form.is_valid()
        form.add_error(None, _("Too many attempts. Please wait a few minutes and try again."))
        return render(request, "accounts/my_data.html", {"delete_form": form}, status=429)
    if not form.is_valid():
        return render(request, "accounts/my_data.html", {"delete_form": form})
    services.user_delete_account(user=request.user)
    logout(request)
    messages.success(request, _("Your account has been deleted. Your contributions stay, anonymised."))
    return redirect("/")
