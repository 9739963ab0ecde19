"""The consultation page and a project page run a fixed number of SQL queries whatever the
number of remarks, proposals, supports and comments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participation.consultations.services import Card, remark_create
from participation.core.services import comment_create, support_toggle

pytestmark = pytest.mark.django_db


def _add(consultation, projects, make_citizen, n: int) -> None:
    for i in range(n):
        user = make_citizen()
        remark = remark_create(consultation=consultation, project=projects[i % 2], author=user, card=Card(problem=f"p{i}"))
        remark_create(consultation=consultation, author=user, card=Card(problem="x"), proposal_title=f"t{i}")
        support_toggle(contribution=projects[i % 2].contribution, user=user)
        comment_create(contribution=remark.contribution, author=user, text="c")


def _count(client, url, *, fresh: bool = False) -> int:
    if fresh:  # figures are cached until the next write: measure their queries too
        from django.core.cache import cache

        cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_fixed_query_counts(client, consultation, consultation_fr, projects, make_citizen, citizen, language):
    page = consultation if language == "ar" else consultation_fr
    client.force_login(citizen)
    urls = [page.url, page.url + "projects/68/"]
    _add(consultation, projects, make_citizen, 3)
    _count(client, urls[0])  # warm caches (site root paths, locales)
    small = [_count(client, url, fresh=fresh) for fresh in (True, False) for url in urls]
    _add(consultation, projects, make_citizen, 30)
    large = [_count(client, url, fresh=fresh) for fresh in (True, False) for url in urls]
    assert small == large, (small, large)
    assert max(large) <= 50, large  # cold caches included
