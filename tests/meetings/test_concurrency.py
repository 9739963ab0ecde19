"""Concurrent registrations never exceed the capacity (PostgreSQL: real row locks, real threads).

Run with DATABASE_URL=postgres://… ; SQLite serialises writers with IMMEDIATE transactions and has
no row locks, so threads there test nothing useful."""

import threading

import pytest
from django.db import connection, connections

from participation.meetings import services
from participation.meetings.models import Registration

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row-lock concurrency is tested on PostgreSQL (set DATABASE_URL=postgres://…)"),
]


def _run_in_threads(fn, args_list):
    barrier = threading.Barrier(len(args_list))
    errors: list[BaseException] = []

    def worker(*args):
        try:
            barrier.wait()
            fn(*args)
        except BaseException as exc:  # noqa: BLE001 — collected and re-raised below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=args) for args in args_list]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


def test_concurrent_registrations_respect_capacity(make_meeting, make_citizen):
    meeting = make_meeting(capacity=5)
    users = [make_citizen() for _ in range(24)]
    errors = _run_in_threads(lambda u: services.registration_create(meeting=meeting, user=u),
                             [(u,) for u in users])
    assert errors == []
    assert Registration.objects.filter(meeting=meeting, status="confirmed").count() == 5
    assert Registration.objects.filter(meeting=meeting, status="waitlisted").count() == 19


def test_concurrent_cancellations_promote_exactly_once_each(make_meeting, make_citizen):
    meeting = make_meeting(capacity=4)
    users = [make_citizen() for _ in range(12)]
    regs = [services.registration_create(meeting=meeting, user=u) for u in users]
    confirmed = [(r, r.user) for r in regs if r.status == "confirmed"]
    late = [make_citizen() for _ in range(4)]
    jobs = [(lambda r=r, u=u: services.registration_cancel(registration=r, user=u)) for r, u in confirmed]
    jobs += [(lambda u=u: services.registration_create(meeting=meeting, user=u)) for u in late]
    errors = _run_in_threads(lambda job: job(), [(job,) for job in jobs])
    assert errors == []
    assert Registration.objects.filter(meeting=meeting, status="confirmed").count() == 4
    # The four promoted are the first four of the original waiting list (first come, first served).
    promoted = set(Registration.objects.filter(meeting=meeting, promoted_at__isnull=False).values_list("pk", flat=True))
    assert promoted == {r.pk for r in regs[4:8]}
