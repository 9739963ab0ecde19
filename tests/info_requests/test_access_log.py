"""Viewing a request while another process writes: the officer's page never fails, and the view
is still logged (issue 19.6). Real database, a second connection holding the write lock."""

import sqlite3
import threading
import time

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from participation.info_requests.models import IdentityAccessLog, InfoRequest

pytestmark = pytest.mark.django_db(transaction=True)

HOLD_SECONDS = 1.5


def _hold_the_write_lock(request_pk: int, held: threading.Event, seconds: float, released: list) -> threading.Thread:
    """Another writer, as another process would be: on SQLite a second connection inside a write
    transaction; on PostgreSQL a transaction holding the request's row, as an answer being saved
    does (``select_for_update``)."""

    def sqlite_writer() -> None:
        other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # the write lock: readers go on, other writers wait
        held.set()
        time.sleep(seconds)
        released.append(timezone.now())
        other.execute("COMMIT")
        other.close()

    def postgresql_writer() -> None:
        from django.db import transaction

        try:
            with transaction.atomic():
                InfoRequest.objects.select_for_update().get(pk=request_pk)
                held.set()
                time.sleep(seconds)
                released.append(timezone.now())
        finally:
            connections.close_all()

    writer = threading.Thread(target=sqlite_writer if connection.vendor == "sqlite" else postgresql_writer)
    writer.start()
    assert held.wait(10)
    return writer


def test_viewing_a_request_while_another_process_writes(client, file_request, officer):
    request, _token = file_request()
    client.force_login(officer)
    url = reverse("info_requests:process", args=[request.pk])
    held, released = threading.Event(), []
    writer = _hold_the_write_lock(request.pk, held, HOLD_SECONDS, released)
    try:
        started = time.monotonic()
        response = client.get(url)
        assert response.status_code == 200
        assert "LA123456" in response.content.decode()
    finally:
        writer.join(30)
    # The entry was written once the writer let go (after the response): nothing is lost, and it
    # holds the moment of the access, not of the write.
    log = IdentityAccessLog.objects.get()
    assert log.user == officer and log.request_id == request.pk and log.action == "view"
    assert log.at < released[0]
    assert time.monotonic() - started < HOLD_SECONDS + 10


def test_the_view_is_logged_at_once_when_nobody_writes(client, file_request, officer):
    request, _token = file_request()
    client.force_login(officer)
    assert client.get(reverse("info_requests:process", args=[request.pk])).status_code == 200
    assert client.get(reverse("info_requests:process", args=[request.pk])).status_code == 200
    assert IdentityAccessLog.objects.filter(request=request, user=officer).count() == 2
