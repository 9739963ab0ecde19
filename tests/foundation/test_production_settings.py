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


def _settings_probe(code: str, extra_env: dict) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDIA_S3_", "REDIS_URL", "CACHE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "site_template.settings.production", "SECRET_KEY": "s" * 60,
                "ALLOWED_HOSTS": "commune.example.ma", **extra_env})
    result = subprocess.run([sys.executable, "-c", "import django; django.setup();" + code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_sessions_live_in_the_shared_cache_once_there_is_one():
    code = "from django.conf import settings; print(settings.SESSION_ENGINE)"
    assert _settings_probe(code, {}).strip() == "django.contrib.sessions.backends.db"
    shared = _settings_probe(code, {"REDIS_URL": "redis://127.0.0.1:6379/1"}).strip()
    assert shared == "django.contrib.sessions.backends.cached_db"


def test_media_on_object_storage_public_and_private_apart():
    code = (
        "from django.core.files.storage import storages;"
        "from participation.info_requests.models import private_storage;"
        "print(type(storages['default']).__name__);"
        "print(storages['default'].url('photos/a.jpg'));"
        "print(private_storage() is storages['private']);"
        "print(storages['private'].url('2026/12/answer.pdf'))"
    )
    env = {"MEDIA_S3_BUCKET": "larache-media", "MEDIA_S3_ENDPOINT_URL": "https://s3.example.ma",
           "MEDIA_S3_ACCESS_KEY_ID": "AKIDEXAMPLE", "MEDIA_S3_SECRET_ACCESS_KEY": "secret", "MEDIA_S3_REGION": "us-east-1"}
    kind, public_url, same, private_url = _settings_probe(code, env).split()
    assert kind == "S3Storage"
    assert public_url == "https://s3.example.ma/larache-media/media/photos/a.jpg"  # public, no signature
    assert same == "True"
    # Private files: another prefix, and only a signed address that expires.
    assert private_url.startswith("https://s3.example.ma/larache-media/private/info_requests/2026/12/answer.pdf?")
    assert "X-Amz-Signature=" in private_url and "X-Amz-Expires=300" in private_url
    # Without a bucket, both stay on the filesystem, the private files outside MEDIA_ROOT.
    local = _settings_probe(
        "from django.core.files.storage import storages; from django.conf import settings;"
        "print(type(storages['private']).__name__, storages['private'].location.startswith(str(settings.MEDIA_ROOT)))",
        {},
    )
    assert local.split() == ["FileSystemStorage", "False"]
