"""The periodic jobs of the whole site, run from ONE entry point.

Each app registers its jobs with the ``periodic_jobs`` hook (``fn() -> list[PeriodicJob]``); the
scheduler knows none of them by name. A job runs every ``every`` (e.g. five minutes), or once a
day at ``at`` (local time, ``settings.TIME_ZONE``: Africa/Casablanca).

``manage.py run_scheduled_jobs``, started every few minutes (a crontab line or the systemd timer
in ``deploy/``), runs what is due. Several schedulers on several machines may start it at the
same moment: each job is claimed in a short transaction on its ``ScheduledJob`` row (row lock), so
it runs once; the job itself runs outside that transaction (a slow mail server must not hold a
database lock). A job that fails is logged and recorded with its error, and runs again at its next
due time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail import hooks

logger = logging.getLogger(__name__)

PERIODIC_JOBS = "periodic_jobs"


@dataclass(frozen=True)
class PeriodicJob:
    name: str  # stable: the key of its ScheduledJob row
    run: Callable[[], object]  # returns what to record (a count, a short summary)
    every: timedelta | None = None
    at: time | None = None  # once a day at this local time
    description: str = ""

    def __post_init__(self):
        if (self.every is None) == (self.at is None):
            raise ValueError(f"Job {self.name!r}: give exactly one of every= and at=")

    def is_due(self, *, last_started: datetime | None, now: datetime) -> bool:
        if self.every is not None:
            return last_started is None or now - last_started >= self.every
        local_now = timezone.localtime(now)
        today_at = local_now.replace(hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0)
        if local_now < today_at:
            return False
        return last_started is None or timezone.localtime(last_started) < today_at


def periodic_jobs() -> list[PeriodicJob]:
    jobs: list[PeriodicJob] = []
    for fn in hooks.get_hooks(PERIODIC_JOBS):
        jobs.extend(fn())
    names = [job.name for job in jobs]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise ValueError(f"Periodic jobs registered twice: {sorted(duplicates)}")
    return sorted(jobs, key=lambda job: job.name)


def _claim(job: PeriodicJob, *, now: datetime, force: bool) -> bool:
    """Marks ``job`` started if it is due (or forced) and nobody else holds it."""
    from .models import ScheduledJob

    try:
        with transaction.atomic():
            ScheduledJob.objects.get_or_create(name=job.name)
    except IntegrityError:  # a concurrent scheduler created the row
        pass
    with transaction.atomic():
        row = ScheduledJob.objects.select_for_update(skip_locked=True).filter(name=job.name).first()
        if row is None:  # another scheduler is claiming it right now
            return False
        if not force and not job.is_due(last_started=row.last_started_at, now=now):
            return False
        row.last_started_at = now
        row.save(update_fields=["last_started_at"])
    return True


def run_due_jobs(*, now: datetime | None = None, only: str | None = None, force: bool = False) -> dict[str, str]:
    """Runs every due job (or only ``only``; ``force`` runs it even if not due). Returns job name
    → what it recorded ("error: …" for a failure), for the jobs that ran."""
    from .models import ScheduledJob

    now = now or timezone.now()
    ran: dict[str, str] = {}
    for job in periodic_jobs():
        if only is not None and job.name != only:
            continue
        if not _claim(job, now=now, force=force):
            continue
        try:
            result, error = str(job.run()), ""
        except Exception as exc:  # one failing job must not stop the others
            logger.exception("Periodic job %s failed", job.name)
            result, error = "", f"{type(exc).__name__}: {exc}"
        ScheduledJob.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(), last_result=result[:500], last_error=error[:2000]
        )
        ran[job.name] = f"error: {error}" if error else result
    return ran
