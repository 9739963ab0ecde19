"""``selectors.rating_distributions``: value → count per contribution, in one query for many."""

from __future__ import annotations

import pytest

from participation.core import services
from participation.core.selectors import rating_distributions

pytestmark = pytest.mark.django_db


def _thread(page, title):
    return services.contribution_create(page=page, author=None, kind="project", title=title, text="نص",
                                        entered_by_staff=True)


def test_counts_each_value_per_contribution_in_one_query(page_ar, make_citizen, django_assert_num_queries):
    first, second, unrated = (_thread(page_ar, t) for t in ("أ", "ب", "ج"))
    for value in (3, 3, 2, 1):
        services.rating_set(contribution=first, user=make_citizen(), value=value, scale=3)
    services.rating_set(contribution=second, user=make_citizen(), value=2, scale=3)
    with django_assert_num_queries(1):
        result = rating_distributions(contributions=[first, second.pk, unrated])
    assert result == {first.pk: {3: 2, 2: 1, 1: 1}, second.pk: {2: 1}, unrated.pk: {}}


def test_a_changed_rating_moves_and_an_empty_list_costs_nothing(page_ar, citizen, django_assert_num_queries):
    thread = _thread(page_ar, "د")
    services.rating_set(contribution=thread, user=citizen, value=1, scale=3)
    services.rating_set(contribution=thread, user=citizen, value=3, scale=3)
    assert rating_distributions(contributions=[thread]) == {thread.pk: {3: 1}}
    with django_assert_num_queries(0):
        assert rating_distributions(contributions=[]) == {}
