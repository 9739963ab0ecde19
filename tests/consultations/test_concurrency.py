"""Support counts on open projects stay exact under concurrent requests (PostgreSQL, threads)."""

import threading

import pytest
from django.db import connection, connections

from participation.consultations.services import project_thread
from participation.core.models import Contribution, Support

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)")
def test_concurrent_supports_through_the_endpoint_are_exact(consultation, projects, make_citizen):
    from django.test import Client

    project = projects[0]
    contribution = project_thread(project=project)
    users = [make_citizen() for _ in range(24)]
    url = f"/ar/participation/contributions/{contribution.pk}/support/"
    barrier = threading.Barrier(len(users))
    errors: list[Exception] = []

    def hit(user, rounds: int):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            for i in range(rounds):
                client.post(url, {"support": "1" if i % 2 == 0 else "0"})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    # odd number of rounds: every user ends supporting; even: ends not supporting
    threads = [threading.Thread(target=hit, args=(user, 3 if i % 3 else 2)) for i, user in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    contribution = Contribution.objects.get(pk=contribution.pk)
    rows = Support.objects.filter(contribution=contribution).count()
    assert contribution.support_count == rows
    assert rows == sum(1 for i in range(len(users)) if i % 3)
