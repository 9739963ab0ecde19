"""Factories for participation tests (users with a verified email, contributions, comments)."""

from __future__ import annotations

import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

_seq = itertools.count(1)


def make_user(*, verified: bool = True, email: str | None = None, name: str = "", **extra):
    n = next(_seq)
    email = email or f"citizen{n}@example.ma"
    user = get_user_model().objects.create_user(email=email, password="a-long-password-123", display_name=name, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def make_focal_point(site, **kwargs):
    from django.contrib.auth.models import Group

    from site_template.communes.models import CommuneRole
    from site_template.communes.roles import Role

    user = make_user(**kwargs)
    role = CommuneRole.objects.filter(site=site, role=Role.FOCAL_POINT).first()
    if role is None:
        group = Group.objects.create(name=f"{site.pk}-focal-point-{next(_seq)}")
        role = CommuneRole.objects.create(site=site, role=Role.FOCAL_POINT, group=group)
    user.groups.add(role.group)
    return user


def make_contribution(*, page, author=None, kind: str = "suggestion", title: str = "إنارة الزقاق", text: str = "المرجو إصلاح الإنارة.", **extra):
    from participation.core.services import contribution_create

    return contribution_create(page=page, author=author, kind=kind, title=title, text=text, **extra)
