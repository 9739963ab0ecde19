"""Cache versions every worker process agrees on.

A cache entry whose key holds a version is never stale: a write that changes what it was built
from bumps the version, and later requests miss and rebuild. The version must be the same in
every gunicorn worker:

- with a shared cache (Redis: ``CACHE_URL``) the version is a cache key;
- with the default per-process local-memory cache it is a small file in ``CACHE_VERSION_DIR``
  (default ``VAR_DIR / "cache-versions"``), read on every lookup (a few microseconds), so a
  publish seen by one worker reaches the others at once, and evicting cache entries never
  loses it.

``CACHE_VERSION_DIR = ""`` keeps versions in the cache only (one process: the tests).

What a process keeps that is not keyed by a version (a library's own fixed cache key, such as
Wagtail's list of site root paths, or a memoised lookup) registers a ``forget`` callable with
``version.renew_on_change(forget)``: the first request a process serves after the version changed,
whichever process changed it, calls it before anything else runs.

Three versions are used: ``CONTENT`` (any public change: contributions, comments, supports,
pages; keys the anonymous page cache), ``SITE_STRUCTURE`` (pages, sites, locales, view
restrictions, commune settings, categories and neighbourhoods only; keys menus, page routing,
breadcrumbs and filter lists, which stay cached while citizens post) and ``ACCOUNT_STANDING``
(verified addresses, blocks, staff roles and group memberships; keys what the participation
rules know of an account, ``participation.core.rules.account_standing``).
"""

from __future__ import annotations

import os
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started

# Within a request a version is read once (a page asks for it a dozen times); a bump made by the
# request itself updates it. Outside requests (commands, tests) nothing is memoised.
_request_memo = threading.local()
# The versions some process state is renewed for (``CacheVersion.renew_on_change``).
_renewed_versions: list[CacheVersion] = []


def _start_memo(**_kwargs) -> None:
    _request_memo.values = {}


def _end_memo(**_kwargs) -> None:
    _request_memo.values = None


def _renew_changed(**_kwargs) -> None:
    for version in _renewed_versions:
        version.renew_if_changed()


request_started.connect(_start_memo, dispatch_uid="cache_versions_start")
request_started.connect(_renew_changed, dispatch_uid="cache_versions_renew")  # after the memo starts
request_finished.connect(_end_memo, dispatch_uid="cache_versions_end")


def _shared_cache() -> bool:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return not backend.endswith(("LocMemCache", "DummyCache"))


def _version_dir() -> Path | None:
    if _shared_cache():
        return None
    configured = getattr(settings, "CACHE_VERSION_DIR", None)
    if configured is not None:
        return Path(configured) if configured else None
    var_dir = Path(os.environ.get("VAR_DIR", Path(settings.BASE_DIR) / "var"))
    return var_dir / "cache-versions"


class CacheVersion:
    """A named version: ``current()`` to build keys, ``bump()`` after a change."""

    def __init__(self, name: str):
        self.name = name
        self.key = f"cacheversion:{name}"
        self._renewals: list[Callable[[], None]] = []
        self._seen: str | None = None  # the version this process last renewed its state for

    def _file(self) -> Path | None:
        directory = _version_dir()
        return directory / self.name if directory is not None else None

    def _cached(self) -> str:
        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, uuid.uuid4().hex, None)
            version = cache.get(self.key, "0")
        return str(version)

    def current(self) -> str:
        memo = getattr(_request_memo, "values", None)
        if memo is not None and self.name in memo:
            return memo[self.name]
        path = self._file()
        if path is None:
            version = self._cached()
        else:
            try:
                version = path.read_text()[:64] or "0"
            except OSError:
                version = "0"
        if memo is not None:
            memo[self.name] = version
        return version

    def bump(self, **_ignored) -> None:
        """Every entry keyed by this version becomes stale (signature fits signal receivers)."""
        version = uuid.uuid4().hex
        memo = getattr(_request_memo, "values", None)
        if memo is not None:
            memo[self.name] = version
        path = self._file()
        if path is None:
            cache.set(self.key, version, None)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{self.name}-")
            with os.fdopen(fd, "w") as handle:
                handle.write(version)
            os.replace(tmp, path)  # atomic: readers see the old or the new version, never half
        except OSError:
            cache.clear()  # cannot record a version: drop this process's cache at least

    def renew_on_change(self, forget: Callable[[], None]) -> None:
        """Call ``forget()`` in this process at the start of the first request after the
        version changed (in any process), so state this process keeps outside versioned keys
        is rebuilt from the database. Idempotent."""
        if forget not in self._renewals:
            self._renewals.append(forget)
        if self not in _renewed_versions:
            _renewed_versions.append(self)

    def renew_if_changed(self) -> None:
        """Run the ``forget`` callables if the version differs from the one last seen here (a
        request does it first; a long-running job may call it between units of work)."""
        version = self.current()
        if version == self._seen:
            return
        self._seen = version  # two threads may both forget: harmless, the state is rebuilt
        for forget in self._renewals:
            forget()

    def bump_now_and_on_commit(self, **_ignored) -> None:
        """Bump at once and again after the transaction commits: an entry built between the
        write and the commit (from the old rows) must not survive."""
        from django.db import transaction

        self.bump()
        transaction.on_commit(self.bump)


def bump_on_change(version: CacheVersion, *models) -> None:
    """Bump ``version`` whenever a row of one of ``models`` is saved or deleted (idempotent)."""
    from django.db.models.signals import post_delete, post_save

    def receiver(**_kwargs):
        version.bump_now_and_on_commit()

    for model in models:
        for signal in (post_save, post_delete):
            uid = f"cacheversion-{version.name}-{signal is post_save}-{model._meta.label}"
            signal.connect(receiver, sender=model, weak=False, dispatch_uid=uid)


CONTENT = CacheVersion("content")
SITE_STRUCTURE = CacheVersion("site-structure")
ACCOUNT_STANDING = CacheVersion("account-standing")
