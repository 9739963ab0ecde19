"""Background work shared by every capability (Django's tasks framework, ``django_tasks``).

``retry_later(task, attempt=n, **kwargs)``: a task whose work failed for a passing reason (an
SMTP server that does not answer) enqueues itself again after a growing delay, as long as the
backend can defer (the production database queue can; the immediate backend of dev and tests
cannot, and then nothing is retried: the failure is logged). Give the task an ``attempt``
keyword argument (default 1) and pass it on.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone

logger = logging.getLogger(__name__)

#: Seconds before attempt 2, 3, 4, 5; after the last one the work is given up (and logged).
RETRY_DELAYS = (60, 5 * 60, 30 * 60, 2 * 3600)


def retry_later(task, *, attempt: int, **kwargs) -> bool:
    """Enqueues ``task(attempt=attempt + 1, **kwargs)`` after the delay of this attempt; returns
    False when it cannot (the backend runs tasks at once, or the attempts are used up)."""
    if attempt > len(RETRY_DELAYS):
        logger.error("%s given up after %d attempts", task.name, attempt)
        return False
    if not task.get_backend().supports_defer:
        return False
    run_after = timezone.now() + timedelta(seconds=RETRY_DELAYS[attempt - 1])
    task.using(run_after=run_after).enqueue(attempt=attempt + 1, **kwargs)
    return True
