"""Runs the site's periodic jobs that are due (``participation.core.scheduling``).

Start it every five minutes, e.g. ``*/5 * * * * cd /srv/commune && .venv/bin/python manage.py
run_scheduled_jobs`` or ``deploy/commune-scheduler.timer``."""

from django.core.management.base import BaseCommand, CommandError

from participation.core.models import ScheduledJob
from participation.core.scheduling import periodic_jobs, run_due_jobs


class Command(BaseCommand):
    help = "Runs the periodic jobs that are due (digests, reminders, openings, retention erasure…)."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="List the jobs and their last run, run nothing.")
        parser.add_argument("--job", help="Run only this job (with --force: even if it is not due).")
        parser.add_argument("--force", action="store_true", help="With --job: run it now.")

    def handle(self, *args, list: bool, job: str | None, force: bool, **options):
        jobs = periodic_jobs()
        if job is not None and job not in {j.name for j in jobs}:
            raise CommandError(f"Unknown job {job!r}; see --list.")
        if force and job is None:
            raise CommandError("--force needs --job.")
        if list:
            rows = {row.name: row for row in ScheduledJob.objects.all()}
            for j in jobs:
                row = rows.get(j.name)
                when = f"every {j.every}" if j.every else f"daily at {j.at:%H:%M}"
                last = row.last_started_at.isoformat() if row and row.last_started_at else "never"
                error = f" — last error: {row.last_error}" if row and row.last_error else ""
                self.stdout.write(f"{j.name}: {when}; last run {last}{error}")
            return
        for name, result in run_due_jobs(only=job, force=force).items():
            self.stdout.write(f"{name}: {result}")
