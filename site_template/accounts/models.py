"""Accounts: the custom user and the optional, consented statistics profile.

Personal data kept here (law 09-08):

* ``User`` — the email address (log in), a public display name, and the association the
  user declares acting for (``association_name``), confirmed by staff (``association_verified``)
  before the user may contribute on its behalf (consultations, meetings). The staff who confirm
  it are those of the commune on whose site it was declared (``association_site``): on a
  deployment with several communes, the others neither see nor change it.
* ``DemographicProfile`` — gender, age bracket and neighbourhood, given only with explicit
  consent and used only for anonymous participation statistics (read through
  ``selectors.demographics_for_users``). The row exists only while consent is given: withdrawing
  consent deletes it.

Deleting an account keeps the ``User`` row (so contributions stay, anonymised) but scrubs
everything personal: see ``services.user_delete_account``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from participation.core.safe_text import clean_plain_line


class CitizenUserManager(UserManager):
    """Users log in by email; the username is kept only because Wagtail's admin expects it."""

    def _create_user_object(self, username, email, password, **extra_fields):
        username = username or email
        return super()._create_user_object(username, email, password, **extra_fields)

    def create_user(self, username=None, email=None, password=None, **extra_fields):
        return super().create_user(username or email, email, password, **extra_fields)

    def create_superuser(self, username=None, email=None, password=None, **extra_fields):
        return super().create_superuser(username or email, email, password, **extra_fields)


class User(AbstractUser):
    """A citizen, an association member or a member of the commune's staff."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("public display name"),
        max_length=60,
        blank=True,
        help_text=_("Shown next to your contributions. Leave empty to appear as “Citizen”."),
    )
    association_name = models.CharField(
        _("association"),
        max_length=200,
        blank=True,
        help_text=_(
            "The association you take part for, if any. The commune confirms your membership "
            "before you can contribute on its behalf."
        ),
    )
    association_verified = models.BooleanField(
        _("association membership confirmed"),
        default=False,
        help_text=_("Checked by staff once the membership is confirmed (e.g. by the association's letter)."),
    )
    association_site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("commune asked to confirm"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The commune on whose site the association was declared: its staff confirm the membership."),
    )
    terms_accepted_at = models.DateTimeField(
        _("terms of participation accepted at"), null=True, blank=True, editable=False
    )
    deleted_at = models.DateTimeField(
        _("account deleted at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the person deleted the account; personal data is then erased."),
    )

    objects = CitizenUserManager()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        if self.deleted_at:
            return str(_("Former participant"))
        # Printed in aria-labels, <title>s and e-mails too: a display name saved before names
        # were cleaned on entry still cannot carry bidi controls out.
        return clean_plain_line(self.display_name) or str(_("Citizen"))

    @property
    def listed_name(self) -> str:
        """The name staff lists, exports and printed sheets show for this person: the full name if
        given, else the public display name, else the declared association; never the email
        address (it is a contact detail, shown in its own column where staff need it)."""
        if self.deleted_at:
            return self.public_name
        return self.get_full_name() or self.display_name or self.association_name or str(_("Citizen"))

    @property
    def confirmed_association(self) -> str:
        """The association this user may contribute for ('' unless staff confirmed it)."""
        return self.association_name if self.association_verified and self.association_name else ""


class AssociationMember(User):
    """Users as staff see them when confirming association memberships (a proxy with its own
    permission, so the Wagtail Users admin keeps its own)."""

    class Meta:
        proxy = True
        verbose_name = _("association member")
        verbose_name_plural = _("association members")
        permissions = [("verify_association", _("Can confirm association membership"))]
        default_permissions = ()


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")


class AgeBracket(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18_TO_24 = "18_24", _("18 to 24")
    FROM_25_TO_34 = "25_34", _("25 to 34")
    FROM_35_TO_49 = "35_49", _("35 to 49")
    FROM_50_TO_64 = "50_64", _("50 to 64")
    FROM_65 = "65_plus", _("65 or older")


#: Age brackets counted as "young people" (under 35) in participation statistics.
YOUNG_AGE_BRACKETS = frozenset({AgeBracket.UNDER_18, AgeBracket.FROM_18_TO_24, AgeBracket.FROM_25_TO_34})


class DemographicProfile(models.Model):
    """Optional data a user consents to give for anonymous participation statistics only.
    The row exists only while consent stands; withdrawing consent deletes it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="demographic_profile",
        verbose_name=_("user"),
    )
    consented_at = models.DateTimeField(_("consent given at"))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    age_bracket = models.CharField(_("age bracket"), max_length=10, choices=AgeBracket.choices, blank=True)
    neighbourhood = models.ForeignKey(
        "communes.Neighbourhood",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("statistics profile")
        verbose_name_plural = _("statistics profiles")

    def __str__(self) -> str:
        return str(self.user_id)
