"""The one scheduler entry point: every app's periodic jobs, each run once when due."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from wagtail import hooks

from participation.core.models import ScheduledJob
from participation.core.scheduling import PeriodicJob, periodic_jobs, run_due_jobs

CASABLANCA = ZoneInfo("Africa/Casablanca")


def at(hour: int, minute: int = 0, day: int = 3) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=CASABLANCA)


def test_every_app_registers_its_jobs():
    names = {job.name for job in periodic_jobs()}
    assert {
        "consultations.openings",
        "info_requests.erase_identities",
        "info_requests.officer_reminders",
        "meetings.reminders",
        "notifications.daily_digests",
        "working_days.holidays_sync",
    } <= names


def test_daily_and_interval_due_times(settings):
    settings.TIME_ZONE = "Africa/Casablanca"
    daily = PeriodicJob("t.daily", lambda: 0, at=time(7, 0))
    assert not daily.is_due(last_started=None, now=at(6, 59))
    assert daily.is_due(last_started=None, now=at(7, 0))
    assert not daily.is_due(last_started=at(7, 1), now=at(23, 0))  # done today
    assert daily.is_due(last_started=at(7, 1), now=at(7, 0, day=4))  # tomorrow
    assert daily.is_due(last_started=at(6, 0), now=at(8, 0))  # yesterday's… before 7:00 today
    every = PeriodicJob("t.every", lambda: 0, every=timedelta(minutes=5))
    assert every.is_due(last_started=None, now=at(1))
    assert not every.is_due(last_started=at(1), now=at(1, 4))
    assert every.is_due(last_started=at(1), now=at(1, 5))
    with pytest.raises(ValueError):
        PeriodicJob("t.both", lambda: 0, at=time(1), every=timedelta(1))


@pytest.fixture
def counting_jobs():
    calls: list[str] = []

    def fail():
        calls.append("broken")
        raise RuntimeError("the mail server is down")

    def register():
        return [
            PeriodicJob("test.counting", lambda: calls.append("counting") or 42, every=timedelta(minutes=5)),
            PeriodicJob("test.broken", fail, every=timedelta(minutes=5)),
        ]

    with hooks.register_temporarily("periodic_jobs", register):
        yield calls


@pytest.mark.django_db
def test_due_jobs_run_once_and_a_failure_is_recorded(counting_jobs):
    now = at(10)
    ran = run_due_jobs(now=now, only=None)
    assert ran["test.counting"] == "42"
    assert ran["test.broken"] == "error: RuntimeError: the mail server is down"
    assert counting_jobs.count("counting") == 1
    # A second scheduler starting at the same moment finds nothing due.
    again = run_due_jobs(now=now + timedelta(minutes=1))
    assert "test.counting" not in again and "test.broken" not in again
    assert counting_jobs.count("counting") == 1
    row = ScheduledJob.objects.get(name="test.broken")
    assert "mail server is down" in row.last_error and row.last_started_at == now
    # Five minutes later both are due again; the forced run of one job runs only it.
    assert set(run_due_jobs(now=now + timedelta(minutes=5))) >= {"test.counting", "test.broken"}
    assert list(run_due_jobs(now=now + timedelta(minutes=6), only="test.counting", force=True)) == ["test.counting"]
    assert counting_jobs.count("counting") == 3


@pytest.mark.django_db
def test_the_command_lists_and_runs(counting_jobs, capsys):
    call_command("run_scheduled_jobs", "--job", "test.counting", "--force")
    assert "test.counting: 42" in capsys.readouterr().out
    call_command("run_scheduled_jobs", "--list")
    out = capsys.readouterr().out
    assert "test.counting: every 0:05:00; last run 20" in out
    assert "notifications.daily_digests: daily at 07:00; last run never" in out
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("run_scheduled_jobs", "--job", "nope")
