"""participation.core.db: work after the response, a short lock wait, a retried insert."""

import logging
import sqlite3

import pytest
from django.core.signals import request_finished, request_started
from django.db import OperationalError, close_old_connections, connection

from participation.core.db import after_response, brief_transaction, save_with_retries
from participation.core.models import Category


def test_after_response_outside_a_request_runs_at_once():
    calls = []
    after_response(lambda: calls.append("ran"))
    assert calls == ["ran"]


def test_after_response_waits_for_the_end_of_the_request_and_survives_a_failing_call(caplog):
    calls = []

    def failing():
        raise RuntimeError("boom")

    # A request's start and end as a server signals them (without the database housekeeping
    # Django's test client also leaves out).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        after_response(failing)
        after_response(lambda: calls.append("second"))
        assert calls == []
        with caplog.at_level(logging.ERROR, logger="participation.core.db"):
            request_finished.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert calls == ["second"]
    assert "work after the response failed" in caplog.text
    after_response(lambda: calls.append("outside"))  # the request is over: at once again
    assert calls == ["second", "outside"]


@pytest.fixture
def other_writer():
    """A second connection to the test database holding the write lock (SQLite)."""
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite write lock; PostgreSQL is covered by tests/info_requests/test_access_log.py")
    other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.execute("ROLLBACK")
    other.close()


@pytest.mark.django_db(transaction=True)
def test_brief_transaction_gives_up_while_another_writes(commune_site, other_writer):
    with pytest.raises(OperationalError), brief_transaction(lock_wait=0.05):
        Category.objects.create(site=commune_site, name_ar="طرق", name_fr="Voirie")
    other_writer.execute("ROLLBACK")
    other_writer.execute("BEGIN")  # let go; the fixture ends what it began
    with brief_transaction(lock_wait=0.05):
        Category.objects.create(site=commune_site, name_ar="طرق", name_fr="Voirie")
    assert Category.objects.count() == 1
    with connection.cursor() as cursor:  # the connection's usual wait is back
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == int(connection.settings_dict["OPTIONS"].get("timeout", 5) * 1000)


@pytest.mark.django_db(transaction=True)
def test_save_with_retries_gives_up_and_logs_what_it_could_not_save(commune_site, other_writer, caplog):
    category = Category(site=commune_site, name_ar="إنارة", name_fr="Éclairage")
    with caplog.at_level(logging.ERROR, logger="participation.core.db"):
        assert save_with_retries(category, attempts=2, first_pause=0.01) is False
    assert "Éclairage" in caplog.text and "after 2 attempts" in caplog.text
    other_writer.execute("ROLLBACK")
    other_writer.execute("BEGIN")
    assert save_with_retries(category) is True
    assert Category.objects.get().name_fr == "Éclairage"
