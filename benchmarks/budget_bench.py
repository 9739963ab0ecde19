#!/usr/bin/env python
"""Benchmark of the citizen budget's year page, served like production (issue 13 quality bar).

    .venv/bin/python benchmarks/budget_bench.py [--lines 300 3000] [--duration 10]
        [--concurrency 8] [--workers 3] [--database-url URL] [--keep]

For each size, builds a throwaway commune in its own database (SQLite in a temporary folder, or
the dedicated, empty PostgreSQL database given by ``--database-url`` / ``BENCH_DATABASE_URL``),
seeds a citizen budget of three published years of ``--lines`` lines each (2024 and 2025 with
their administrative account, 2026 voted) through ``bulk_create``; in the seed, times the 2025
page rendered from scratch for an anonymous visitor (cold: the content cache renewed before each
request) and from the page cache (hot), and counts its SQL queries (Django test client, cold,
anonymous and logged in); then serves the site with gunicorn and the production settings next to
a bare Django view and measures requests/s and latency percentiles for the year page, anonymous
(page cache) and logged in (the body from the content cache, the rest per request).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import Page, add_arguments, run  # noqa: E402
from benchmarks.participation_bench import login_session  # noqa: E402

YEAR = 2025
RUNS = 7


def _timed(client, path: str, *, before=None) -> tuple[float, int]:
    """The median time (ms) of ``RUNS`` requests for ``path`` (``before()`` before each) and the
    SQL queries of the last one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, count = [], 0
    for _ in range(RUNS):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            status = client.get(path).status_code
            times.append((time.perf_counter() - t0) * 1000)
        assert status == 200, (path, status)
        count = len(ctx.captured_queries)
    return statistics.median(times), count


def seed(n_lines: int) -> dict:
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.models import Site

    from participation.budget.models import BudgetLine
    from participation.core.caching import content_changed
    from tests.budget.conftest import build_year, make_budget

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    budget, budget_fr = make_budget(home, slug="bench-budget")
    build_year(budget, year=YEAR - 1, lines=n_lines)
    build_year(budget, year=YEAR, lines=n_lines)
    build_year(budget, year=YEAR + 1, lines=n_lines, executed=False)
    citizen = get_user_model().objects.create_user(
        email="bench.citizen@example.ma", password="bench-password-123",  # noqa: S106 — a throwaway database
    )
    EmailAddress.objects.create(user=citizen, email=citizen.email, verified=True, primary=True)
    year_path = budget_fr.url + budget_fr.reverse_subpage("year_route", args=[YEAR])
    host = f"{site.hostname}:{site.port}"

    anonymous = Client(HTTP_HOST=host)
    anonymous.get(year_path)  # warm the per-process caches
    cold_ms, cold_queries = _timed(anonymous, year_path, before=content_changed)
    anonymous.get(year_path)
    hot_ms, hot_queries = _timed(anonymous, year_path)
    logged_in = Client(HTTP_HOST=host)
    logged_in.force_login(citizen)
    logged_in.get(year_path)
    logged_cold_ms, logged_cold_queries = _timed(logged_in, year_path, before=content_changed)
    logged_ms, logged_queries = _timed(logged_in, year_path)
    return {
        "year": year_path,
        "session": login_session(citizen),
        "lines": BudgetLine.objects.filter(budget_year__budget=budget).count(),
        "timings": {
            "anonymous, cold (computed)": [round(cold_ms, 1), cold_queries],
            "anonymous, hot (page cache)": [round(hot_ms, 1), hot_queries],
            "logged in, cold (computed)": [round(logged_cold_ms, 1), logged_cold_queries],
            "logged in, hot (body from the content cache)": [round(logged_ms, 1), logged_queries],
        },
        "queries": {"year page, cold": (200, logged_cold_queries), "year page, hot": (200, logged_queries)},
    }


def _summary(seeded: dict) -> str:
    lines = [f"seeded 3 years of {seeded['lines'] // 3} lines ({seeded['lines']} lines)"]
    for name, (ms, queries) in seeded["timings"].items():
        lines.append(f"  year page, {name}: {ms} ms median of {RUNS} (test client), {queries} SQL queries")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[300, 3000], help="lines per year (one run each)")
    add_arguments(parser)
    args = parser.parse_args(argv)
    status = 0
    for n_lines in args.lines:
        print(f"== {n_lines} lines per year ==")
        status |= run(args, prefix="budget-bench-", script=__file__, seed_args=[str(n_lines)], summary=_summary,
                      pages=[Page("year", "year")])
        print()
    return status


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_seed":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_template.settings.dev")
        print(json.dumps(seed(int(sys.argv[2]))))
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
