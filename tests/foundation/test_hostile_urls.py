"""Hostile values in every URL the site has: no answer may be a server error.

The URL resolver is walked (every pattern, Wagtail's admin and allauth included) together with the
routes of every RoutablePageMixin page of a demo commune. Each path parameter in turn receives
hostile values (huge integers, NUL bytes, non-numeric ids, odd Unicode such as ``²``, Arabic-Indic
digits and bidi marks, a very long string) while the others keep a working value; every query
parameter name the code reads receives them too. Requests are made as an anonymous visitor, a
citizen and a superuser (test settings leave the staff MFA requirement off, as the admin tests do).
Anything in the 5xx range is reported with the URL that caused it.
"""

from __future__ import annotations

import itertools
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

pytestmark = pytest.mark.django_db

HUGE = "9" * 23  # past the largest 64-bit integer (SQLite's and PostgreSQL's bigint)
LONG = "\u0627" * 1000
#: Values a path parameter receives. Integer converters only let digit strings through (see
#: HOSTILE_INT), the others reach the views as they are.
HOSTILE_PATH = [HUGE, "-1", "abc", "\u00b2", "\u0663", "\x00", "a\u202eb\u2066c", "'\"<>%", LONG]
HOSTILE_INT = [HUGE, str(2**63), "0"]  # what an <int:...> segment can carry at all
#: Values every query parameter (and POST field) receives: ``²`` passes str.isdigit() but not
#: int(), Arabic-Indic digits pass both, "infinity" and "NaN" pass float() and Decimal().
HOSTILE_QUERY = [HUGE, "\u00b2", "\x00", '"', "infinity", "a\u202eb\u2066" + LONG]
#: Wagtail's own defects, left to upstream: a test page that raises on purpose, and a revision
#: id of 0 that its page editor reads as "not reverting" (then dereferences no revision).
UPSTREAM = re.compile(r"^/admin/(failwhale/|pages/[0-9]+/revisions/0/revert/)$")
SOURCE_DIRS = ("participation", "site_template")
#: Query parameters read by forms bound to ``request.GET`` and by Wagtail's admin listings,
#: which a grep for ``GET.get("…")`` does not find.
FORM_QUERY_NAMES = {
    "category", "neighbourhood", "status", "sort", "theme",  # participation list filters
    "site", "start", "end", "period", "kind", "export", "format",  # participation statistics
    "p", "q", "ordering", "locale", "page", "next", "unanswered", "comments", "reply",
}


def query_names() -> set[str]:
    """Every query parameter name the project's code reads, by grepping ``request.GET``."""
    names = set(FORM_QUERY_NAMES)
    read = re.compile(r"""GET(?:\.get\(|\[)\s*f?["']([A-Za-z_][\w-]*)["']|["']([A-Za-z_][\w-]*)["']\s+in\s+(?:self\.)?request\.GET""")
    root = Path(settings.BASE_DIR)
    for directory in SOURCE_DIRS:
        for path in (root / directory).rglob("*.py"):
            for match in read.finditer(path.read_text(encoding="utf-8")):
                names.add(match.group(1) or match.group(2))
    return names


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # a converter name ("int", "str", "slug", "path", "uuid") or "re:<regex>"

    def accepts(self, value: str) -> bool:
        if self.kind == "int":
            return value.isascii() and value.isdigit()
        if self.kind.startswith("re:"):
            return re.fullmatch(self.kind[3:], value) is not None
        return "/" not in value or self.kind == "path"


_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def route_segments(route: str) -> list:
    parts, position = [], 0
    for match in _ROUTE_PARAM.finditer(route):
        parts += [route[position : match.start()], Param(match["name"], match["conv"] or "str")]
        position = match.end()
    return [*parts, route[position:]]


def regex_segments(regex: str) -> list | None:
    """A regex pattern as literal text and named groups; None when it is no plain template."""
    body = regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    parts, literal, i = [], "", 0
    while i < len(body):
        if body.startswith("(?P<", i):
            name_end = body.index(">", i)
            depth, j = 1, name_end + 1
            while depth:
                if body[j] == "\\":
                    j += 2
                    continue
                depth += {"(": 1, ")": -1}.get(body[j], 0)
                j += 1
            parts += [literal, Param(body[i + 4 : name_end], "re:" + body[name_end + 1 : j - 1])]
            literal, i = "", j
        elif body[i] == "\\":
            literal += body[i + 1]
            i += 2
        elif body[i] in "()[]*+?|{}^$.":
            return None
        else:
            literal += body[i]
            i += 1
    return [*parts, literal]


def pattern_segments(pattern) -> list | None:
    if isinstance(pattern, LocalePrefixPattern):
        return ["fr/"]
    if isinstance(pattern, RoutePattern):
        return route_segments(str(pattern._route))
    if isinstance(pattern, RegexPattern):
        return regex_segments(pattern._regex)
    return None


def resolver_templates(patterns=None, prefix=None, name_prefix=""):
    """(name, view path, segments) for every URL pattern, with the include prefixes joined in."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    prefix = ["/"] if prefix is None else prefix
    for entry in patterns:
        segments = pattern_segments(entry.pattern)
        if segments is None:
            continue  # the page-serving catch-all: the pages and their routes are walked instead
        if isinstance(entry, URLResolver):
            namespace = f"{name_prefix}{entry.namespace}:" if entry.namespace else name_prefix
            yield from resolver_templates(entry.url_patterns, prefix + segments, namespace)
        elif isinstance(entry, URLPattern):
            yield f"{name_prefix}{entry.name or entry.lookup_str}", entry.lookup_str, prefix + segments


def page_templates():
    """The URL of every page of the demo commune and of each route its RoutablePageMixin serves.

    The pages of one type share their code: the first of each type and language is probed (routes
    and their parameters; the query strings in French only, the views do not read them
    differently in Arabic), the others are only requested."""
    probed = set()
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        url = page.url
        kind = (type(page), page.locale_id)
        if kind in probed:
            yield f"page {url}", "plain", [url]
            continue
        probed.add(kind)
        view = "page" if page.locale.language_code == "fr" else "page-no-query"
        routes = page.get_subpage_urls() if isinstance(page, RoutablePageMixin) else []
        if not any(str(route.pattern) in ("", "^$") for route in routes):
            yield f"page {url}", view, [url]
        for route in routes:
            segments = pattern_segments(route.pattern)
            if segments is not None:
                yield f"page {url} {route.name}", view, [url, *segments]


def build(segments: list, values: dict[str, str]) -> str:
    return "".join(
        quote(values[part.name], safe="") if isinstance(part, Param) else part for part in segments
    ).replace("//", "/")


def params_of(segments: list) -> list[Param]:
    return [part for part in segments if isinstance(part, Param)]


#: The project's own views a stray POST would change for the rest of the walk (it logs out).
NO_POST = {"account_delete"}

NAMED_VALUES = {
    "kind": ["contribution", "comment"], "target": ["contribution", "comment"],
    "action": ["hide", "restore", "dismiss"], "fmt": ["csv", "xlsx"], "what": ["suggestions", "comments"],
    "app_label": ["wagtailcore"], "model_name": ["page"], "revision_id_a": ["earliest"],
    "revision_id_b": ["latest"],
}


class Prober:
    """Requests as one role; remembers every server error."""

    def __init__(self, label: str, client: Client, int_pool: list[str], token_pool: list[str]):
        self.label, self.client = label, client
        self.client.raise_request_exception = False
        self.int_pool, self.token_pool = int_pool, token_pool
        self.errors: list[str] = []
        self.requests = 0

    def candidates(self, param: Param) -> list[str]:
        pool = NAMED_VALUES.get(param.name, [])
        pool = pool + (self.token_pool if param.name in ("token", "key") else [])
        pool = pool + self.int_pool + ["x"]
        return [value for value in pool if param.accepts(value)][:8] or ["x"]

    def request(self, method: str, url: str, data=None) -> int:
        if UPSTREAM.match(url):
            return 404
        self.requests += 1
        caught: list[BaseException] = []

        def on_exception(sender, request=None, **kwargs):
            import sys

            caught.append(sys.exc_info()[1])

        got_request_exception.connect(on_exception)
        try:
            response = getattr(self.client, method)(url, data or {})
        finally:
            got_request_exception.disconnect(on_exception)
        if response.status_code >= 500 or caught:
            shown = url if len(url) < 200 else url[:200] + "…"
            cause = repr(caught[0])[:200] if caught else ""
            self.errors.append(f"{self.label} {method.upper()} {shown} {str(data or '')[:200]} -> "
                               f"{response.status_code} {cause}")
        return response.status_code

    def baseline(self, segments: list) -> tuple[dict[str, str], int]:
        """Working values for the parameters: the first combination the view answers 2xx."""
        params = params_of(segments)
        combos = itertools.islice(itertools.product(*(self.candidates(p) for p in params)), 6)
        first, status = None, 0
        for combo in combos:
            values = dict(zip([p.name for p in params], combo, strict=True))
            first = first or values
            status = self.request("get", build(segments, values))
            if status < 300:
                return values, status
        return first or {}, status

    def probe(self, segments: list, names: set[str], *, post: bool, query: bool = True) -> None:
        """Hostile values in each path parameter in turn, then in every query parameter name.

        ``post``: the view is the project's own, so POST bodies are thrown at it as well (not at
        Wagtail's or allauth's, where a POST deletes, moves or logs out); skipped when the view
        refuses POST (405)."""
        values, status = self.baseline(segments)
        url = build(segments, values)
        post = post and self.request("post", url) != 405
        for param in params_of(segments):
            for value in HOSTILE_INT if param.kind == "int" else HOSTILE_PATH:
                hostile_url = build(segments, {**values, param.name: value})
                self.request("get", hostile_url)
                if post and param.kind != "int":
                    self.request("post", hostile_url, {param.name: value})
        if query and status < 300:  # the view reads its query: every name, one hostile value at a time
            for value in HOSTILE_QUERY:
                self.request("get", url + "?" + urlencode(dict.fromkeys(names, value)))
                if post:
                    self.request("post", url, dict.fromkeys(names, value))


def _pools() -> tuple[list[str], list[str]]:
    from participation.consultations.models import ConsultationPage, Remark
    from participation.core.models import Comment, Contribution
    from participation.info_requests.models import Attachment, InfoRequest
    from participation.meetings.models import MeetingPage
    from participation.notifications.models import Notification

    ints = ["1"]
    for model in (ConsultationPage, MeetingPage, Contribution, Comment, Remark, InfoRequest, Attachment,
                  Notification, get_user_model()):
        first = model.objects.order_by("pk").values_list("pk", flat=True).first()
        if first is not None and str(first) not in ints:
            ints.append(str(first))
    tokens = [request.owner_key for request in InfoRequest.objects.all()[:2]] + ["A" * 22]
    return ints, tokens


def _client_for(role: str) -> Client:
    client = Client()
    if role == "citizen":
        client.force_login(get_user_model().objects.get(email="citizen.larache@example.org"))
    elif role == "superuser":
        client.force_login(get_user_model().objects.create_superuser(email="root@example.org", password="x-long-pass-1"))
    return client


@pytest.mark.parametrize("role", ["anonymous", "citizen", "superuser"])
def test_no_url_answers_a_server_error_to_hostile_values(demo_commune, role, monkeypatch):
    for logger in ("django.request", "django.security", "django.security.DisallowedRedirect"):  # 404s, 400s
        monkeypatch.setattr(logging.getLogger(logger), "disabled", True)
    started = time.monotonic()
    ints, tokens = _pools()
    prober = Prober(role, _client_for(role), ints, tokens)
    names = query_names()
    templates = list(resolver_templates()) + list(page_templates())
    for name, view, segments in templates:
        own = view.startswith(("page", *SOURCE_DIRS))
        if view == "plain":
            prober.request("get", build(segments, {}))
            continue
        if role != "superuser" and "".join(p for p in segments if isinstance(p, str)).startswith("/admin/"):
            # Anonymous visitors and citizens never get past the admin's login check; one probe each.
            prober.request("get", build(segments, dict.fromkeys((p.name for p in params_of(segments)), HUGE)))
            continue
        prober.probe(segments, names, post=own and name not in NO_POST, query=view != "page-no-query")
    # The page-serving catch-all too: hostile path segments under each language.
    for value in HOSTILE_PATH:
        prober.request("get", f"/fr/{quote(value, safe='')}/")
        prober.request("get", f"/ar/participate/{quote(value, safe='')}/")
    print(f"{role}: {len(templates)} URL templates, {prober.requests} requests, {time.monotonic() - started:.0f}s")
    assert len(templates) > 300
    assert prober.errors == [], "\n".join(prober.errors)
