"""Writes about accounts.

Account deletion (``user_delete_account``) — the decision, per issue 2 ("contributions stay,
anonymised"): the ``User`` row is KEPT, deactivated and scrubbed, so that every contribution,
comment and support keeps its author key and its counts, while nothing personal remains:

* email and username replaced by ``deleted-<id>@deleted.invalid`` / ``deleted-<id>``, names,
  display name and association erased, password made unusable, staff rights and groups removed,
  ``is_active`` False, ``deleted_at`` set (the public name becomes “Former participant”);
* the statistics profile, the email addresses, the MFA authenticators and the Wagtail admin
  profile are deleted;
* every feature's ``user_anonymise`` hook runs first (see ``site_template.accounts.hooks``) to
  erase what it holds beyond the contribution itself.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from site_template.communes.models import Neighbourhood

from .hooks import USER_ANONYMISE, USER_DATA_EXPORT
from .models import DemographicProfile, User


@transaction.atomic
def profile_update(*, user: User, display_name: str, association_name: str, site=None) -> User:
    """Changes the public display name and the declared association. A changed association
    needs staff confirmation again, by the commune of ``site`` (the site the form was sent on)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    association_name = association_name.strip()
    if association_name != user.association_name:
        user.association_verified = False
        user.association_site = site if association_name else None
    elif association_name and user.association_site_id is None and site is not None:
        user.association_site = site
    user.display_name = display_name.strip()
    user.association_name = association_name
    user.save(update_fields=["display_name", "association_name", "association_verified", "association_site"])
    return user


@transaction.atomic
def association_set_verified(*, user: User, verified: bool) -> User:
    """Staff confirm (or withdraw) a user's membership of the association they declared."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.association_verified = bool(verified and user.association_name)
    user.save(update_fields=["association_verified"])
    return user


@transaction.atomic
def statistics_consent_set(
    *,
    user: User,
    consent: bool,
    gender: str = "",
    age_bracket: str = "",
    neighbourhood: Neighbourhood | None = None,
) -> DemographicProfile | None:
    """Gives, changes or withdraws the statistics data. Without consent nothing is kept: the
    profile row is deleted."""
    if not consent:
        DemographicProfile.objects.filter(user=user).delete()
        return None
    profile, created = DemographicProfile.objects.select_for_update().get_or_create(
        user=user,
        defaults={
            "consented_at": timezone.now(),
            "gender": gender,
            "age_bracket": age_bracket,
            "neighbourhood": neighbourhood,
        },
    )
    if not created:
        profile.gender = gender
        profile.age_bracket = age_bracket
        profile.neighbourhood = neighbourhood
        profile.save(update_fields=["gender", "age_bracket", "neighbourhood"])
    return profile


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def user_data_export(*, user: User) -> dict[str, Any]:
    """Everything the site holds about ``user``, JSON-ready: the account, the statistics
    profile, and each feature's data through the ``user_data_export`` hook."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    profile = DemographicProfile.objects.select_related("neighbourhood").filter(user=user).first()
    features: dict[str, Any] = {}
    for fn in hooks.get_hooks(USER_DATA_EXPORT):
        features.update(fn(user) or {})
    return {
        "generated_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "terms_accepted_at": _iso(user.terms_accepted_at),
            "association_name": user.association_name,
            "association_verified": user.association_verified,
            "email_addresses": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
            ],
            "two_factor_authentication": sorted(
                Authenticator.objects.filter(user=user).values_list("type", flat=True)
            ),
        },
        "statistics_profile": (
            {
                "consented_at": _iso(profile.consented_at),
                "gender": profile.gender,
                "age_bracket": profile.age_bracket,
                "neighbourhood": (
                    {"name_ar": profile.neighbourhood.name_ar, "name_fr": profile.neighbourhood.name_fr}
                    if profile.neighbourhood
                    else None
                ),
            }
            if profile
            else None
        ),
        "features": features,
    }


@transaction.atomic
def user_delete_account(*, user: User) -> User:
    """Deletes the person's account: contributions stay, anonymised (see the module docstring)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from wagtail.users.models import UserProfile

    user = User.objects.select_for_update().get(pk=user.pk)
    for fn in hooks.get_hooks(USER_ANONYMISE):
        fn(user)
    DemographicProfile.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    UserProfile.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.username = f"deleted-{user.pk}"
    user.first_name = ""
    user.last_name = ""
    user.display_name = ""
    user.association_name = ""
    user.association_verified = False
    user.association_site = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.deleted_at = timezone.now()
    user.save()
    return user
