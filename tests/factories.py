"""The test suite's factories (factory_boy): accounts, commune roles, contributions and comments.

Every test builds its users here, so that a user is made one way everywhere::

    UserFactory()                                   # a citizen whose email is verified (allauth)
    UserFactory(unverified=True)                    # the address is recorded but not confirmed
    UserFactory(verified=None)                      # no allauth address at all
    UserFactory(superuser=True) / UserFactory(staff=True)
    UserFactory(focal_point=True)                   # focal point of the default site's commune
    UserFactory(role=Role.COMMUNICATOR, site=other) # any role of any commune
    ContributionFactory(page=page_ar, author=citizen, title="…")
    CommentFactory(contribution=contribution, author=citizen2, text="…")

Users are created through the user manager (``create_user``), contributions and comments through
the ``participation.core`` services, so the factories never skip what the application does.
Roles are the commune's own groups (``CommuneRole``, made by ``commune_roles_sync`` as the
generator does): a test that grants a role gets exactly the permissions the commune's staff get.
"""

from __future__ import annotations

from typing import Any

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from site_template.communes.roles import Role

PASSWORD = "Une-phrase-de-passe-2026"  # noqa: S105 — every test account's password


def grant_role(user, *, role: str, site=None) -> None:
    """Puts ``user`` in the group of ``role`` of the commune on ``site`` (the default site if None).
    The groups are the generator's (``commune_roles_sync``), made here if the commune was created
    without them (``commune_create`` alone, as the ``commune_site`` fixture does)."""
    from wagtail.models import Site

    from site_template.communes.models import CommuneRole
    from site_template.communes.services import commune_roles_sync

    site = site or Site.objects.get(is_default_site=True)
    commune_role = CommuneRole.objects.select_related("group").filter(site=site, role=role).first()
    group = commune_role.group if commune_role else commune_roles_sync(site=site)[role]
    user.groups.add(group)


class UserFactory(DjangoModelFactory):
    """A user made by ``User.objects.create_user`` with the password ``PASSWORD``.

    ``verified``: True (default) records a verified primary allauth address, False an unverified
    one, None none. ``role`` (and ``site``, default: the default site) puts the user in that
    commune role's group. Traits: ``unverified``, ``staff``, ``superuser``, ``focal_point``,
    ``communicator``, ``information_officer``, ``administrator``.
    """

    class Meta:
        model = "accounts.User"

    class Params:
        unverified = factory.Trait(verified=False)
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)
        focal_point = factory.Trait(role=Role.FOCAL_POINT)
        communicator = factory.Trait(role=Role.COMMUNICATOR)
        information_officer = factory.Trait(role=Role.INFORMATION_OFFICER)
        administrator = factory.Trait(role=Role.ADMINISTRATOR)

    email = factory.Sequence(lambda n: f"citizen{n}@example.ma")
    display_name = ""
    password = PASSWORD
    # Not fields of the user: taken out in _create.
    verified = True
    role = None
    site = None

    @classmethod
    def _create(cls, model_class, *args: Any, verified: bool | None = True, role: str | None = None,
                site=None, **kwargs: Any):
        user = cls._get_manager(model_class).create_user(*args, **kwargs)
        if verified is not None:
            EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
        if role is not None:
            grant_role(user, role=role, site=site)
        return user

    @classmethod
    def _build(cls, model_class, *args: Any, verified=None, role=None, site=None, **kwargs: Any):
        password = kwargs.pop("password", None)
        user = model_class(*args, **kwargs)
        user.set_password(password)
        return user


class ContributionFactory(DjangoModelFactory):
    """A contribution made by ``participation.core.services.contribution_create``; ``page`` is
    required; the author is a new verified citizen unless given. Other keywords (category,
    neighbourhood, created_at, …) go to the service."""

    class Meta:
        model = "participation_core.Contribution"

    page = None
    author = factory.SubFactory(UserFactory)
    kind = "suggestion"
    title = "إنارة الزقاق"
    text = "المرجو إصلاح الإنارة."

    @classmethod
    def _create(cls, model_class, *args: Any, page=None, **kwargs: Any):
        from participation.core.services import contribution_create

        if page is None:
            raise TypeError("ContributionFactory needs page=")
        return contribution_create(page=page, **kwargs)


class CommentFactory(DjangoModelFactory):
    """A comment (or a reply, with ``parent``) made by ``participation.core.services.comment_create``;
    ``contribution`` is required; the author is a new verified citizen unless given."""

    class Meta:
        model = "participation_core.Comment"

    contribution = None
    author = factory.SubFactory(UserFactory)
    text = "تعليق"

    @classmethod
    def _create(cls, model_class, *args: Any, contribution=None, **kwargs: Any):
        from participation.core.services import comment_create

        if contribution is None:
            raise TypeError("CommentFactory needs contribution=")
        return comment_create(contribution=contribution, **kwargs)
