"""Tracking numbers: each commune counts its own requests per year, and a number names its
commune (``LARACHE-2026-00001``), so two communes on one database never collide (issue 19.1)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from participation.info_requests.models import InfoRequest, TrackingCounter
from participation.working_days import clock

from .test_public import FORM

pytestmark = pytest.mark.django_db


def _year() -> int:
    return clock.local_date(clock.now()).year


def test_the_second_commune_files_its_first_request_through_the_form(client, info_page, other_info_page,
                                                                     file_request):
    first, _token = file_request()
    site = other_info_page.get_site()
    response = client.post(other_info_page.relative_url(site), FORM, HTTP_HOST=site.hostname)
    assert response.status_code == 302 and "/receipt/" in response["Location"]
    theirs = InfoRequest.objects.get(site=site)
    assert first.tracking_number == f"LARACHE-{_year()}-00001"
    assert theirs.tracking_number == f"TETOUAN-{_year()}-00001"
    assert client.get(response["Location"], HTTP_HOST=site.hostname).status_code == 200


def test_each_commune_counts_its_own_requests(info_page, other_info_page, file_request):
    numbers = [file_request()[0].tracking_number for _ in range(2)]
    other = [file_request(page=other_info_page)[0].tracking_number for _ in range(3)]
    numbers.append(file_request()[0].tracking_number)
    year = _year()
    assert numbers == [f"LARACHE-{year}-0000{n}" for n in (1, 2, 3)]
    assert other == [f"TETOUAN-{year}-0000{n}" for n in (1, 2, 3)]


def test_a_number_already_taken_in_the_commune_is_skipped(info_page, file_request):
    """Numbers restored or imported behind the counter do not block every later request."""
    first, _token = file_request()
    year = _year()
    InfoRequest.objects.filter(pk=first.pk).update(tracking_number=f"LARACHE-{year}-00002")
    second, _token = file_request()
    assert second.tracking_number == f"LARACHE-{year}-00003"
    assert TrackingCounter.objects.get(site=first.site, year=year).last == 3


def test_the_same_number_cannot_be_used_twice_in_one_commune(info_page, file_request):
    from django.db import IntegrityError, transaction

    first, _token = file_request()
    second, _token = file_request()
    with pytest.raises(IntegrityError), transaction.atomic():
        InfoRequest.objects.filter(pk=second.pk).update(tracking_number=first.tracking_number)
    assert InfoRequest.objects.get(pk=second.pk).tracking_number != first.tracking_number


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_numbers_already_given(info_page, file_request, other_info_page):
    """A database from before per-commune numbers: its numbers (``2026-00001``) are kept, and the
    commune's counter carries on after them, now with the commune's prefix."""
    year = _year()
    old, _token = file_request()
    InfoRequest.objects.filter(pk=old.pk).update(tracking_number=f"{year}-00001")
    executor = MigrationExecutor(connection)
    executor.migrate([("info_requests", "0001_initial")])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert InfoRequest.objects.get(pk=old.pk).tracking_number == f"{year}-00001"
    assert file_request()[0].tracking_number == f"LARACHE-{year}-00002"
    assert file_request(page=other_info_page)[0].tracking_number == f"TETOUAN-{year}-00001"
