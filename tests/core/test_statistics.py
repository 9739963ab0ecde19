"""Statistics for the focal point: exact counts per period/category/neighbourhood, and
demographic groups never smaller than STATS_MIN_GROUP_SIZE."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from participation.core import services as core
from participation.core.models import Category
from participation.core.statistics import (
    OTHER,
    StatRow,
    activity_by_category,
    activity_by_neighbourhood,
    activity_by_period,
    participants_by,
    scope_for,
    statistics_report,
    suppress_small_groups,
    totals,
)
from site_template.accounts.services import statistics_consent_set
from site_template.communes.models import Neighbourhood
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _at(y, m, d, h=12):
    return timezone.make_aware(dt.datetime(y, m, d, h, 0))


@pytest.fixture
def data(commune_site, page_ar, focal_point):
    """Two categories, two neighbourhoods, 3 months of activity by 9 citizens."""
    roads = Category.objects.create(site=commune_site, name_ar="الطرق", name_fr="Routes")
    light = Category.objects.create(site=commune_site, name_ar="الإنارة", name_fr="Éclairage")
    north = Neighbourhood.objects.create(site=commune_site, name_ar="الحي الشمالي", name_fr="Quartier nord")
    south = Neighbourhood.objects.create(site=commune_site, name_ar="الحي الجنوبي", name_fr="Quartier sud")
    women = [UserFactory(display_name=f"w{i}") for i in range(6)]
    men = [UserFactory(display_name=f"m{i}") for i in range(2)]
    silent = UserFactory(display_name="nobody-said")
    for user in women:
        statistics_consent_set(
            user=user, consent=True, gender="female", age_bracket="25_34", neighbourhood=north
        )
    for user in men:
        statistics_consent_set(
            user=user, consent=True, gender="male", age_bracket="65_plus", neighbourhood=south
        )
    c1 = ContributionFactory(
        page=page_ar, author=women[0], category=roads, neighbourhood=north, created_at=_at(2026, 1, 10)
    )
    c2 = ContributionFactory(
        page=page_ar, author=men[0], category=light, neighbourhood=south, created_at=_at(2026, 2, 3)
    )
    c3 = ContributionFactory(page=page_ar, author=silent, category=roads, created_at=_at(2026, 3, 1))
    # Comments: women 1-5 comment on c1 in January; official reply not counted.
    for user in women[1:]:
        comment = core.comment_create(contribution=c1, author=user, text="أوافق")
        type(comment).objects.filter(pk=comment.pk).update(created_at=_at(2026, 1, 20))
    core.comment_create(contribution=c1, author=focal_point, text="رد رسمي", official=True)
    # Supports on c2 in February by every woman and one man.
    for user in [*women, men[1]]:
        core.support_toggle(contribution=c2, user=user)
    from participation.core.models import Support

    Support.objects.update(created_at=_at(2026, 2, 15))
    # A withdrawn contribution and a hidden one do not count.
    hidden = ContributionFactory(page=page_ar, author=women[0], created_at=_at(2026, 1, 11))
    core.moderation_hide(by=focal_point, reason="spam", contribution=hidden)
    return {"roads": roads, "light": light, "north": north, "south": south, "c1": c1, "c2": c2, "c3": c3}


def test_totals(commune_site, data):
    row = totals(scope_for(site=commune_site))
    assert (row.contributions, row.comments, row.supports, row.participants) == (3, 5, 7, 9)


def test_by_month(commune_site, data):
    rows = activity_by_period(scope_for(site=commune_site), period="month")
    assert [(r.key, r.contributions, r.comments, r.supports, r.participants) for r in rows] == [
        ("2026-01-01", 1, 5, 0, 6),
        ("2026-02-01", 1, 0, 7, 8),
        ("2026-03-01", 1, 0, 0, 1),
    ]


def test_by_day_and_date_range(commune_site, data):
    scope = scope_for(site=commune_site, start=dt.date(2026, 1, 15), end=dt.date(2026, 2, 15))
    rows = activity_by_period(scope, period="day")
    assert [(r.key, r.total_actions) for r in rows] == [
        ("2026-01-20", 5),
        ("2026-02-03", 1),
        ("2026-02-15", 7),
    ]
    weeks = activity_by_period(scope, period="week")
    assert weeks[0].key == "2026-01-19"  # Monday of that week


def test_by_category_and_neighbourhood(commune_site, data):
    from django.utils import translation

    with translation.override("fr"):
        rows = {r.label: r for r in activity_by_category(scope_for(site=commune_site))}
    assert (
        rows["Routes"].contributions == 2
        and rows["Routes"].comments == 5
        and rows["Routes"].participants == 7  # 6 women + the silent author
    )
    assert rows["Éclairage"].supports == 7
    hoods = {r.key: r for r in activity_by_neighbourhood(scope_for(site=commune_site))}
    assert hoods[str(data["north"].pk)].contributions == 1
    assert hoods["None"].contributions == 1


def test_gender_groups_below_threshold_are_merged(commune_site, data):
    rows = participants_by(scope_for(site=commune_site), dimension="gender")
    # 6 women shown; 2 men + 1 "not given" = 3 < 5, so the women join: everything is one group.
    assert all(r.participants >= 5 for r in rows)
    assert [r.key for r in rows] == [OTHER]
    assert rows[0].participants == 9


@override_settings(STATS_MIN_GROUP_SIZE=2)
def test_gender_with_a_lower_threshold(commune_site, data):
    rows = {r.key: r for r in participants_by(scope_for(site=commune_site), dimension="gender")}
    # "Not given" (1 person) is too small alone; the smallest other group (2 men) joins it.
    assert rows["female"].participants == 6
    assert rows[OTHER].participants == 3 and len(rows[OTHER].merged) == 2
    assert "male" not in rows and "not_given" not in rows


def test_age_and_residence_never_below_threshold(commune_site, data):
    for dimension in ("age_bracket", "residence"):
        rows = participants_by(scope_for(site=commune_site), dimension=dimension)
        assert all(r.participants >= 5 for r in rows), dimension
        assert sum(r.participants for r in rows) == 9


def test_suppression_algorithm():
    rows = [
        StatRow("a", "A", participants=10),
        StatRow("b", "B", participants=7),
        StatRow("c", "C", participants=2),
    ]
    result = suppress_small_groups(rows, minimum=5)
    # C alone (2) would be deducible from the total: B joins it.
    assert [(r.key, r.participants) for r in result] == [("a", 10), (OTHER, 9)]
    assert result[1].merged == ["C", "B"]
    rows = [
        StatRow("a", "A", participants=10),
        StatRow("c", "C", participants=3),
        StatRow("d", "D", participants=2),
    ]
    assert [(r.key, r.participants) for r in suppress_small_groups(rows, minimum=5)] == [
        ("a", 10),
        (OTHER, 5),
    ]
    assert suppress_small_groups([StatRow("a", "A", participants=5)], minimum=5)[0].key == "a"


def test_other_site_is_not_counted(commune_site, data):
    from site_template.communes.services import CommuneSpec, commune_create

    other = commune_create(
        spec=CommuneSpec(slug="tetouan", name_ar="تطوان", name_fr="Tétouan", hostname="tetouan.test")
    )
    assert totals(scope_for(site=other)).contributions == 0


def test_report_bundle(commune_site, data):
    report = statistics_report(site=commune_site, period="month")
    assert report["totals"].participants == 9 and len(report["by_period"]) == 3


def _staff(user):
    from django.contrib.auth.models import Permission

    user.groups.get().permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "moderate_contribution", "answer_contribution"]
        )
    )
    return user


def test_admin_statistics_page_and_export(client, commune_site, data, focal_point):
    client.force_login(_staff(focal_point))
    response = client.get("/admin/participation-statistics/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "الطرق" in body and "listing" in body
    response = client.get(
        "/admin/participation-statistics/",
        {"site": commune_site.pk, "start": "2026-01-01", "end": "2026-12-31", "period": "month", "kind": ""},
    )
    assert response.status_code == 200
    assert ">2026-01-01<" in response.content.decode()
    export = client.get(
        "/admin/participation-statistics/",
        {
            "site": commune_site.pk,
            "start": "2026-01-01",
            "end": "2026-12-31",
            "period": "month",
            "export": "by_period",
            "format": "csv",
        },
    )
    assert export.status_code == 200
    body = export.content.decode("utf-8-sig")
    assert "2026-02-01,1,0,7,8" in body


def test_admin_statistics_refused_to_citizens_and_other_communes(client, commune_site, data):
    client.force_login(UserFactory(display_name="citizen"))
    assert client.get("/admin/participation-statistics/").status_code == 403
    from site_template.communes.services import CommuneSpec, commune_create

    other = commune_create(
        spec=CommuneSpec(slug="tetouan", name_ar="تطوان", name_fr="Tétouan", hostname="tetouan.test")
    )
    client.force_login(_staff(UserFactory(focal_point=True, site=other, display_name="other focal")))
    response = client.get(
        "/admin/participation-statistics/",
        {"site": commune_site.pk, "start": "2026-01-01", "end": "2026-12-31", "period": "month"},
    )
    # The Larache site is not among this focal point's choices: the form is invalid, no figures.
    assert response.status_code == 200
    assert "الطرق" not in response.content.decode()


def test_the_statistics_filter_offers_the_kinds_capabilities_declare():
    """The kind filter lists the core's kinds and those capabilities name through the hook
    ``participation_contribution_kinds`` (the budget's questions)."""
    from participation.notifications.statistics_admin import StatisticsForm

    form = StatisticsForm(sites=[])
    kinds = dict(form.fields["kind"].choices)
    assert "suggestion" in kinds and "budget_question" in kinds
