"""Public views of meetings, called from the page routes (thin: rules and services do the work)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from participation.core.ratelimit import ratelimit_exceeded, ratelimited_response
from site_template.params import clean_query_text, parse_id

from . import ical, rules, selectors, services
from .models import MeetingIndexPage, MeetingPage, RegistrationStatus

#: Registering, cancelling and following are cheap clicks that send emails: limit them per account
#: (and per address, multiplied; see participation.core.ratelimit).
RATE_KEY, RATE = "meetings", "20/h"

REASON_MESSAGES = {
    "login": lambda: _("Log in to register for this meeting."),
    "verify_email": lambda: _("Confirm your email address to register for meetings."),
    "not_open_yet": lambda: _("Registration is not open yet."),
    "closed": lambda: _("Registration is closed."),
    "past": lambda: _("This meeting has already taken place."),
    "no_registration": lambda: _("No registration is needed for this meeting: come along."),
    "not_registered": lambda: _("You are not registered for this meeting."),
}


def reason_message(reason: str) -> str:
    factory = REASON_MESSAGES.get(reason)
    return factory() if factory else _("This action is not possible.")


def _filters(request, site):
    theme = neighbourhood = None
    themes = selectors.themes_for_site(site=site)
    neighbourhoods = selectors.neighbourhoods_for_site(site=site)
    slug = clean_query_text(request.GET.get("theme"), max_length=100)
    if slug:
        theme = themes.filter(slug=slug).first()
    hood_id = parse_id(request.GET.get("neighbourhood"))
    if hood_id is not None:
        neighbourhood = neighbourhoods.filter(pk=hood_id).first()
    return themes, neighbourhoods, theme, neighbourhood


def meeting_index(request, *, index: MeetingIndexPage):
    site = index.get_site()
    themes, neighbourhoods, theme, neighbourhood = _filters(request, site)
    upcoming, past = selectors.meetings_for_index(index=index, theme=theme, neighbourhood=neighbourhood)
    follows_theme = theme is not None and selectors.user_follows_theme(user=request.user, theme=theme)
    return index.render(
        request,
        context_overrides={
            "upcoming": upcoming,
            "past": past,
            "themes": themes,
            "neighbourhoods": neighbourhoods,
            "selected_theme": theme,
            "selected_neighbourhood": neighbourhood,
            "filtered": bool(theme or neighbourhood),
            "follows_theme": follows_theme,
        },
    )


def theme_follow(request, *, index: MeetingIndexPage):
    """POST theme=<slug>: follow or unfollow the meetings of a theme (login required)."""
    if request.method != "POST":
        return HttpResponseRedirect(index.url)
    site = index.get_site()
    slug = clean_query_text(request.POST.get("theme"), max_length=100)
    theme = selectors.themes_for_site(site=site).filter(slug=slug).first() if slug else None
    if theme is None:
        raise Http404
    back = f"{index.url}?{urlencode({'theme': theme.slug})}"
    if not request.user.is_authenticated:
        return HttpResponseRedirect(reverse("account_login") + "?" + urlencode({"next": back}))
    if ratelimit_exceeded(request, RATE_KEY, RATE):
        return ratelimited_response(request, RATE_KEY, RATE)
    following = services.theme_follow_toggle(user=request.user, theme=theme, language=get_language())
    if following:
        messages.success(request, _("You will get an email for each new meeting on this theme."))
    else:
        messages.success(request, _("You no longer follow the meetings of this theme."))
    return HttpResponseRedirect(back)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def meeting_index_calendar(request, *, index: MeetingIndexPage):
    domain = request.get_host().split(":")[0]
    events = [
        ical.meeting_event(meeting=item.meeting, page=item.page, url=request.build_absolute_uri(item.page.url),
                           domain=domain)
        for item in selectors.meetings_for_feed(index=index)
    ]
    commune = selectors.commune_name(site=index.get_site())
    name = f"{index.title} — {commune}" if commune else index.title
    response = _ics_response(ical.calendar_bytes(events, name=name), "meetings.ics")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


def meeting_page_context(request, *, page: MeetingPage) -> dict:
    meeting = page.logical
    now = timezone.now()
    user = request.user
    registration = selectors.registration_for(user=user, meeting=meeting)
    if registration is not None and registration.status == RegistrationStatus.CANCELLED:
        registration = None
    permission = rules.can_register(user, meeting, now=now)
    counts = selectors.meeting_counts(meeting=meeting)
    places_left = None
    if meeting.capacity is not None:
        places_left = max(meeting.capacity - counts[RegistrationStatus.CONFIRMED], 0)
    is_staff = rules.can_manage_meeting(user, meeting)
    confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    login_url = reverse("account_login") + "?" + urlencode({"next": request.get_full_path()})
    return {
        "meeting": meeting,
        "registration": registration,
        "waitlist_position": selectors.waitlist_position(registration=registration) if registration else None,
        "can_register": permission,
        "registration_message": "" if permission else reason_message(permission.reason),
        "can_cancel": bool(registration) and rules.can_cancel(user, registration, now=now).allowed,
        "counts": counts,
        "places_left": places_left,
        "is_past": meeting.is_past(now),
        "show_online_link": meeting.is_online and (confirmed or is_staff),
        "related_page": selectors.related_page_in_language(page=meeting.related_page),
        "ideas": selectors.ideas_with_conversions(meeting=meeting),
        "report_blocks": page.report or meeting.report,
        "login_url": login_url,
        "is_meeting_staff": is_staff,
        **_comments_context(request, meeting=meeting, page=page, is_past=meeting.is_past(now)),
    }


def _comments_context(request, *, meeting: MeetingPage, page: MeetingPage, is_past: bool) -> dict:
    """Comments on a past meeting's report (core comments on its "meeting" contribution)."""
    if not (is_past and meeting.has_report):
        return {}
    from participation.core.models import Contribution
    from participation.core.selectors import contribution_get, participation_context

    thread = Contribution.objects.filter(page_id=meeting.pk, kind="meeting").values_list("pk", flat=True).first()
    if thread is None:
        return {}
    contribution = contribution_get(page=meeting, pk=thread, viewer=request.user)
    if contribution is None:
        return {}
    context = participation_context(request=request, contribution=contribution, page=page)
    return {"comments_contribution": contribution, **context}


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def meeting_register(request, *, page: MeetingPage):
    if request.method == "GET":
        return HttpResponseRedirect(page.url)
    refused = _post_only(request)
    if refused:
        return refused
    meeting = page.logical
    if not request.user.is_authenticated:
        return HttpResponseRedirect(reverse("account_login") + "?" + urlencode({"next": page.url}))
    if ratelimit_exceeded(request, RATE_KEY, RATE):
        return ratelimited_response(request, RATE_KEY, RATE)
    try:
        registration = services.registration_create(meeting=meeting, user=request.user, language=get_language())
    except services.RegistrationError as error:
        messages.error(request, reason_message(error.reason))
        return HttpResponseRedirect(page.url + "#registration")
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("You are registered. A confirmation email is on its way."))
    else:
        messages.warning(request, _("The meeting is full: you are on the waiting list. "
                                    "We will email you if a place becomes free."))
    return HttpResponseRedirect(page.url + "#registration")


def meeting_cancel(request, *, page: MeetingPage):
    if request.method == "GET":
        return HttpResponseRedirect(page.url)
    refused = _post_only(request)
    if refused:
        return refused
    meeting = page.logical
    if ratelimit_exceeded(request, RATE_KEY, RATE):
        return ratelimited_response(request, RATE_KEY, RATE)
    registration = selectors.registration_for(user=request.user, meeting=meeting)
    if registration is None:
        messages.error(request, reason_message("not_registered"))
        return HttpResponseRedirect(page.url + "#registration")
    try:
        services.registration_cancel(registration=registration, user=request.user)
    except services.RegistrationError as error:
        messages.error(request, reason_message(error.reason))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return HttpResponseRedirect(page.url + "#registration")


def meeting_ics(request, *, page: MeetingPage):
    meeting = page.logical
    if not page.live:
        raise Http404
    registration = selectors.registration_for(user=request.user, meeting=meeting)
    confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    event = ical.meeting_event(meeting=meeting, page=page, url=request.build_absolute_uri(page.url),
                               domain=request.get_host().split(":")[0], include_online_link=confirmed)
    return _ics_response(ical.calendar_bytes([event]), f"meeting-{meeting.pk}.ics")
