"""Demo accounts and demo data of a generated commune (``create_commune --demo``).

The accounts have known passwords, printed by the command: a demo database must never serve
real users. Staff accounts get Wagtail's admin in Arabic. When the accounts app requires MFA
for staff (setting ``MFA_REQUIRED_FOR_STAFF`` true), staff demo accounts get a TOTP
authenticator with the known secret ``DEMO_TOTP_SECRET``, printed with the accounts so it can be
added to any authenticator app; the dev settings used by ``make demo`` leave it off.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Site

from .models import CommuneRole, CommuneSettings, Neighbourhood
from .roles import Role

DEMO_PASSWORD = "Demo-Commune-2026"  # noqa: S105 — printed on purpose; demo databases only
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"  # noqa: S105 — base32, printed with the demo accounts

CITIZEN_KEYS = ("citizen", "citizen2", "association")

DISPLAY_NAMES = {
    Role.COMMUNICATOR.value: "سناء (التواصل)",
    Role.FOCAL_POINT.value: "Karim (point focal)",
    Role.INFORMATION_OFFICER.value: "نادية (الحصول على المعلومات)",
    Role.ADMINISTRATOR.value: "Youssef (administrateur)",
    "citizen": "فاطمة الزهراء",
    "citizen2": "Mehdi B.",
    "association": "جمعية لوكسوس للتنمية",
}

#: Consented statistics profiles of the demo citizens (gender, age bracket, neighbourhood index),
#: so the participation statistics have something to show.
DEMO_DEMOGRAPHICS = {
    "citizen": ("female", "25_34", 0),
    "citizen2": ("male", "18_24", 1),
    "association": ("female", "35_49", 2),
}

#: Real neighbourhoods of Larache (Arabic, French).
LARACHE_NEIGHBOURHOODS = [
    ("المدينة القديمة", "Médina"),
    ("القبيبات", "Lakbibat"),
    ("حي جنان باشا", "Jnane Pacha"),
    ("حي المغرب الجديد", "Maghreb Jdid"),
    ("حي الأندلس", "Al Andalous"),
    ("حي الوفاء", "Al Wafae"),
]


@dataclass(frozen=True)
class DemoAccount:
    key: str
    email: str
    password: str
    is_staff_role: bool


def demo_email(*, key: str, slug: str) -> str:
    return f"{key.replace('_', '-')}.{slug}@example.org"


def mfa_required_for_staff() -> bool:
    return bool(getattr(settings, "MFA_REQUIRED_FOR_STAFF", False))


def _keys() -> list[str]:
    return [role.value for role in Role] + list(CITIZEN_KEYS)


@transaction.atomic
def demo_users_create(*, site: Site) -> dict:
    """One account per staff role (member of this commune's group) and the citizens "citizen",
    "citizen2" and "association", all with a verified primary email address. Idempotent."""
    from allauth.account.models import EmailAddress

    user_model = get_user_model()
    commune = CommuneSettings.for_site(site)
    groups = {cr.role: cr.group for cr in CommuneRole.objects.filter(site=site).select_related("group")}
    users: dict = {}
    for key in _keys():
        email = demo_email(key=key, slug=commune.slug)
        user = user_model.objects.filter(email=email).first()
        if user is None:
            user = user_model.objects.create_user(email=email, password=DEMO_PASSWORD)
        user.display_name = DISPLAY_NAMES[key]
        if key == "association":
            _set_if_field(user, association_name="جمعية لوكسوس للتنمية", association_verified=True,
                          association_site=site)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if key in groups:
            user.groups.add(groups[key])
            _admin_in_arabic(user)
            if mfa_required_for_staff():
                _ensure_totp(user)
        users[key] = user
    _demo_demographics(site=site, users=users)
    return users


def _demo_demographics(*, site: Site, users: dict) -> None:
    from django.apps import apps
    from django.utils import timezone

    try:
        profile_model = apps.get_model("accounts", "DemographicProfile")
    except LookupError:
        return
    neighbourhoods = list(Neighbourhood.objects.filter(site=site))
    for key, (gender, age_bracket, index) in DEMO_DEMOGRAPHICS.items():
        if key in users:
            profile_model.objects.get_or_create(
                user=users[key],
                defaults={
                    "consented_at": timezone.now(),
                    "gender": gender,
                    "age_bracket": age_bracket,
                    "neighbourhood": neighbourhoods[index] if index < len(neighbourhoods) else None,
                },
            )


def demo_users_existing(*, site: Site) -> dict:
    """The demo accounts of an existing commune (empty if it was created without ``--demo``)."""
    commune = CommuneSettings.for_site(site)
    emails = {demo_email(key=key, slug=commune.slug): key for key in _keys()}
    return {emails[u.email]: u for u in get_user_model().objects.filter(email__in=emails)}


def demo_accounts(users: dict) -> list[DemoAccount]:
    staff = {role.value for role in Role}
    return [
        DemoAccount(key=key, email=users[key].email, password=DEMO_PASSWORD, is_staff_role=key in staff)
        for key in _keys()
        if key in users
    ]


@transaction.atomic
def demo_neighbourhoods_create(*, site: Site) -> None:
    for order, (name_ar, name_fr) in enumerate(LARACHE_NEIGHBOURHOODS, start=1):
        Neighbourhood.objects.get_or_create(
            site=site, name_ar=name_ar, defaults={"name_fr": name_fr, "sort_order": order}
        )


def _set_if_field(user, **values) -> None:
    names = {f.name for f in user._meta.get_fields()}
    for name, value in values.items():
        if name in names:
            setattr(user, name, value)


def _admin_in_arabic(user) -> None:
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != "ar":
        profile.preferred_language = "ar"
        profile.save(update_fields=["preferred_language"])


def _ensure_totp(user) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
