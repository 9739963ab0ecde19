#!/usr/bin/env python
"""Benchmark of the suggestions space, served like production (issue 3 quality bar).

    .venv/bin/python benchmarks/participation_bench.py [--suggestions 10000] [--comments 100000]
        [--projects 500] [--activities 20] [--duration 10] [--concurrency 8] [--workers 3]
        [--database-url URL] [--keep]

1. builds a throwaway commune in its own database (SQLite in a temporary folder, or the
   PostgreSQL database given by ``--database-url`` / ``BENCH_DATABASE_URL`` — it must be a
   dedicated, empty database), then seeds 10,000 suggestions and 100,000 comments with
   ``bulk_create`` (one suggestion gets exactly 50 comments: the detail page measured);
2. collects static files and starts gunicorn twice with the production settings and the same
   options: the site (``site_template.wsgi``) and a bare Django view behind the same settings
   and middleware (``benchmarks.bare_wsgi``);
3. loads each URL from a small threaded HTTP client (loopback only, bounded in time and count)
   and prints requests per second and latency percentiles for: the bare view, the home page
   (with 30 news items, 6 council sessions and 6 meetings seeded besides the suggestions), the
   suggestions list and a suggestion's detail page, and a tracked programme of 500 projects with
   20 activities each (issue 11: its dashboard and, when ``participation.programme.views.pages``
   exists, a project's page), anonymous (served from the page cache) and logged in (the session
   of a verified citizen).

Targets (issue 3): anonymous cached pages ≥ 50 % of the bare view's requests/s; logged-in
pages ≥ 6 %.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GUNICORN = str(Path(PY).parent / "gunicorn")


# --- seeding (runs in a child process with Django set up) -----------------------------------


def seed(n_suggestions: int, n_comments: int, detail_comments: int = 50, n_projects: int = 500,
         n_activities: int = 20) -> dict:
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Site

    from participation.core.models import Category, Comment, Contribution, StatusChange, Support
    from participation.suggestions.models import SuggestionsPage
    from site_template.communes.models import Neighbourhood

    rnd = random.Random(42)
    site = Site.objects.get(is_default_site=True)
    page = SuggestionsPage.objects.get(locale__language_code="ar")
    page_fr = SuggestionsPage.objects.get(locale__language_code="fr")
    categories = list(Category.objects.filter(site=site)) or [
        Category.objects.create(site=site, name_ar=f"فئة {i}", name_fr=f"Catégorie {i}") for i in range(8)
    ]
    neighbourhoods = list(Neighbourhood.objects.filter(site=site)) or [
        Neighbourhood.objects.create(site=site, name_ar=f"حي {i}", name_fr=f"Quartier {i}") for i in range(10)
    ]
    User = get_user_model()
    password = make_password("bench-password-123")
    now = timezone.now()
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(
                    username=f"bench{i}@example.ma",
                    email=f"bench{i}@example.ma",
                    password=password,
                    display_name=f"مواطن {i}",
                )
                for i in range(1000)
            ],
            batch_size=500,
        )
        if users[0].pk is None:  # backends that do not return ids
            users = list(User.objects.filter(email__startswith="bench").order_by("pk"))
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users], batch_size=500
        )
        statuses = ["received"] * 6 + ["under_study", "answered", "accepted", "not_retained", "done"]
        words = "إصلاح الإنارة العمومية بالشارع الرئيسي قرب المدرسة والسوق وتهيئة الرصيف والمساحات الخضراء".split()
        contributions = [
            Contribution(
                site=site,
                page=page,
                kind="suggestion",
                author=rnd.choice(users),
                title=" ".join(rnd.sample(words, 6))[:200],
                text=" ".join(rnd.choice(words) for _ in range(60)),
                category=rnd.choice(categories),
                neighbourhood=rnd.choice(neighbourhoods),
                status=rnd.choice(statuses),
                created_at=now - timezone.timedelta(minutes=rnd.randint(1, 2 * 365 * 24 * 60)),
            )
            for _ in range(n_suggestions)
        ]
        # The detail page measured: the newest suggestion, with exactly ``detail_comments`` comments.
        contributions[0].created_at = now
        contributions[0].status = "received"
        Contribution.objects.bulk_create(contributions, batch_size=2000)
        ids = list(
            Contribution.objects.filter(page=page).order_by("-created_at", "-pk").values_list("pk", flat=True)
        )
        detail_id = ids[0]
        StatusChange.objects.bulk_create(
            [StatusChange(contribution_id=cid, from_status="", to_status="received", at=now) for cid in ids],
            batch_size=5000,
        )
        others = ids[1:]
        comment_words = "أوافق على هذا الاقتراح وأتمنى أن تهتم به الجماعة في أقرب الآجال شكرا".split()
        batch: list[Comment] = []
        for i in range(n_comments):
            cid = detail_id if i < detail_comments else rnd.choice(others)
            batch.append(
                Comment(
                    contribution_id=cid,
                    author=rnd.choice(users),
                    text=" ".join(rnd.choice(comment_words) for _ in range(25)),
                    created_at=now - timezone.timedelta(minutes=n_comments - i),
                )
            )
            if len(batch) == 5000:
                Comment.objects.bulk_create(batch)
                batch = []
        Comment.objects.bulk_create(batch)
        supports = set()
        while len(supports) < min(30_000, n_suggestions * 3):
            supports.add((rnd.choice(users).pk, rnd.choice(ids)))
        Support.objects.bulk_create(
            [Support(user_id=u, contribution_id=c) for u, c in supports], batch_size=5000
        )
        with connection.cursor() as cursor:
            for table, column in (
                ("participation_core_comment", "comment_count"),
                ("participation_core_support", "support_count"),
            ):
                cursor.execute(
                    f"UPDATE participation_core_contribution SET {column} = "  # noqa: S608 — constants
                    f"(SELECT COUNT(*) FROM {table} t WHERE t.contribution_id = participation_core_contribution.id)"
                )
    seed_home(site, now=now)
    programme = seed_programme(site, n_projects=n_projects, n_activities=n_activities) if n_projects else {}
    citizen = users[0]
    return {
        **_paths(page, page_fr, detail_id), **programme, "home": site.root_page.url,
        "session": login_session(citizen),
    }


def seed_programme(site, *, n_projects: int, n_activities: int) -> dict:
    """A tracked programme (the PAC) with ``n_projects`` projects of ``n_activities`` activities,
    their indicators and three years of figures, built by the tests' ``build_programme``; the
    paths of its dashboard and, when the project page exists, of a project's page."""
    import importlib.util

    from tests.programme.conftest import build_programme, make_programme

    programme, programme_fr = make_programme(site.root_page.specific, slug="pac")
    build_programme(programme, projects=n_projects, activities=n_activities)
    paths = {
        "dashboard": programme.url + programme.reverse_subpage("dashboard_route"),
        "dashboard_fr": programme_fr.url + programme_fr.reverse_subpage("dashboard_route"),
        "projects": n_projects,
    }
    if importlib.util.find_spec("participation.programme.views.pages") is not None:
        paths["project"] = programme.url + programme.reverse_subpage("project_route", args=[n_projects // 2])
    return paths


def seed_home(site, *, now, n_news: int = 30, n_sessions: int = 6, n_meetings: int = 6) -> None:
    """What the home page lists besides suggestions: news, council sessions and citizen meetings
    (in both languages, through the generator's tree helper), all in the future or recent."""
    from django.utils import timezone

    from participation.meetings.models import MeetingIndexPage, MeetingPage
    from site_template.council.models import CouncilSessionIndexPage, CouncilSessionPage
    from site_template.news.models import NewsIndexPage, NewsPage
    from site_template.pages.tree import add_translated_child

    def index(model):
        return model.objects.descendant_of(site.root_page).filter(locale__language_code="ar").first()

    news, council, meetings = index(NewsIndexPage), index(CouncilSessionIndexPage), index(MeetingIndexPage)
    for i in range(n_news):
        add_translated_child(
            news, page_class=NewsPage,
            ar={"title": f"خبر رقم {i}", "slug": f"bench-news-{i}", "intro": "مقدمة الخبر"},
            fr={"title": f"Actualité {i}", "slug": f"bench-news-{i}", "intro": "Chapeau de l'actualité"},
            date=timezone.localdate(now) - timezone.timedelta(days=i),
        )
    for i in range(n_sessions):
        add_translated_child(
            council, page_class=CouncilSessionPage,
            ar={"title": f"دورة {i}", "slug": f"bench-session-{i}", "place": "مقر الجماعة"},
            fr={"title": f"Session {i}", "slug": f"bench-session-{i}", "place": "Siège de la commune"},
            starts_at=now + timezone.timedelta(days=20 + 30 * i),
        )
    for i in range(n_meetings):
        add_translated_child(
            meetings, page_class=MeetingPage,
            ar={"title": f"لقاء {i}", "slug": f"bench-meeting-{i}", "place": "قاعة الجماعة"},
            fr={"title": f"Rencontre {i}", "slug": f"bench-meeting-{i}", "place": "Salle de la commune"},
            starts_at=now + timezone.timedelta(days=10 + 7 * i), capacity=100,
        )


def login_session(user) -> str:
    """A session of ``user`` (signed with this process's SECRET_KEY, as the server's)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _paths(page, page_fr, detail_id: int) -> dict:
    from participation.core.models import Comment, Contribution

    return {
        "list": page.url,
        "list_fr": page_fr.url,
        "detail": page.url + page.reverse_subpage("suggestion_detail", kwargs={"pk": detail_id}),
        "suggestions": Contribution.objects.filter(page=page).count(),
        "comments": Comment.objects.filter(contribution__page=page).count(),
        "detail_comments": Comment.objects.filter(contribution_id=detail_id).count(),
    }


def new_session() -> str:
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    return login_session(get_user_model().objects.get(email="bench0@example.ma"))


# --- load generator ---------------------------------------------------------------------------


def load(
    port: int,
    path: str,
    *,
    cookie: str = "",
    duration: float,
    concurrency: int,
    max_requests: int = 200_000,
) -> dict:
    """Hammer 127.0.0.1:port/path from ``concurrency`` threads for ``duration`` seconds."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    cache_hits = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + duration
    headers = {
        "Host": f"127.0.0.1:{port}",
        "Accept-Encoding": "identity",
        "User-Agent": "participation-bench",
    }
    if cookie:
        headers["Cookie"] = cookie

    def worker():
        conn = None
        local_lat, local_status, local_hits = [], {}, 0
        while time.perf_counter() < deadline:
            with lock:
                if len(latencies) + len(local_lat) >= max_requests:
                    break
            start = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("X-Page-Cache") == "hit":
                    local_hits += 1
                if response.getheader("Connection", "").lower() == "close" or response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                status = 0
                if conn is not None:
                    conn.close()
                conn = None
            local_lat.append(time.perf_counter() - start)
            local_status[status] = local_status.get(status, 0) + 1
        with lock:
            latencies.extend(local_lat)
            for key, value in local_status.items():
                statuses[key] = statuses.get(key, 0) + value
            cache_hits[0] += local_hits
        if conn is not None:
            conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else 0.0

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "mean": statistics.fmean(latencies) * 1000 if latencies else 0.0,
        "errors": sum(v for k, v in statuses.items() if k != 200),
        "statuses": statuses,
        "cache_hits": cache_hits[0],
    }


def fetch(port: int, path: str, cookie: str = "") -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": f"127.0.0.1:{port}"}
    if cookie:
        headers["Cookie"] = cookie
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, path: str) -> None:
    for _ in range(300):
        try:
            fetch(port, path)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


def gunicorn(app: str, port: int, workers: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            GUNICORN,
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suggestions", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--projects", type=int, default=500, help="programme projects (0: no programme)")
    parser.add_argument("--activities", type=int, default=20, help="activities per programme project")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per scenario")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument(
        "--workers", type=int, default=3, help="gunicorn workers (as `make serve-production`)"
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--work",
        default="",
        help="folder of an earlier --keep run: reuse its seeded database (skips seeding)",
    )
    args = parser.parse_args(argv)

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="participation-bench-"))
    state_file = work / "seeded.json"
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    site_port, bare_port = state.get("site_port") or free_port(), free_port()
    database_url = state.get("database_url") or args.database_url or f"sqlite:///{work / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "VAR_DIR": str(work),
        "DATABASE_URL": database_url,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SECRET_KEY": state.get("secret_key") or "benchmark-only-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
    dev_env = {**env, "DJANGO_SETTINGS_MODULE": "site_template.settings.dev"}
    prod_env = {**env, "DJANGO_SETTINGS_MODULE": "site_template.settings.production"}
    servers: list[subprocess.Popen] = []
    try:
        t0 = time.perf_counter()
        subprocess.run(
            [PY, "tools/compilemessages.py"], cwd=ROOT, check=True, env=dev_env, stdout=subprocess.DEVNULL
        )
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True, env=dev_env)
        if state:
            seeded = state["seeded"]
            out = subprocess.run(
                [PY, str(Path(__file__).resolve()), "_session"],
                cwd=ROOT,
                check=True,
                env=prod_env,
                capture_output=True,
                text=True,
            )
            seeded["session"] = out.stdout.strip().splitlines()[-1]
        else:
            commune = ["create_commune", "--slug", "larache", "--name-ar", "جماعة العرائش"]
            commune += [
                "--name-fr",
                "Commune de Larache",
                "--hostname",
                "127.0.0.1",
                "--port",
                str(site_port),
            ]
            commune += ["--default-site", "--population", "125008"]
            subprocess.run(
                [PY, "manage.py", *commune], cwd=ROOT, check=True, env=dev_env, stdout=subprocess.DEVNULL
            )
            out = subprocess.run(
                [PY, str(Path(__file__).resolve()), "_seed", str(args.suggestions), str(args.comments),
                 str(args.projects), str(args.activities)],
                cwd=ROOT,
                check=True,
                env=prod_env,
                capture_output=True,
                text=True,
            )
            seeded = json.loads(out.stdout.strip().splitlines()[-1])
            state_file.write_text(
                json.dumps({"seeded": seeded, "site_port": site_port, "database_url": database_url})
            )
        print(
            f"seeded {seeded['suggestions']} suggestions, {seeded['comments']} comments "
            f"({seeded['detail_comments']} on the detail page) in {time.perf_counter() - t0:.0f} s "
            f"[{database_url.split(':', 1)[0]}]"
        )
        subprocess.run(
            [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True, env=prod_env
        )
        servers.append(gunicorn("site_template.wsgi:application", site_port, args.workers, prod_env))
        servers.append(gunicorn("benchmarks.bare_wsgi:application", bare_port, args.workers, prod_env))
        wait_for(site_port, "/healthz")
        wait_for(bare_port, "/bare/")

        cookie = f"sessionid={seeded['session']}"
        status, _headers, body = fetch(site_port, seeded["detail"], cookie)
        html = body.decode()
        shown = len(re.findall(r'id="comment-\d+"', html))
        assert status == 200, f"detail page answered {status}"
        logged_in = "/participation/notifications/" in html
        print(f"detail page: {len(body) // 1024} KB, {shown} comments rendered, logged in: {logged_in}")
        status, _headers, body = fetch(site_port, seeded["list"])
        print(f"list page: {len(body) // 1024} KB (anonymous)")

        scenarios = [
            ("bare Django view", bare_port, "/bare/", ""),
            ("home page, anonymous (cached)", site_port, seeded["home"], ""),
            ("home page, logged in", site_port, seeded["home"], cookie),
            ("suggestions list, anonymous (cached)", site_port, seeded["list"], ""),
            ("suggestion detail, anonymous (cached)", site_port, seeded["detail"], ""),
            ("suggestions list, logged in (uncached)", site_port, seeded["list"], cookie),
            ("suggestion detail, logged in (uncached)", site_port, seeded["detail"], cookie),
        ]
        if seeded.get("dashboard"):
            status, _headers, body = fetch(site_port, seeded["dashboard"])
            assert status == 200, f"programme dashboard answered {status}"
            print(f"programme dashboard: {len(body) // 1024} KB, {seeded['projects']} projects (anonymous)")
            scenarios += [
                ("programme dashboard, anonymous (cached)", site_port, seeded["dashboard"], ""),
                ("programme dashboard, logged in", site_port, seeded["dashboard"], cookie),
            ]
        if seeded.get("project"):
            status, _headers, body = fetch(site_port, seeded["project"])
            assert status == 200, f"programme project page answered {status}"
            print(f"programme project page: {len(body) // 1024} KB (anonymous)")
            scenarios += [
                ("programme project page, anonymous (cached)", site_port, seeded["project"], ""),
                ("programme project page, logged in", site_port, seeded["project"], cookie),
            ]
        scenarios.append(("bare Django view (again)", bare_port, "/bare/", ""))
        results = []
        for name, port, path, cookie_value in scenarios:
            for _ in range(args.workers * 20):  # warm every worker (and its page cache)
                fetch(port, path, cookie_value)
            result = load(
                port, path, cookie=cookie_value, duration=args.duration, concurrency=args.concurrency
            )
            results.append((name, result))
        bare_rps = statistics.fmean([r["rps"] for n, r in results if n.startswith("bare")])
        print()
        print(
            f"gunicorn {args.workers} sync workers, {args.concurrency} client threads, {args.duration:.0f} s each, "
            f"{os.cpu_count()} CPUs (client and server share them)"
        )
        print(
            f"{'scenario':<42} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'requests':>9} {'errors':>7} "
            f"{'cache hits':>10} {'% bare':>7}"
        )
        for name, r in results:
            print(
                f"{name:<42} {r['rps']:>9.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['requests']:>9} "
                f"{r['errors']:>7} {r['cache_hits']:>10} {100 * r['rps'] / bare_rps:>6.1f}%"
            )
        verdicts = []
        for name, r in results:
            if "anonymous" in name:
                verdicts.append((name, r["rps"] / bare_rps >= 0.5, "≥ 50 %"))
            elif "logged in" in name:
                verdicts.append((name, r["rps"] / bare_rps >= 0.06, "≥ 6 %"))
        print()
        for name, ok, target in verdicts:
            print(f"{'PASS' if ok else 'FAIL'}  {name} {target} of the bare view")
        return 0 if all(ok for _n, ok, _t in verdicts) else 1
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_session":
        sys.path.insert(0, str(ROOT))
        print(new_session())
        sys.exit(0)
    if len(sys.argv) > 1 and sys.argv[1] == "_seed":
        sys.path.insert(0, str(ROOT))
        counts = [int(value) for value in sys.argv[2:6]]
        print(json.dumps(seed(counts[0], counts[1], 50, *counts[2:])))
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
