"""Supports stay exact under concurrent toggles (PostgreSQL: real row locks between connections)."""

import threading

import pytest
from django.db import connection, connections

from participation.core import services
from participation.core.models import Contribution, Support
from tests.factories import ContributionFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write, so there is no concurrency to test "
        "(run with DATABASE_URL=postgres://...; CI does)",
    ),
]

USERS = 24
ROUNDS = 5


def _run_threads(target, args_list):
    barrier = threading.Barrier(len(args_list))
    errors: list[BaseException] = []

    def wrapper(*args):
        try:
            barrier.wait()
            target(*args)
        except BaseException as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=wrapper, args=args) for args in args_list]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors


def test_many_users_toggling_concurrently_keep_an_exact_count(page_ar):
    author = UserFactory()
    contribution = ContributionFactory(page=page_ar, author=author)
    users = [UserFactory() for _ in range(USERS)]

    def toggle_many(user, times):
        c = Contribution.objects.get(pk=contribution.pk)
        for _ in range(times):
            services.support_toggle(contribution=c, user=user)

    # Odd number of toggles for half of the users (they end supporting), even for the others.
    _run_threads(toggle_many, [(u, ROUNDS if i % 2 == 0 else ROUNDS + 1) for i, u in enumerate(users)])
    contribution.refresh_from_db()
    rows = Support.objects.filter(contribution=contribution).count()
    assert rows == USERS // 2
    assert contribution.support_count == rows


def test_same_user_double_submit_concurrently_counts_once(page_ar):
    contribution = ContributionFactory(page=page_ar, author=UserFactory())
    user = UserFactory()

    def support():
        services.support_toggle(contribution=Contribution.objects.get(pk=contribution.pk), user=user, want=True)

    _run_threads(support, [() for _ in range(12)])
    contribution.refresh_from_db()
    assert Support.objects.filter(contribution=contribution).count() == 1
    assert contribution.support_count == 1


def test_concurrent_comments_count_exactly(page_ar):
    contribution = ContributionFactory(page=page_ar, author=UserFactory())
    users = [UserFactory() for _ in range(12)]

    def comment(user):
        c = Contribution.objects.get(pk=contribution.pk)
        for i in range(3):
            services.comment_create(contribution=c, author=user, text=f"تعليق {i}")

    _run_threads(comment, [(u,) for u in users])
    contribution.refresh_from_db()
    assert contribution.comment_count == 36


def test_ratings_changed_concurrently_keep_an_exact_count_and_sum(page_ar):
    """Each user rates several times at once from many connections: one row each, and the
    contribution's count and sum equal the rows' (the last value each user gave)."""
    from django.db.models import Sum

    from participation.core.models import Rating

    contribution = ContributionFactory(page=page_ar, author=UserFactory())
    users = [UserFactory() for _ in range(USERS)]

    def rate_many(user, values):
        c = Contribution.objects.get(pk=contribution.pk)
        for value in values:
            services.rating_set(contribution=c, user=user, value=value)

    _run_threads(rate_many, [(u, [1 + (i + k) % 5 for k in range(ROUNDS)]) for i, u in enumerate(users)])
    contribution.refresh_from_db()
    rows = Rating.objects.filter(contribution=contribution)
    assert rows.count() == USERS == contribution.rating_count
    assert rows.aggregate(total=Sum("value"))["total"] == contribution.rating_total
    assert sorted(rows.values_list("value", flat=True)) == sorted(1 + (i + ROUNDS - 1) % 5 for i in range(USERS))
