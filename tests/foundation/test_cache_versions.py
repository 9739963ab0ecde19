"""Cache versions reach every process: a commune created while the site runs is served at once by
every server process, not only by the one that created it (issue 18.2)."""

from __future__ import annotations

import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from wagtail.models import Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from site_template.cache_versions import SITE_STRUCTURE, CacheVersion
from site_template.communes.models import CommuneRole
from site_template.communes.roles import Role
from site_template.communes.services import CommuneSpec, commune_generate
from tests.conftest import restore_migration_data

REPO = Path(settings.BASE_DIR)

# Pages of a new commune that build links to themselves (routable page URLs, feed links): they
# need the process's list of site root paths to hold the new site.
COMMUNE_PATHS = [
    f"/{lang}/{path}"
    for lang in ("ar", "fr")
    for path in ("", "news/", "participate/information/", "participate/suggestions/",
                 "participate/meetings/", "participate/consultation/", "about/", "documents/")
]


@pytest.fixture
def larache(db):
    """A whole generated commune (as ``create_commune`` makes it), the default site."""
    restore_migration_data()
    return commune_generate(spec=CommuneSpec(slug="larache", name_ar="جماعة العرائش", name_fr="Commune de Larache",
                                             hostname="testserver", population=125008, is_default_site=True)).site


def _ksar_spec() -> CommuneSpec:
    return CommuneSpec(slug="ksar", name_ar="جماعة القصر الكبير", name_fr="Commune de Ksar El Kébir",
                       hostname="ksar.localhost", population=126617)


# --- the mechanism ----------------------------------------------------------------------------

def test_renew_on_change_forgets_once_per_new_version():
    version = CacheVersion("test-renewal")
    calls: list[str] = []
    version.renew_on_change(lambda: calls.append("forgot"))
    version.renew_if_changed()
    assert calls == ["forgot"]  # the first look: nothing known about this process's state
    version.renew_if_changed()
    assert calls == ["forgot"]  # same version: nothing to renew
    version.bump()
    version.renew_if_changed()
    assert calls == ["forgot", "forgot"]


def test_a_request_renews_what_registered_for_the_site_structure(client, commune_site):
    calls: list[str] = []
    SITE_STRUCTURE.renew_on_change(forget := lambda: calls.append("forgot"))
    try:
        client.get("/ar/")
        calls.clear()
        client.get("/ar/")
        assert calls == []
        SITE_STRUCTURE.bump()  # as another process does: nothing but the version changes here
        client.get("/ar/")
        assert calls == ["forgot"]
    finally:
        SITE_STRUCTURE._renewals.remove(forget)


# --- one process standing in for another -----------------------------------------------------

@pytest.fixture
def ksar_created_by_another_process(client, larache):
    """The test process plays a server process that built Wagtail's site list before another
    process created a commune: the shared version changed, the local list is the old one."""
    assert client.get("/ar/news/").status_code == 200
    stale = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    assert stale is not None and len(stale) == 2  # larache, in both languages
    ksar = commune_generate(spec=_ksar_spec()).site  # bumps SITE_STRUCTURE; Wagtail clears its list here only
    cache.set(SITE_ROOT_PATHS_CACHE_KEY, stale, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)
    return ksar


def test_wagtail_site_list_of_another_process_is_renewed(client, ksar_created_by_another_process):
    for path in COMMUNE_PATHS:
        response = client.get(path, HTTP_HOST="ksar.localhost")
        assert response.status_code == 200, path
    assert "القصر الكبير" in client.get("/ar/", HTTP_HOST="ksar.localhost").content.decode()
    assert len(Site.get_site_root_paths()) == 4


@pytest.mark.parametrize("admin_host", ["ksar.localhost", "testserver"])
def test_editors_guide_of_a_commune_created_by_another_process(client, ksar_created_by_another_process,
                                                               django_user_model, admin_host):
    staff = django_user_model.objects.create_user(email="communicator@ksar.test", password="x-long-password-1")
    staff.groups.add(CommuneRole.objects.get(site=ksar_created_by_another_process, role=Role.COMMUNICATOR).group)
    client.force_login(staff)
    response = client.get("/admin/editors-guide/", HTTP_HOST=admin_host)
    assert response.status_code == 302
    assert response["Location"].endswith("/editors-guide/")
    assert client.get(urlparse(response["Location"]).path, HTTP_HOST="ksar.localhost").status_code == 200


# --- real processes ---------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, host: str, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": host})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _title(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    return found.group(1).strip() if found else html[:300]


def _wait_until_serving(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"server on port {port} exited:\n{log.read_text()[-3000:]}")
        try:
            _get(port, "testserver", "/ar/")
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"server on port {port} did not start:\n{log.read_text()[-3000:]}")


def _shared_database_url(tmp_path: Path) -> str:
    """The test database as a URL the other processes open: on SQLite a file copy of the
    in-memory test database, on PostgreSQL the test database itself."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        target = tmp_path / "db.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
            # in WAL mode already, as a migrated database is: otherwise the two servers starting at
            # once both switch it (the settings' init_command), and the switch needs the file alone
            # ("database is locked" for the second, without waiting)
            copy.execute("PRAGMA journal_mode=WAL")
        copy.close()
        return f"sqlite:///{target}"
    user = params.get("USER") or ""
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    return f"postgres://{credentials}{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}/{params['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_two_server_processes_serve_a_commune_created_by_a_third(larache, tmp_path):
    """Two runserver processes on one database (each with its own local-memory cache, sharing
    the cache versions through files), warmed up; ``create_commune`` runs in a third process;
    both servers then serve every page of the new commune."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_template.settings.dev",
        "DATABASE_URL": _shared_database_url(tmp_path),
        "VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(REPO),
        "DB_CONN_MAX_AGE": "60",
    }
    manage = [sys.executable, str(REPO / "manage.py")]
    ports = [_free_port(), _free_port()]
    servers = []
    try:
        for port in ports:
            log = tmp_path / f"server-{port}.log"
            with log.open("w") as out:
                server = subprocess.Popen(  # noqa: S603 — our own manage.py
                    [*manage, "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
                    cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                )
            servers.append(server)
        for port, server in zip(ports, servers, strict=True):
            _wait_until_serving(port, server, tmp_path / f"server-{port}.log")
            # Warm every cache: larache's pages, and ksar.localhost served by the default site.
            for path in ("/ar/", "/ar/news/", "/fr/news/", "/ar/participate/information/"):
                assert _get(port, "testserver", path)[0] == 200
                assert _get(port, "ksar.localhost", path)[0] == 200

        spec = _ksar_spec()
        created = subprocess.run(  # noqa: S603
            [*manage, "create_commune", "--slug", spec.slug, "--name-ar", spec.name_ar,
             "--name-fr", spec.name_fr, "--hostname", spec.hostname, "--population", "126617"],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False,
        )
        assert created.returncode == 0, created.stderr[-3000:]

        for port in ports:
            for path in COMMUNE_PATHS:
                status, body = _get(port, "ksar.localhost", path)
                assert status == 200, f"port {port} {path}: {status} {_title(body)}"
            assert "القصر الكبير" in _get(port, "ksar.localhost", "/ar/")[1]
            assert _get(port, "testserver", "/ar/news/")[0] == 200  # the first commune still served
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
