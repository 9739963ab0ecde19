"""What the capability benchmarks share: a throwaway commune in its own database, seeded by the
benchmark's own ``seed`` in a child process, served by gunicorn with the production settings
beside a bare Django view, each page loaded anonymous (page cache) and logged in (uncached).

    from benchmarks.harness import Page, add_arguments, run

    def main(argv):
        parser = argparse.ArgumentParser(...)
        parser.add_argument("--projects", type=int, default=500)
        add_arguments(parser)
        args = parser.parse_args(argv)
        return run(args, prefix="programme-bench-", script=__file__, seed_args=[str(args.projects)],
                   summary=lambda seeded: f"seeded {seeded['projects']} projects",
                   pages=[Page("dashboard", "dashboard"), Page("project", "project")])

The seed (``script _seed <seed_args>``) prints one JSON object whose last line holds the paths
named by the pages' ``key``, ``session`` (a logged-in citizen's session key) and ``queries``
({page label: [HTTP status, SQL queries]}, counted with the test client).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.participation_bench import PY, ROOT, fetch, free_port, gunicorn, load, wait_for


@dataclass(frozen=True)
class Page:
    label: str  # "dashboard"
    key: str  # the seed's JSON key holding its path


def query_counts(*, host: str, user, paths: dict[str, str]) -> dict[str, tuple[int, int]]:
    """{label: (HTTP status, SQL queries)} of each path for the logged-in ``user`` (Django's test
    client, the second request of each, so per-process caches are warm). Runs inside the seed."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host)
    client.force_login(user)
    counts = {}
    for label, path in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(path).status_code
        counts[f"{label} page"] = (status, len(ctx.captured_queries))
    return counts


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per scenario")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (to profile it)")


def _environment(work: Path, database_url: str) -> dict:
    return {
        **os.environ,
        "VAR_DIR": str(work),
        "DATABASE_URL": database_url,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SECRET_KEY": "benchmark-only-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }


def run(
    args: argparse.Namespace,
    *,
    prefix: str,
    script: str,
    seed_args: list[str],
    summary: Callable[[dict], str],
    pages: list[Page],
) -> int:
    work = Path(tempfile.mkdtemp(prefix=prefix))
    site_port, bare_port = free_port(), free_port()
    database_url = args.database_url or f"sqlite:///{work / 'bench.sqlite3'}"
    env = _environment(work, database_url)
    dev_env = {**env, "DJANGO_SETTINGS_MODULE": "site_template.settings.dev"}
    prod_env = {**env, "DJANGO_SETTINGS_MODULE": "site_template.settings.production"}
    servers: list[subprocess.Popen] = []
    try:
        t0 = time.perf_counter()
        subprocess.run([PY, "tools/compilemessages.py"], cwd=ROOT, check=True, env=dev_env, stdout=subprocess.DEVNULL)
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True, env=dev_env)
        subprocess.run(
            [PY, "manage.py", "create_commune", "--slug", "larache", "--name-ar", "جماعة العرائش",
             "--name-fr", "Commune de Larache", "--hostname", "127.0.0.1", "--port", str(site_port),
             "--default-site", "--population", "125008"],
            cwd=ROOT, check=True, env=dev_env, stdout=subprocess.DEVNULL,
        )
        out = subprocess.run(
            [PY, str(Path(script).resolve()), "_seed", *seed_args],
            cwd=ROOT, check=True, env={**dev_env, "DEBUG": "false"}, capture_output=True, text=True,
        )
        seeded = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{summary(seeded)} in {time.perf_counter() - t0:.0f} s [{database_url.split(':', 1)[0]}]")
        for name, (status, count) in seeded["queries"].items():
            print(f"SQL queries, {name} (logged in): {count} (HTTP {status})")
        subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True, env=prod_env)
        servers.append(gunicorn("site_template.wsgi:application", site_port, args.workers, prod_env))
        servers.append(gunicorn("benchmarks.bare_wsgi:application", bare_port, args.workers, prod_env))
        wait_for(site_port, "/healthz")
        wait_for(bare_port, "/bare/")
        cookie = f"sessionid={seeded['session']}"
        for page in pages:
            path = seeded[page.key]
            status, _headers, body = fetch(site_port, path)
            print(f"{page.label} page: HTTP {status}, {len(body) // 1024} KB (anonymous)")
            status, _headers, body = fetch(site_port, path, cookie)
            logged_in = "/participation/notifications/" in body.decode()
            print(f"{page.label} page: HTTP {status}, {len(body) // 1024} KB (session cookie; logged in: {logged_in})")
        scenarios = [("bare Django view", bare_port, "/bare/", "")]
        scenarios += [(f"{p.label} page, anonymous (cached)", site_port, seeded[p.key], "") for p in pages]
        scenarios += [(f"{p.label} page, logged in (uncached)", site_port, seeded[p.key], cookie) for p in pages]
        scenarios.append(("bare Django view (again)", bare_port, "/bare/", ""))
        results = []
        for name, port, path, cookie_value in scenarios:
            for _ in range(args.workers * 10):
                fetch(port, path, cookie_value)
            results.append((name, load(port, path, cookie=cookie_value, duration=args.duration,
                                       concurrency=args.concurrency)))
        bare_rps = statistics.fmean([r["rps"] for n, r in results if n.startswith("bare")])
        print()
        print(f"gunicorn {args.workers} sync workers, {args.concurrency} client threads, {args.duration:.0f} s each")
        print(f"{'scenario':44} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'% bare':>7}")
        for name, r in results:
            share = 100 * r["rps"] / bare_rps if bare_rps else 0
            print(f"{name:44} {r['rps']:8.1f} {r['p50']:8.1f} {r['p95']:8.1f} {r['errors']:7d} {share:6.0f}%")
        return 0
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)  # the throwaway database and static files
