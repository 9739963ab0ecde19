"""Public views of meetings, one per page route (``MeetingIndexPage`` / ``MeetingPage`` declare
them with ``participation.core.routing.page_route``): ``view(request, page, **kwargs)`` with
``page`` the page in the visitor's language. Thin: rules and services do the work."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from participation.core.pages import current_language, localized_page, page_site
from participation.core.ratelimit import ratelimit_exceeded, ratelimited_response
from participation.core.rules import ActionRefused
from participation.core.selectors import contribution_get, participation_context
from site_template.params import clean_query_text, parse_id

from . import ical, rules, selectors, services
from .models import MeetingIndexPage, MeetingPage, RegistrationStatus

#: Registering, cancelling and following are cheap clicks that send emails: limit them per account
#: (and per address, multiplied; see participation.core.ratelimit).
RATE_KEY, RATE = "meetings", "20/h"

REASON_MESSAGES = {
    "login": lambda: _("Log in to register for this meeting."),
    "verify_email": lambda: _("Confirm your email address to register for meetings."),
    "blocked": lambda: _("Your account is blocked from taking part for now."),
    "not_open_yet": lambda: _("Registration is not open yet."),
    "closed": lambda: _("Registration is closed."),
    "past": lambda: _("This meeting has already taken place."),
    "no_registration": lambda: _("No registration is needed for this meeting: come along."),
    "not_registered": lambda: _("You are not registered for this meeting."),
}


def reason_message(reason: str) -> str:
    factory = REASON_MESSAGES.get(reason)
    return factory() if factory else _("This action is not possible.")


def _login_redirect(next_url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("account_login") + "?" + urlencode({"next": next_url}))


def _registration_box(page: MeetingPage) -> HttpResponseRedirect:
    return HttpResponseRedirect(page.url + "#registration")


def _registration_post(view):
    """A registration button's POST: a GET (the address reloaded) goes back to the meeting page,
    any other method is refused."""

    @wraps(view)
    def wrapper(request, page, *args, **kwargs):
        if request.method == "GET":
            return HttpResponseRedirect(page.url)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request, page, *args, **kwargs)

    return wrapper


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- the meetings index ------------------------------------------------------------------------


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


def index(request, page: MeetingIndexPage):
    themes, neighbourhoods, theme, neighbourhood = _filters(request, page_site(page))
    upcoming, past = selectors.meetings_for_index(index=page, theme=theme, neighbourhood=neighbourhood)
    follows_theme = theme is not None and selectors.user_follows_theme(user=request.user, theme=theme)
    return page.render(
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


def follow_theme(request, page: MeetingIndexPage):
    """POST theme=<slug>: follow or unfollow the meetings of a theme (login required)."""
    if request.method != "POST":
        return HttpResponseRedirect(page.url)
    slug = clean_query_text(request.POST.get("theme"), max_length=100)
    theme = selectors.themes_for_site(site=page_site(page)).filter(slug=slug).first() if slug else None
    if theme is None:
        raise Http404
    back = f"{page.url}?{urlencode({'theme': theme.slug})}"
    if not request.user.is_authenticated:
        return _login_redirect(back)
    if ratelimit_exceeded(request, RATE_KEY, RATE):
        return ratelimited_response(request, RATE_KEY, RATE)
    following = services.theme_follow_toggle(user=request.user, theme=theme, language=current_language())
    if following:
        messages.success(request, _("You will get an email for each new meeting on this theme."))
    else:
        messages.success(request, _("You no longer follow the meetings of this theme."))
    return HttpResponseRedirect(back)


def calendar(request, page: MeetingIndexPage):
    domain = request.get_host().split(":")[0]
    events = [
        ical.meeting_event(meeting=item.meeting, page=item.page, url=request.build_absolute_uri(item.page.url),
                           domain=domain)
        for item in selectors.meetings_for_feed(index=page)
    ]
    commune = selectors.commune_name(site=page_site(page))
    name = f"{page.title} — {commune}" if commune else page.title
    response = _ics_response(ical.calendar_bytes(events, name=name), "meetings.ics")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


# --- one meeting -------------------------------------------------------------------------------


def meeting(request, page: MeetingPage):
    return page.render(request, context_overrides=meeting_page_context(request, page=page))


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
        "related_page": localized_page(meeting.related_page) if meeting.related_page else None,
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
    thread = selectors.report_thread(meeting=meeting).values_list("pk", flat=True).first()
    if thread is None:
        return {}
    contribution = contribution_get(page=meeting, pk=thread, viewer=request.user)
    if contribution is None:
        return {}
    context = participation_context(request=request, contribution=contribution, page=page)
    return {"comments_contribution": contribution, **context}


@_registration_post
def register(request, page: MeetingPage):
    if not request.user.is_authenticated:
        return _login_redirect(page.url)
    if ratelimit_exceeded(request, RATE_KEY, RATE):
        return ratelimited_response(request, RATE_KEY, RATE)
    try:
        registration = services.registration_create(meeting=page.logical, user=request.user,
                                                    language=current_language())
    except ActionRefused as refused:
        messages.error(request, reason_message(refused.reason))
        return _registration_box(page)
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("You are registered. A confirmation email is on its way."))
    else:
        messages.warning(request, _("The meeting is full: you are on the waiting list. "
                                    "We will email you if a place becomes free."))
    return _registration_box(page)


@_registration_post
def cancel(request, page: MeetingPage):
    if ratelimit_exceeded(request, RATE_KEY, RATE):
        return ratelimited_response(request, RATE_KEY, RATE)
    registration = selectors.registration_for(user=request.user, meeting=page.logical)
    if registration is None:
        messages.error(request, reason_message("not_registered"))
        return _registration_box(page)
    try:
        services.registration_cancel(registration=registration, user=request.user)
    except ActionRefused as refused:
        messages.error(request, reason_message(refused.reason))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return _registration_box(page)


def ics(request, page: MeetingPage):
    meeting = page.logical
    if not page.live:
        raise Http404
    registration = selectors.registration_for(user=request.user, meeting=meeting)
    confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    event = ical.meeting_event(meeting=meeting, page=page, url=request.build_absolute_uri(page.url),
                               domain=request.get_host().split(":")[0], include_online_link=confirmed)
    return _ics_response(ical.calendar_bytes([event]), f"meeting-{meeting.pk}.ics")
