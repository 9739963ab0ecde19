"""Tracking numbers stay unique and gap-free when requests are filed at the same moment, in one
commune and in two communes at once (PostgreSQL: real row locks, real threads).

Run with DATABASE_URL=postgres://… ; SQLite serialises writers with IMMEDIATE transactions."""

import threading

import pytest
from django.db import connection, connections

from participation.info_requests import services
from participation.info_requests.models import AccessForm, IdDocument, InfoRequest

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row-lock concurrency is tested on PostgreSQL (set DATABASE_URL=postgres://…)"),
]


def _file_at_once(pages: list) -> list[BaseException]:
    """Files one request per entry of ``pages``, every thread released at the same moment."""
    barrier = threading.Barrier(len(pages))
    errors: list[BaseException] = []

    def file(i: int, page) -> None:
        try:
            barrier.wait()
            services.info_request_create(
                page=page,
                identity=services.Identity(full_name=f"Citoyen {i}", postal_address="Larache",
                                           id_document=IdDocument.CIN, id_number=f"LA{100000 + i}"),
                subject=f"Demande {i}", information_requested="…", access_form=AccessForm.PAPER,
            )
        except BaseException as exc:  # noqa: BLE001 — collected and re-raised below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=file, args=(i, page)) for i, page in enumerate(pages)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


def _numbers(site) -> list[str]:
    return sorted(InfoRequest.objects.filter(site=site).values_list("tracking_number", flat=True))


def test_concurrent_requests_get_unique_sequential_numbers(info_page):
    count = 12
    assert _file_at_once([info_page] * count) == []
    numbers = _numbers(info_page.get_site())
    year = numbers[0].split("-")[1]
    assert numbers == [f"LARACHE-{year}-{n:05d}" for n in range(1, count + 1)]


def test_two_communes_filing_at_once_each_count_from_one(info_page, other_info_page):
    per_commune = 6
    assert _file_at_once([info_page, other_info_page] * per_commune) == []
    larache, tetouan = _numbers(info_page.get_site()), _numbers(other_info_page.get_site())
    year = larache[0].split("-")[1]
    assert larache == [f"LARACHE-{year}-{n:05d}" for n in range(1, per_commune + 1)]
    assert tetouan == [f"TETOUAN-{year}-{n:05d}" for n in range(1, per_commune + 1)]
