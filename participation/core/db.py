"""Writes that must neither fail nor hold up a page: a short wait for the database's locks, work
done once the response has gone, and a retried insert.

On SQLite one process writes at a time (the others wait for ``OPTIONS["timeout"]``, then fail
with "database is locked"); on PostgreSQL a row another transaction holds ``FOR UPDATE`` makes a
write that references it wait. A page that records something as a side effect (an access log)
should not fail, nor hang, because another process is busy writing:

    try:
        with brief_transaction(lock_wait=1):
            entry.save()
    except OperationalError:
        after_response(lambda: save_with_retries(entry))
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.signals import request_finished, request_started
from django.db import OperationalError, connection, models, transaction

logger = logging.getLogger(__name__)

_pending = threading.local()


def _start(**_kwargs) -> None:
    _pending.calls = []


def _finish(**_kwargs) -> None:
    calls, _pending.calls = getattr(_pending, "calls", None), None
    for call in calls or ():
        try:
            call()
        except Exception:  # one failing call must not stop the others (the response is gone)
            logger.exception("work after the response failed: %r", call)


request_started.connect(_start, dispatch_uid="participation_core_after_response_start")
request_finished.connect(_finish, dispatch_uid="participation_core_after_response_finish")


def after_response(call: Callable[[], object]) -> None:
    """Run ``call()`` once the current response has been sent (in the same thread, when the
    server closes the response); at once outside a request (commands, tests without a client)."""
    calls = getattr(_pending, "calls", None)
    if calls is None:
        call()
    else:
        calls.append(call)


@contextmanager
def brief_transaction(*, lock_wait: float) -> Iterator[None]:
    """An atomic block that waits at most ``lock_wait`` seconds for another writer's locks and
    raises ``OperationalError`` rather than wait longer."""
    milliseconds = max(int(lock_wait * 1000), 1)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            usual = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA busy_timeout = {milliseconds}")
        try:
            with transaction.atomic():
                yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(usual)}")
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = '{milliseconds}ms'")
        yield


def save_with_retries(instance: models.Model, *, attempts: int = 8, first_pause: float = 0.1) -> bool:
    """Insert ``instance`` in its own transaction, trying again (pauses doubling from
    ``first_pause``) while the database is busy. Returns whether it was saved; the last failure
    is logged with the instance's fields, so nothing is lost silently."""
    pause = first_pause
    for attempt in range(1, attempts + 1):
        try:
            with transaction.atomic():
                instance.save(force_insert=True)
            return True
        except OperationalError:
            if attempt == attempts:
                fields = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}
                logger.exception("could not save %s after %d attempts: %r", instance._meta.label, attempts, fields)
                return False
            time.sleep(pause)
            pause *= 2
    return False
