"""Production settings come from the environment and refuse to start without the essentials."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(extra_env: dict, *args: str) -> subprocess.CompletedProcess:
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the e2e conftest sets the last
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"DJANGO_SETTINGS_MODULE": "site_template.settings.production", **extra_env})
    return subprocess.run([sys.executable, "manage.py", "check", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("env", "message"), [
    ({"ALLOWED_HOSTS": "commune.example.ma"}, "SECRET_KEY must be set"),
    ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS must be set"),
])
def test_production_refuses_to_start_without_secrets(env, message):
    result = run_check(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_check_deploy_is_clean(tmp_path):
    result = run_check(
        {"SECRET_KEY": "k7#" + "q9Zr" * 16, "ALLOWED_HOSTS": "commune.example.ma",
         "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        "--deploy", "--fail-level", "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_reads_database_and_cache_from_environment():
    code = (
        "from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE']);"
        "print(settings.CACHES['default']['BACKEND'])"
    )
    env = {k: v for k, v in os.environ.items()}
    env.update({
        "DJANGO_SETTINGS_MODULE": "site_template.settings.production", "SECRET_KEY": "s" * 60,
        "ALLOWED_HOSTS": "commune.example.ma", "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/commune",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
    })
    result = subprocess.run([sys.executable, "-c", "import django; django.setup();" + code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "django_redis.cache.RedisCache"]


@pytest.mark.parametrize(("settings_module", "tasks_backend", "expected"), [
    ("site_template.settings.production", None, "django_tasks_db.DatabaseBackend"),  # the queue
    ("site_template.settings.production", "immediate", "django_tasks.backends.immediate.ImmediateBackend"),
    ("site_template.settings.dev", None, "django_tasks.backends.immediate.ImmediateBackend"),  # the demo
])
def test_emails_leave_the_request_in_production(settings_module, tasks_backend, expected):
    env = {k: v for k, v in os.environ.items() if k != "TASKS_BACKEND"}
    env.update({"DJANGO_SETTINGS_MODULE": settings_module, "SECRET_KEY": "s" * 60, "ALLOWED_HOSTS": "commune.example.ma"})
    if tasks_backend:
        env["TASKS_BACKEND"] = tasks_backend
    code = "import django; django.setup(); from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
