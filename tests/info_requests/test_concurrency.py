"""Tracking numbers stay unique and gap-free when requests are filed at the same moment
(PostgreSQL: real row locks, real threads).

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


def test_concurrent_requests_get_unique_sequential_numbers(info_page):
    count = 12
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def file(i: int) -> None:
        try:
            barrier.wait()
            services.info_request_create(
                page=info_page,
                identity=services.Identity(full_name=f"Citoyen {i}", postal_address="Larache",
                                           id_document=IdDocument.CIN, id_number=f"LA{100000 + i}"),
                subject=f"Demande {i}", information_requested="…", access_form=AccessForm.PAPER,
            )
        except BaseException as exc:  # noqa: BLE001 — collected and re-raised below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=file, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    numbers = sorted(InfoRequest.objects.values_list("tracking_number", flat=True))
    year = numbers[0].split("-")[0]
    assert numbers == [f"{year}-{n:05d}" for n in range(1, count + 1)]
