#!/usr/bin/env python
"""Lighthouse (mobile) on the demo commune's home page in Arabic and French.

    .venv/bin/python tools/lighthouse_audit.py [--keep] [PATH ...]

Builds a throwaway demo commune (SQLite in a temporary folder), serves it like production
(gunicorn, production settings, whitenoise-compressed static files), and runs the Lighthouse
npm package (tools/lighthouse, installed on first use) against Debian's chromium. Prints the four
category scores per page and writes the JSON reports to reports/lighthouse/.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LH_DIR = ROOT / "tools" / "lighthouse"
PY = sys.executable
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str]) -> int:
    paths = [a for a in argv if not a.startswith("--")] or ["/ar/", "/fr/"]
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        print("chromium is missing: run `make browser`", file=sys.stderr)
        return 2
    if not (LH_DIR / "node_modules" / ".bin" / "lighthouse").exists():
        npm = ["npm", "--no-audit", "--no-fund"]
        if subprocess.run([*npm, "ci"], cwd=LH_DIR).returncode != 0:
            # One of lighthouse's own dependencies asks for another package's "latest" version, so
            # the lock file goes stale whenever that package is released: install from
            # package.json (lighthouse itself stays pinned) rather than fail.
            print("npm ci refused the lock file; installing from package.json", file=sys.stderr)
            subprocess.run([*npm, "install"], cwd=LH_DIR, check=True)
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    port = free_port()
    env = {
        **os.environ,
        "VAR_DIR": str(work),
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    dev_env = {**env, "DJANGO_SETTINGS_MODULE": "site_template.settings.dev"}
    subprocess.run([PY, "tools/compilemessages.py"], cwd=ROOT, check=True, env=dev_env)
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True, env=dev_env)
    subprocess.run(
        [PY, "manage.py", "create_commune", "--demo", "--slug", "larache", "--name-ar", "جماعة العرائش",
         "--name-fr", "Commune de Larache", "--hostname", "127.0.0.1", "--port", str(port), "--default-site",
         "--population", "125008"],
        cwd=ROOT, check=True, env=dev_env, stdout=subprocess.DEVNULL,
    )
    prod_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "site_template.settings.production",
        "SECRET_KEY": "lighthouse-audit-only-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SERVE_MEDIA": "true",
    }
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True, env=prod_env)
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "site_template.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2"],
        cwd=ROOT, env=prod_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    out_dir = ROOT / "reports" / "lighthouse"
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = False
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        print(f"{'page':<10} " + " ".join(f"{c:>15}" for c in CATEGORIES))
        for path in paths:
            report = out_dir / f"{path.strip('/').replace('/', '_') or 'root'}.json"
            subprocess.run(
                [str(LH_DIR / "node_modules" / ".bin" / "lighthouse"), f"http://127.0.0.1:{port}{path}",
                 "--quiet", "--output=json", f"--output-path={report}", "--form-factor=mobile",
                 "--only-categories=" + ",".join(CATEGORIES),
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                 "--disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage"],
                cwd=ROOT, check=True, env={**os.environ, "CHROME_PATH": chromium},
            )
            data = json.loads(report.read_text())
            scores = [round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES]
            failed |= any(s < 95 for s in scores)
            print(f"{path:<10} " + " ".join(f"{s:>15}" for s in scores))
            for c in CATEGORIES:
                for ref in data["categories"][c]["auditRefs"]:
                    audit = data["audits"][ref["id"]]
                    if ref["weight"] and audit["score"] is not None and audit["score"] < 0.9:
                        print(f"    {c}: {audit['id']}: {audit['title']} ({audit.get('displayValue', '')})")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        if "--keep" not in argv:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
