"""The list and detail pages run a fixed number of SQL queries whatever the number of
suggestions, comments and supports (10 vs 1,000)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participation.core.models import Comment, Contribution, Support
from participation.core.pages import logical_page

pytestmark = pytest.mark.django_db


def _seed(page, category, neighbourhood, n: int):
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(username=f"seed{n}-{i}@example.ma", email=f"seed{n}-{i}@example.ma", password="!", display_name=f"مواطن {i}") for i in range(n)]
    )
    source = logical_page(page)
    site = source.get_site()
    now = timezone.now()
    contributions = Contribution.objects.bulk_create(
        [
            Contribution(
                site=site, page=source, kind="suggestion", author=users[i % len(users)], title=f"اقتراح رقم {i}",
                text="نص الاقتراح " * 5, category=category, neighbourhood=neighbourhood, created_at=now,
                support_count=0, comment_count=0,
            )
            for i in range(n)
        ]
    )
    first = contributions[0]
    comments = Comment.objects.bulk_create(
        [Comment(contribution=first, author=users[i % len(users)], text=f"تعليق {i}") for i in range(n)]
    )
    Comment.objects.bulk_create(
        [Comment(contribution=first, author=users[i % len(users)], text=f"رد {i}", parent=comments[i % 40]) for i in range(n)]
    )
    Support.objects.bulk_create([Support(contribution=first, user=u) for u in users])
    Contribution.objects.filter(pk=first.pk).update(support_count=n, comment_count=2 * n)
    return first


def _count(client, url):
    """Queries of a cold request (empty cache: routes, menus, rows and fragments are built) and
    of the next, warm one, as "cold/warm"."""
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url)
    assert response.status_code == 200
    return f"{len(cold.captured_queries)}/{len(warm.captured_queries)}", response


@pytest.mark.parametrize("logged_in", [False, True])
def test_list_and_detail_query_counts_do_not_grow(client, spage_ar, spage_fr, category, neighbourhood, citizen, logged_in, settings):
    settings.PARTICIPATION_PAGE_CACHE_SECONDS = 0  # measure the rendering, not the anonymous page cache
    if logged_in:
        client.force_login(citizen)
    first_small = _seed(spage_ar, category, neighbourhood, 10)
    counts_small = {}
    for name, page in (("ar", spage_ar), ("fr", spage_fr)):
        counts_small[f"list-{name}"], _r = _count(client, page.url)
        counts_small[f"list-sorted-{name}"], _r = _count(client, page.url + f"?sort=supported&category={category.pk}")
        counts_small[f"detail-{name}"], r = _count(client, f"{page.url}{first_small.pk}/")
    html = r.content.decode()
    assert "تعليق 9" in html

    Contribution.objects.all().delete()
    first_big = _seed(spage_ar, category, neighbourhood, 1000)
    counts_big = {}
    for name, page in (("ar", spage_ar), ("fr", spage_fr)):
        counts_big[f"list-{name}"], _r = _count(client, page.url)
        counts_big[f"list-sorted-{name}"], _r = _count(client, page.url + f"?sort=supported&category={category.pk}")
        counts_big[f"detail-{name}"], r = _count(client, f"{page.url}{first_big.pk}/")
    html = r.content.decode()
    assert html.count('class="comment comment') >= 50  # a full page of comments (and their replies) rendered
    assert counts_small == counts_big, (counts_small, counts_big)
    print(counts_big)
