#!/usr/bin/env python
"""Benchmark of a digital consultation, served like production (issue 4 quality bar).

    .venv/bin/python benchmarks/consultation_bench.py [--projects 50] [--remarks 20000]
        [--duration 10] [--concurrency 8] [--workers 3] [--database-url URL] [--keep]

Builds a throwaway commune in its own database (SQLite in a temporary folder, or the dedicated,
empty PostgreSQL database given by ``--database-url`` / ``BENCH_DATABASE_URL``), seeds one open
consultation with 50 open projects and 20,000 remarks and proposals (with supports and comments)
through ``bulk_create``, counts the SQL queries of the consultation page and of a project page
(Django test client, logged in), then serves the site with gunicorn and the production settings
next to a bare Django view, and measures requests/s and latency percentiles for the consultation
page and a project page, anonymous (page cache) and logged in (uncached).

Runs through ``benchmarks/harness.py`` (the throwaway commune, gunicorn, the load generator).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import Page, add_arguments, query_counts, run  # noqa: E402
from benchmarks.participation_bench import login_session  # noqa: E402


def seed(n_projects: int, n_remarks: int) -> dict:
    import django

    django.setup()
    from datetime import timedelta

    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Site

    from participation.consultations.models import CARD_FIELDS, Axis, ConsultationPage, OpenProject, Remark
    from participation.core.models import Comment, Contribution, Support
    from site_template.pages.tree import add_translated_child

    rnd = random.Random(4)
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    now = timezone.now()
    page, page_fr = add_translated_child(
        home,
        page_class=ConsultationPage,
        ar={"title": "التشاور الرقمي حول برنامج الانفتاح", "slug": "consultation"},
        fr={"title": "Consultation numérique", "slug": "consultation"},
        opens_at=now - timedelta(days=2),
        closes_at=now + timedelta(days=30),
    )
    User = get_user_model()
    password = make_password("bench-password-123")
    words = "تحسين التواصل مع الساكنة ونشر المعلومات في الأحياء وإشراك الجمعيات والشباب في تتبع المشاريع".split()
    axes = [a for a, _label in Axis.choices]
    with transaction.atomic():
        users = User.objects.bulk_create(
            [User(username=f"bench{i}@example.ma", email=f"bench{i}@example.ma", password=password,
                  display_name=f"مواطن {i}") for i in range(2000)],
            batch_size=500,
        )
        if users[0].pk is None:
            users = list(User.objects.filter(email__startswith="bench").order_by("pk"))
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users], batch_size=500
        )
        threads = Contribution.objects.bulk_create(
            [Contribution(site=site, page=page, kind="project", title=f"{n} — مشروع", text="—")
             for n in range(1, n_projects + 1)]
        )
        if threads[0].pk is None:
            threads = list(Contribution.objects.filter(page=page, kind="project").order_by("pk"))
        projects = OpenProject.objects.bulk_create(
            [
                OpenProject(consultation=page, number=n, axis=rnd.choice(axes), title_ar=f"مشروع الانفتاح رقم {n}",
                            title_fr=f"Projet d'ouverture n° {n}", description_ar=" ".join(rnd.sample(words, 10)),
                            estimated_cost=rnd.randint(10, 500) * 10_000, contribution=thread)
                for n, thread in zip(range(1, n_projects + 1), threads, strict=True)
            ]
        )
        if projects[0].pk is None:
            projects = list(OpenProject.objects.filter(consultation=page).order_by("number"))
        n_proposals = n_remarks // 20
        plan = []  # (project or None, author)
        for i in range(n_remarks):
            project = None if i < n_proposals else projects[i % len(projects)]
            plan.append((project, rnd.choice(users)))
        remark_threads = Contribution.objects.bulk_create(
            [Contribution(site=site, page=page, kind="proposal" if p is None else "remark", author=a,
                          title="—", text=" ".join(rnd.choice(words) for _ in range(30)),
                          created_at=now - timedelta(minutes=i)) for i, (p, a) in enumerate(plan)],
            batch_size=2000,
        )
        if remark_threads[0].pk is None:
            remark_threads = list(Contribution.objects.filter(page=page).exclude(kind="project").order_by("pk"))
        Remark.objects.bulk_create(
            [
                Remark(consultation=page, project=p, kind="proposal" if p is None else "remark", author=a,
                       proposal_title="مشروع مقترح" if p is None else "", contribution=thread,
                       **{name: " ".join(rnd.choice(words) for _ in range(15)) for name in CARD_FIELDS[:3]})
                for (p, a), thread in zip(plan, remark_threads, strict=True)
            ],
            batch_size=2000,
        )
        supports = set()
        while len(supports) < min(30_000, len(users) * n_projects // 2):
            supports.add((rnd.choice(users).pk, rnd.choice(threads).pk))
        Support.objects.bulk_create([Support(user_id=u, contribution_id=c) for u, c in supports], batch_size=5000)
        Comment.objects.bulk_create(
            [Comment(contribution=rnd.choice(remark_threads), author=rnd.choice(users), text="أتفق")
             for _ in range(n_remarks // 4)],
            batch_size=5000,
        )
        with connection.cursor() as cursor:
            for table, column in (("participation_core_comment", "comment_count"),
                                  ("participation_core_support", "support_count")):
                cursor.execute(
                    f"UPDATE participation_core_contribution SET {column} = "  # noqa: S608 — constants
                    f"(SELECT COUNT(*) FROM {table} t WHERE t.contribution_id = participation_core_contribution.id)"
                )
    citizen = users[0]
    project_path = page.url + "projects/1/"
    queries = query_counts(host=f"{site.hostname}:{site.port}", user=citizen,
                           paths={"consultation": page.url, "project": project_path})
    return {
        "consultation": page.url,
        "consultation_fr": page_fr.url,
        "project": project_path,
        "session": login_session(citizen),
        "projects": OpenProject.objects.filter(consultation=page).count(),
        "remarks": Remark.objects.filter(consultation=page).count(),
        "project_remarks": Remark.objects.filter(project__number=1, consultation=page).count(),
        "supports": Support.objects.filter(contribution__page=page).count(),
        "queries": queries,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=50)
    parser.add_argument("--remarks", type=int, default=20_000)
    add_arguments(parser)
    args = parser.parse_args(argv)
    return run(
        args, prefix="consultation-bench-", script=__file__, seed_args=[str(args.projects), str(args.remarks)],
        summary=lambda seeded: (
            f"seeded {seeded['projects']} projects, {seeded['remarks']} remarks and proposals "
            f"({seeded['project_remarks']} on the project measured), {seeded['supports']} supports"
        ),
        pages=[Page("consultation", "consultation"), Page("project", "project")],
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_seed":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_template.settings.dev")
        print(json.dumps(seed(int(sys.argv[2]), int(sys.argv[3]))))
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
