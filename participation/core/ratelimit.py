"""Abuse limits: fixed-window counters in the cache, per account and per address.

Two ways to use it:

- in a view handling a form, keep what the user typed and add an error::

      if ratelimit_exceeded(request, "comment"):
          form.add_error(None, ratelimit_message("comment"))

- or decorate a view, which then answers HTTP 429 with a translated page (or JSON for the JS
  enhancer) when the limit is passed::

      @ratelimit(key="support")
      def support_toggle_view(request, pk): ...

Each call counts one action for the account (when logged in) and one for the client address;
the action is refused when either counter is over the limit. Many citizens share an address
(mobile carriers' NAT, cyber-cafés, the commune's own office), so for a logged-in user the
per-address limit is the rate × ``RATELIMIT_IP_MULTIPLIER``; for anonymous actions (sign-up,
log-in) the rate applies to the address. IPv6 addresses are grouped by /64.

Settings (defaults in ``DEFAULT_RATES`` and below):

- ``RATELIMIT_ENABLED`` (True) — switch off only in load tests;
- ``RATELIMIT_RATES`` — dict overriding rates by key, e.g. ``{"post": "10/h"}``;
  a rate is ``"<count>/<period>"`` with period ``s``, ``m``, ``h``, ``d``, optionally multiplied
  (``"5/15m"``);
- ``RATELIMIT_IP_MULTIPLIER`` (5);
- ``RATELIMIT_PROXY_COUNT`` (0) — number of trusted reverse proxies in front of Django. 0 means
  ``REMOTE_ADDR`` is the client; with N > 0 the client is the N-th address from the right of
  ``X-Forwarded-For`` (never trust that header without a proxy that sets it).
"""

from __future__ import annotations

import functools
import ipaddress
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext

DEFAULT_RATES: dict[str, str] = {
    "post": "10/h",  # new contributions (suggestions, remarks, proposals)
    "comment": "30/h",
    "support": "120/h",
    "follow": "120/h",
    "report": "20/h",
    "signup": "5/h",
    "login": "10/15m",
    "password_reset": "5/h",
}
FALLBACK_RATE = "60/h"

_RATE_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds

    @classmethod
    def parse(cls, rate: str) -> Rate:
        match = _RATE_RE.match(rate or "")
        if not match:
            raise ValueError(f"Invalid rate {rate!r}: expected e.g. '10/h' or '5/15m'.")
        count, multiplier, unit = match.groups()
        return cls(limit=int(count), period=int(multiplier or 1) * _UNITS[unit])


def rate_for(key: str, rate: str | None = None) -> Rate:
    if rate is None:
        configured = getattr(settings, "RATELIMIT_RATES", {}) or {}
        rate = configured.get(key) or DEFAULT_RATES.get(key) or FALLBACK_RATE
    return Rate.parse(rate)


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting ``X-Forwarded-For`` only behind a configured proxy count."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "RATELIMIT_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            remote = forwarded[-proxies]
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address) + "/64"
    return str(address)


def _idents(request: HttpRequest, rate: Rate) -> list[tuple[str, int]]:
    """(identity, limit) pairs to count against."""
    user = getattr(request, "user", None)
    ip = client_ip(request)
    if user is not None and getattr(user, "is_authenticated", False):
        multiplier = int(getattr(settings, "RATELIMIT_IP_MULTIPLIER", 5) or 1)
        return [(f"u{user.pk}", rate.limit), (f"ip{ip}", rate.limit * multiplier)]
    return [(f"ip{ip}", rate.limit)]


def _cache_key(key: str, ident: str, window: int) -> str:
    return f"rl:{key}:{ident}:{window}"


def _count(cache_key: str, period: int, *, increment: bool) -> int:
    if not increment:
        return int(cache.get(cache_key, 0))
    # add() is a no-op when the key exists; incr() is atomic in Redis and memcached.
    cache.add(cache_key, 0, timeout=period + 5)
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=period + 5)
        return 1


def ratelimit_exceeded(
    request: HttpRequest, key: str, rate: str | None = None, *, increment: bool = True
) -> bool:
    """Count one ``key`` action for this request's account and address; True when over the limit.

    With ``increment=False`` only looks (e.g. to show a warning before the form is sent).
    """
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return False
    parsed = rate_for(key, rate)
    window = int(time.time() // parsed.period)
    exceeded = False
    for ident, limit in _idents(request, parsed):
        if _count(_cache_key(key, ident, window), parsed.period, increment=increment) > limit:
            exceeded = True
    return exceeded


def retry_after(key: str, rate: str | None = None) -> int:
    """Seconds until the current window ends."""
    parsed = rate_for(key, rate)
    return max(1, parsed.period - int(time.time()) % parsed.period)


def ratelimit_message(key: str, rate: str | None = None) -> str:
    """The translated sentence to show the user (in the active language)."""
    seconds = retry_after(key, rate)
    if seconds < 120:
        wait = ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    else:
        minutes = math.ceil(seconds / 60)
        wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return gettext(
        "You have done this too many times in a short while. Please wait %(wait)s and try again."
    ) % {"wait": wait}


def ratelimited_response(request: HttpRequest, key: str, rate: str | None = None) -> HttpResponse:
    """HTTP 429: JSON for the JS enhancer, otherwise a page with the message and a way back."""
    message = ratelimit_message(key, rate)
    seconds = retry_after(key, rate)
    if request.headers.get("x-requested-with") == "fetch" or "application/json" in request.headers.get(
        "accept", ""
    ):
        response: HttpResponse = JsonResponse(
            {"ok": False, "error": "ratelimited", "message": message}, status=429
        )
    else:
        html = render_to_string(
            "ratelimited.html", {"message": message, "back_url": _same_site_url(request)}, request=request
        )
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _same_site_url(request: HttpRequest) -> str:
    """Where the user came from (``next`` or the referrer), only if it is on this site."""
    for candidate in (request.POST.get("next", ""), request.headers.get("referer", "")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return ""


def ratelimit(*, key: str, rate: str | None = None, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """View decorator: refuse with HTTP 429 when ``key`` is over its rate (only for ``methods``)."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if request.method in methods and ratelimit_exceeded(request, key, rate):
                return ratelimited_response(request, key, rate)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
