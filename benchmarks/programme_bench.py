#!/usr/bin/env python
"""Benchmark of programme tracking, served like production (issue 11 quality bar).

    .venv/bin/python benchmarks/programme_bench.py [--projects 500] [--activities 20]
        [--duration 10] [--concurrency 8] [--workers 3] [--database-url URL] [--keep]

Builds a throwaway commune in its own database (SQLite in a temporary folder, or the dedicated,
empty PostgreSQL database given by ``--database-url`` / ``BENCH_DATABASE_URL``), seeds one
programme of 500 projects over 5 axes, each with 20 activities, two indicators with three years
of values and three years of funding, through ``bulk_create``; counts the SQL queries of the
programme page, the dashboard and a project page (Django test client, logged in); then serves
the site with gunicorn and the production settings next to a bare Django view, and measures
requests/s and latency percentiles for the dashboard and a project page, anonymous (page cache)
and logged in (uncached). Aim (issue 11): the same shares of the bare view as the suggestions
pages (anonymous ≥ 50 %, logged in ≥ 6 %).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import Page, add_arguments, query_counts, run  # noqa: E402
from benchmarks.participation_bench import login_session  # noqa: E402


def seed(n_projects: int, n_activities: int) -> dict:
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from participation.programme.models import Activity, ProgrammePage, Project
    from site_template.pages.tree import add_translated_child
    from tests.programme.conftest import build_programme

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    page, page_fr = add_translated_child(
        home, page_class=ProgrammePage, period_start=2022, period_end=2027,
        ar={"title": "برنامج عمل الجماعة", "slug": "bench-programme"},
        fr={"title": "Programme d'action", "slug": "bench-programme"},
    )
    build_programme(page, axes=5, projects=n_projects, activities=n_activities)
    citizen = get_user_model().objects.create_user(
        email="bench.citizen@example.ma", password="bench-password-123",  # noqa: S106 — a throwaway database
    )
    EmailAddress.objects.create(user=citizen, email=citizen.email, verified=True, primary=True)
    paths = {"programme": page.url, "dashboard": page.url + "dashboard/", "project": page.url + "projects/250/"}
    queries = query_counts(host=f"{site.hostname}:{site.port}", user=citizen, paths=paths)
    return {
        **paths,
        "session": login_session(citizen),
        "projects": Project.objects.filter(programme=page).count(),
        "activities": Activity.objects.filter(project__programme=page).count(),
        "queries": queries,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--activities", type=int, default=20)
    add_arguments(parser)
    args = parser.parse_args(argv)
    return run(
        args, prefix="programme-bench-", script=__file__, seed_args=[str(args.projects), str(args.activities)],
        summary=lambda seeded: f"seeded {seeded['projects']} projects and {seeded['activities']} activities",
        pages=[Page("dashboard", "dashboard"), Page("project", "project"), Page("programme", "programme")],
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_seed":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_template.settings.dev")
        print(json.dumps(seed(int(sys.argv[2]), int(sys.argv[3]))))
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
