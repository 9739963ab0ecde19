"""Reads for citizen meetings. Lists query the logical (Arabic) pages, which hold the schedule
and registrations, then fetch the copies in the reader's language in one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Page, Site

from participation.core.pages import current_language, in_source_language, localized_page, page_site
from site_template.communes.models import CommuneSettings, Neighbourhood

from .models import MeetingIndexPage, MeetingPage, MeetingTheme, Registration, RegistrationStatus


@dataclass
class MeetingItem:
    """A meeting in a list: ``meeting`` the logical page, ``page`` the copy to show and link."""

    meeting: MeetingPage
    page: MeetingPage
    confirmed_count: int = 0

    @property
    def places_left(self) -> int | None:
        if self.meeting.capacity is None:
            return None
        return max(self.meeting.capacity - self.confirmed_count, 0)


def commune_name(*, site: Site | None) -> str:
    if site is None:
        return ""
    return CommuneSettings.for_site(site).name


def meeting_in_language(*, meeting: MeetingPage, language: str | None) -> MeetingPage:
    """The live copy of ``meeting`` in ``language`` (default: the active one), else ``meeting``."""
    return localized_page(meeting, language).specific


def _localise(meetings: list[MeetingPage], language: str) -> list[MeetingItem]:
    keys = [m.translation_key for m in meetings if m.locale.language_code != language]
    copies = {}
    if keys:
        copies = {
            p.translation_key: p
            for p in MeetingPage.objects.live().public()
            .filter(translation_key__in=keys, locale__language_code=language)
            .select_related("locale")
        }
    return [
        MeetingItem(meeting=m, page=copies.get(m.translation_key, m), confirmed_count=getattr(m, "confirmed", 0))
        for m in meetings
    ]


def _meetings_base(index: MeetingIndexPage):
    logical_index = index.logical
    return (
        MeetingPage.objects.live().public().descendant_of(logical_index)
        .select_related("theme", "neighbourhood", "locale")
        .annotate(confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)))
    )


def meetings_for_index(
    *, index: MeetingIndexPage, theme: MeetingTheme | None = None, neighbourhood: Neighbourhood | None = None,
    now: datetime | None = None, language: str | None = None, past_limit: int = 50,
) -> tuple[list[MeetingItem], list[MeetingItem]]:
    """(upcoming soonest first, past latest first) for the index page and its filters."""
    now = now or timezone.now()
    language = (language or current_language())[:2]
    qs = _meetings_base(index)
    if theme is not None:
        qs = qs.filter(theme=theme)
    if neighbourhood is not None:
        qs = qs.filter(neighbourhood=neighbourhood)
    upcoming = list(qs.filter(starts_at__gte=now).order_by("starts_at"))
    past = list(qs.filter(starts_at__lt=now).order_by("-starts_at")[:past_limit])
    return _localise(upcoming, language), _localise(past, language)


def meetings_for_feed(*, index: MeetingIndexPage, language: str | None = None) -> list[MeetingItem]:
    language = (language or current_language())[:2]
    return _localise(list(_meetings_base(index).order_by("-starts_at")[:500]), language)


def next_meetings(*, site: Site, limit: int = 3, now: datetime | None = None) -> list[MeetingItem]:
    """The next meetings of a commune, for its home page."""
    now = now or timezone.now()
    meetings = list(
        in_source_language(MeetingPage.objects.live().public().descendant_of(site.root_page))
        .filter(starts_at__gte=now)
        .select_related("theme", "locale")
        .annotate(confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)))
        .order_by("starts_at")[:limit]
    )
    return _localise(meetings, current_language())


def meeting_index_for_site(*, site: Site, language: str | None = None) -> Page | None:
    """The site's meetings index in ``language`` (the source-language one when there is no
    copy)."""
    index = in_source_language(MeetingIndexPage.objects.live().descendant_of(site.root_page)).first()
    return localized_page(index, language) if index is not None else None


def themes_for_site(*, site: Site | None):
    if site is None:
        return MeetingTheme.objects.none()
    return MeetingTheme.objects.filter(site=site)


def neighbourhoods_for_site(*, site: Site | None):
    if site is None:
        return Neighbourhood.objects.none()
    return Neighbourhood.objects.filter(site=site)


def registration_for(*, user, meeting: MeetingPage) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(meeting=meeting, user=user).select_related("meeting").first()


def meeting_counts(*, meeting: MeetingPage) -> dict[str, int]:
    rows = dict(
        Registration.objects.filter(meeting=meeting).values_list("status").annotate(n=Count("pk")).order_by()
    )
    return {status: rows.get(status, 0) for status in RegistrationStatus.values}


def waitlist_position(*, registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return (
        Registration.objects.waitlisted()
        .filter(meeting_id=registration.meeting_id)
        .filter(Q(status_changed_at__lt=registration.status_changed_at)
                | Q(status_changed_at=registration.status_changed_at, pk__lt=registration.pk))
        .count()
        + 1
    )


#: The kind of the core Contribution citizens comment on under a meeting's report.
REPORT_THREAD_KIND = "meeting"


def report_thread(*, meeting: MeetingPage):
    """The core Contribution citizens comment on under the report of the logical ``meeting``, as
    a queryset (none or one row; ``services.meeting_report_thread`` creates it)."""
    from participation.core.models import Contribution

    return Contribution.objects.filter(page_id=meeting.pk, kind=REPORT_THREAD_KIND)


def registrants(*, meeting: MeetingPage, include_cancelled: bool = False):
    qs = Registration.objects.filter(meeting=meeting).select_related("user")
    if not include_cancelled:
        qs = qs.active()
    return qs.order_by("status", "status_changed_at", "pk")


def ideas_with_conversions(*, meeting: MeetingPage) -> list:
    """The meeting's ideas, each with ``conversion`` (or None) loaded in one query."""
    ideas = list(meeting.ideas.all())
    conversions = _conversions_by_idea(ideas)
    for idea in ideas:
        idea.converted = conversions.get(idea.pk)
    return ideas


def _conversions_by_idea(ideas: list) -> dict:
    try:
        from .models import IdeaConversion
    except ImportError:
        return {}
    return {
        c.idea_id: c
        for c in IdeaConversion.objects.filter(idea__in=ideas).select_related("contribution", "contribution__page")
    }


def conversion_targets(*, meeting: MeetingPage) -> list:
    """Pages an idea can be turned into a contribution of (see ``services.idea_convert``)."""
    try:
        from .conversion import targets_for_site
    except ImportError:
        return []
    site = page_site(meeting)
    return targets_for_site(site=site) if site else []


def user_follows_theme(*, user, theme: MeetingTheme) -> bool:
    from participation.notifications.selectors import user_follows_target

    return user_follows_target(user=user, target=theme)
