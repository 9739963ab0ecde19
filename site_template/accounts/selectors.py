"""Reads about accounts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import YOUNG_AGE_BRACKETS, DemographicProfile


def user_is_verified(*, user) -> bool:
    """A logged-in, active user whose primary email address is verified (needed to contribute)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


@dataclass(frozen=True)
class Demographics:
    """What one consenting user gave for anonymous statistics. Empty strings / None = not given.

    ``association_member`` is True when staff confirmed the user's association membership."""

    gender: str  # "female" | "male" | ""
    age_bracket: str  # AgeBracket value or ""
    neighbourhood_id: int | None
    association_member: bool

    @property
    def is_young(self) -> bool | None:
        """Under 35, or None when the age bracket was not given."""
        return (self.age_bracket in YOUNG_AGE_BRACKETS) if self.age_bracket else None


def demographics_for_users(*, user_ids: Iterable[int]) -> dict[int, Demographics]:
    """Consented statistics data for the given users, in one query. Users who did not consent
    (or deleted their account) are absent from the result: count them as "not given"."""
    ids = {uid for uid in user_ids if uid is not None}
    if not ids:
        return {}
    rows = DemographicProfile.objects.filter(user_id__in=ids, user__deleted_at__isnull=True).values_list(
        "user_id", "gender", "age_bracket", "neighbourhood_id", "user__association_verified"
    )
    return {
        uid: Demographics(gender=g, age_bracket=a, neighbourhood_id=n, association_member=bool(av))
        for uid, g, a, n, av in rows
    }


def demographic_profile_for_user(*, user) -> DemographicProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return DemographicProfile.objects.select_related("neighbourhood").filter(user=user).first()


def site_page_url(*, request, slug: str) -> str | None:
    """The URL of the live page with ``slug`` in the current site, in the current language
    (the Arabic page when there is no translation), e.g. ``terms`` or ``privacy``."""
    from wagtail.models import Locale, Site

    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    try:
        home = root.get_translation_or_none(Locale.get_active()) or root
    except Locale.DoesNotExist:
        home = root
    page = home.get_descendants().live().filter(slug=slug).first()
    if page is None and home.pk != root.pk:
        page = root.get_descendants().live().filter(slug=slug).first()
    return page.get_url(request) if page else None
