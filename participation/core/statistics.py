"""Participation statistics for the commune's focal point (reads only).

Counts, for one commune site and a date range (and optionally some contribution kinds):
contributions, comments, supports and distinct participants —

- ``activity_by_period(period="day"|"week"|"month")``,
- ``activity_by_category()`` and ``activity_by_neighbourhood()`` (the place a contribution is
  about: public on the site already, so shown as is),
- ``participants_by(dimension="gender"|"age_bracket"|"residence")`` — from the consented
  statistics profile (``site_template.accounts``). People never appear in a group smaller than
  ``STATS_MIN_GROUP_SIZE`` (default 5): small groups are merged into "Other groups", and if that
  merged group is still too small the next smallest groups join it, so no small figure can be
  worked out by subtracting the others from the total.

What counts: visible contributions (not withdrawn, not hidden by moderation), visible
non-deleted comments from citizens (official replies are the commune's, not participation),
supports. A participant is an account that did at least one of these in the range.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import Trunc
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Comment, Contribution, ContributionStatus, Support, Visibility

PERIODS = ("day", "week", "month")
DIMENSIONS = ("gender", "age_bracket", "residence")
NOT_GIVEN = "not_given"
OTHER = "other"


def min_group_size() -> int:
    return int(getattr(settings, "STATS_MIN_GROUP_SIZE", 5))


@dataclass
class StatRow:
    key: str
    label: str
    contributions: int = 0
    comments: int = 0
    supports: int = 0
    participants: int = 0
    merged: list[str] = field(default_factory=list)  # labels of the small groups merged here

    @property
    def total_actions(self) -> int:
        return self.contributions + self.comments + self.supports


@dataclass
class Scope:
    """Which activity is counted: a site, a half-open date range [start, end), some kinds."""

    site_id: int
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    kinds: tuple[str, ...] = ()

    def contributions(self) -> QuerySet[Contribution]:
        qs = Contribution.objects.filter(site_id=self.site_id, visibility=Visibility.VISIBLE).exclude(
            status=ContributionStatus.WITHDRAWN
        )
        if self.kinds:
            qs = qs.filter(kind__in=self.kinds)
        return self._dated(qs, "created_at")

    def comments(self) -> QuerySet[Comment]:
        qs = Comment.objects.filter(
            contribution__site_id=self.site_id,
            visibility=Visibility.VISIBLE,
            is_deleted=False,
            is_official=False,
        )
        if self.kinds:
            qs = qs.filter(contribution__kind__in=self.kinds)
        return self._dated(qs, "created_at")

    def supports(self) -> QuerySet[Support]:
        qs = Support.objects.filter(contribution__site_id=self.site_id)
        if self.kinds:
            qs = qs.filter(contribution__kind__in=self.kinds)
        return self._dated(qs, "created_at")

    def _dated(self, qs, field_name: str):
        if self.start is not None:
            qs = qs.filter(**{f"{field_name}__gte": self.start})
        if self.end is not None:
            qs = qs.filter(**{f"{field_name}__lt": self.end})
        return qs.order_by()


def scope_for(
    *,
    site,
    start: dt.date | dt.datetime | None = None,
    end: dt.date | dt.datetime | None = None,
    kinds: Iterable[str] = (),
) -> Scope:
    """Dates are whole days in the commune's time zone; ``end`` is inclusive for dates."""

    def aware(value, *, end_of_day: bool = False):
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time.min) + (
                dt.timedelta(days=1) if end_of_day else dt.timedelta()
            )
        return timezone.make_aware(value) if timezone.is_naive(value) else value

    return Scope(
        site_id=getattr(site, "pk", site),
        start=aware(start),
        end=aware(end, end_of_day=True),
        kinds=tuple(kinds),
    )


# The three kinds of activity: (queryset method, participant field, key path to the contribution).
def _activity(scope: Scope):
    return (
        ("contributions", scope.contributions(), "author_id", ""),
        ("comments", scope.comments(), "author_id", "contribution__"),
        ("supports", scope.supports(), "user_id", "contribution__"),
    )


def _grouped(scope: Scope, group_expr: dict, key_of) -> dict:
    """{group key: StatRow-like counts}, with distinct participants per group."""
    counts: dict = defaultdict(lambda: {"contributions": 0, "comments": 0, "supports": 0, "users": set()})
    for name, qs, user_field, prefix in _activity(scope):
        annotations = {
            alias: (expr(prefix) if callable(expr) else expr) for alias, expr in group_expr.items()
        }
        rows = qs.annotate(**annotations).values("g", user_field).annotate(n=Count("pk"))
        for row in rows:
            key = key_of(row["g"])
            counts[key][name] += row["n"]
            if row[user_field] is not None:
                counts[key]["users"].add(row[user_field])
    return counts


def _rows(counts: dict, labels: dict) -> list[StatRow]:
    return [
        StatRow(
            key=str(key),
            label=labels.get(key, str(key)),
            contributions=c["contributions"],
            comments=c["comments"],
            supports=c["supports"],
            participants=len(c["users"]),
        )
        for key, c in counts.items()
    ]


def totals(scope: Scope) -> StatRow:
    users: set[int] = set()
    row = StatRow(key="total", label=_("Total"))
    for name, qs, user_field, _prefix in _activity(scope):
        setattr(row, name, qs.count())
        users.update(
            qs.exclude(**{f"{user_field}__isnull": True}).values_list(user_field, flat=True).distinct()
        )
    row.participants = len(users)
    return row


def activity_by_period(scope: Scope, *, period: str = "month") -> list[StatRow]:
    """One row per day/week/month that had activity, oldest first (labels are ISO dates)."""
    if period not in PERIODS:
        raise ValueError(period)
    tz = timezone.get_default_timezone()
    counts = _grouped(
        scope,
        {"g": lambda prefix: Trunc("created_at", period, tzinfo=tz)},
        key_of=lambda value: (
            timezone.localtime(value, tz).date() if isinstance(value, dt.datetime) else value
        ),
    )
    rows = _rows(counts, {key: key.isoformat() for key in counts})
    return sorted(rows, key=lambda r: r.key)


def activity_by_category(scope: Scope) -> list[StatRow]:
    from .models import Category

    counts = _grouped(scope, {"g": lambda prefix: _field(f"{prefix}category_id")}, key_of=lambda v: v)
    labels = {c.pk: c.name for c in Category.objects.filter(pk__in=[k for k in counts if k])}
    labels[None] = _("No category")
    return sorted(_rows(counts, labels), key=lambda r: (-r.total_actions, r.label))


def activity_by_neighbourhood(scope: Scope) -> list[StatRow]:
    from site_template.communes.models import Neighbourhood

    counts = _grouped(scope, {"g": lambda prefix: _field(f"{prefix}neighbourhood_id")}, key_of=lambda v: v)
    labels = {n.pk: n.name for n in Neighbourhood.objects.filter(pk__in=[k for k in counts if k])}
    labels[None] = _("No neighbourhood")
    return sorted(_rows(counts, labels), key=lambda r: (-r.total_actions, r.label))


def _field(path: str):
    from django.db.models import F

    return F(path)


def _dimension_labels(dimension: str, keys: Iterable) -> tuple[dict, list]:
    """Labels and display order of a demographic dimension's groups."""
    from site_template.accounts.models import AgeBracket, Gender

    if dimension == "gender":
        labels = dict(Gender.choices)
        order = list(Gender.values)
    elif dimension == "age_bracket":
        labels = dict(AgeBracket.choices)
        order = list(AgeBracket.values)
    else:
        from site_template.communes.models import Neighbourhood

        ids = [k for k in keys if k not in (NOT_GIVEN, None)]
        neighbourhoods = list(Neighbourhood.objects.filter(pk__in=ids))
        labels = {n.pk: n.name for n in neighbourhoods}
        order = [n.pk for n in neighbourhoods]
    labels = {k: str(v) for k, v in labels.items()}
    labels[NOT_GIVEN] = _("Not given")
    return labels, [*order, NOT_GIVEN]


def participants_by(scope: Scope, *, dimension: str) -> list[StatRow]:
    """Participants (and what they did) by gender, age bracket or neighbourhood of residence,
    small groups merged (see the module docstring)."""
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    from site_template.accounts.selectors import demographics_for_users

    per_user: dict[int, dict[str, int]] = defaultdict(
        lambda: {"contributions": 0, "comments": 0, "supports": 0}
    )
    for name, qs, user_field, _prefix in _activity(scope):
        for row in qs.exclude(**{f"{user_field}__isnull": True}).values(user_field).annotate(n=Count("pk")):
            per_user[row[user_field]][name] += row["n"]
    demographics = demographics_for_users(user_ids=per_user.keys())
    attribute = {"gender": "gender", "age_bracket": "age_bracket", "residence": "neighbourhood_id"}[dimension]

    groups: dict = defaultdict(lambda: {"contributions": 0, "comments": 0, "supports": 0, "users": set()})
    for user_id, done in per_user.items():
        profile = demographics.get(user_id)
        key = getattr(profile, attribute, None) if profile else None
        key = key if key not in ("", None) else NOT_GIVEN
        for name, n in done.items():
            groups[key][name] += n
        groups[key]["users"].add(user_id)
    labels, order = _dimension_labels(dimension, groups.keys())
    rows = _rows(groups, labels)
    position = {key: i for i, key in enumerate(order)}
    rows.sort(key=lambda r: position.get(_typed_key(r.key), len(position)))
    return suppress_small_groups(rows)


def _typed_key(key: str):
    return int(key) if key.isdigit() else key


def suppress_small_groups(rows: list[StatRow], *, minimum: int | None = None) -> list[StatRow]:
    """Merge groups with fewer than ``minimum`` participants into one "Other groups" row; while
    that row is itself too small (but not empty), the smallest remaining group joins it. If
    everything together is still too small, a single "Other groups" row is all that is left."""
    minimum = min_group_size() if minimum is None else minimum
    kept = [r for r in rows if r.participants >= minimum]
    small = [r for r in rows if 0 < r.participants < minimum]
    if not small:
        return kept
    while sum(r.participants for r in small) < minimum and kept:
        smallest = min(kept, key=lambda r: r.participants)
        kept.remove(smallest)
        small.append(smallest)
    other = StatRow(
        key=OTHER,
        label=ngettext("Other groups (fewer than %(n)d person each)", "Other groups (fewer than %(n)d people each)",
                       minimum) % {"n": minimum},
        contributions=sum(r.contributions for r in small),
        comments=sum(r.comments for r in small),
        supports=sum(r.supports for r in small),
        participants=sum(r.participants for r in small),
        merged=[r.label for r in small],
    )
    return [*kept, other]


def statistics_report(
    *, site, start=None, end=None, kinds: Iterable[str] = (), period: str = "month"
) -> dict[str, object]:
    """Everything the admin statistics view shows, in one call."""
    scope = scope_for(site=site, start=start, end=end, kinds=kinds)
    return {
        "scope": scope,
        "totals": totals(scope),
        "by_period": activity_by_period(scope, period=period),
        "by_category": activity_by_category(scope),
        "by_neighbourhood": activity_by_neighbourhood(scope),
        "by_gender": participants_by(scope, dimension="gender"),
        "by_age": participants_by(scope, dimension="age_bracket"),
        "by_residence": participants_by(scope, dimension="residence"),
        "min_group_size": min_group_size(),
    }
