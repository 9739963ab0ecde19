"""Rate limits: per account and per address, fixed windows, proxies trusted only when configured."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils import translation

from participation.core.ratelimit import (
    Rate,
    client_ip,
    ratelimit,
    ratelimit_exceeded,
    ratelimit_message,
)

rf = RequestFactory()


class _User:
    is_authenticated = True

    def __init__(self, pk):
        self.pk = pk


def _request(ip="196.200.1.1", user=None, method="post", **extra):
    request = getattr(rf, method)("/ar/x/", REMOTE_ADDR=ip, **extra)
    request.user = user or AnonymousUser()
    return request


def test_rate_parsing():
    assert Rate.parse("10/h") == Rate(10, 3600)
    assert Rate.parse("5/15m") == Rate(5, 900)
    assert Rate.parse(" 3 / d ") == Rate(3, 86400)
    with pytest.raises(ValueError):
        Rate.parse("ten per hour")


def test_anonymous_limit_per_address():
    for _ in range(3):
        assert not ratelimit_exceeded(_request(), "signup", "3/h")
    assert ratelimit_exceeded(_request(), "signup", "3/h")
    # Another address is not affected, nor another key.
    assert not ratelimit_exceeded(_request(ip="196.200.1.2"), "signup", "3/h")
    assert not ratelimit_exceeded(_request(), "login", "3/h")


def test_account_limit_follows_the_user_across_addresses():
    user = _User(7)
    for i in range(2):
        assert not ratelimit_exceeded(_request(ip=f"10.0.0.{i}", user=user), "comment", "2/h")
    assert ratelimit_exceeded(_request(ip="10.0.0.99", user=user), "comment", "2/h")
    assert not ratelimit_exceeded(_request(ip="10.0.0.99", user=_User(8)), "comment", "2/h")


@override_settings(RATELIMIT_IP_MULTIPLIER=2)
def test_shared_address_gets_a_multiplied_limit_for_accounts():
    # Four citizens behind one NAT address, limit 2 each, address limit 2×2 = 4.
    results = [ratelimit_exceeded(_request(user=_User(n)), "support", "2/h") for n in range(1, 6)]
    assert results == [False, False, False, False, True]


def test_peek_does_not_count():
    for _ in range(5):
        assert not ratelimit_exceeded(_request(), "post", "1/h", increment=False)
    assert not ratelimit_exceeded(_request(), "post", "1/h")
    assert ratelimit_exceeded(_request(), "post", "1/h", increment=False) is False
    assert ratelimit_exceeded(_request(), "post", "1/h")


def test_window_resets(monkeypatch):
    import participation.core.ratelimit as rl

    now = [1_000_000.0]
    monkeypatch.setattr(rl.time, "time", lambda: now[0])
    assert not ratelimit_exceeded(_request(), "post", "1/m")
    assert ratelimit_exceeded(_request(), "post", "1/m")
    now[0] += 61
    assert not ratelimit_exceeded(_request(), "post", "1/m")


@override_settings(RATELIMIT_RATES={"post": "1/h"})
def test_rates_from_settings():
    assert not ratelimit_exceeded(_request(), "post")
    assert ratelimit_exceeded(_request(), "post")


@override_settings(RATELIMIT_ENABLED=False)
def test_can_be_disabled():
    assert not any(ratelimit_exceeded(_request(), "post", "1/h") for _ in range(5))


def test_forwarded_for_is_ignored_without_a_trusted_proxy():
    request = _request(ip="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "127.0.0.1"


@override_settings(RATELIMIT_PROXY_COUNT=1)
def test_forwarded_for_with_one_trusted_proxy_takes_the_last_hop():
    # The client forged the first entry; the proxy appended the real address.
    request = _request(ip="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 41.250.3.4")
    assert client_ip(request) == "41.250.3.4"


def test_ipv6_grouped_by_64():
    a = client_ip(_request(ip="2a01:cb00:1:2::1"))
    b = client_ip(_request(ip="2a01:cb00:1:2:ffff::9"))
    assert a == b == "2a01:cb00:1:2::/64"
    assert client_ip(_request(ip="::ffff:196.200.1.1")) == "196.200.1.1"
    assert client_ip(_request(ip="garbage")) == "unknown"


def _view(request):
    return HttpResponse("ok")


@pytest.mark.django_db
def test_decorator_answers_429_with_translated_page(settings):
    view = ratelimit(key="report", rate="1/h")(_view)
    with translation.override("fr"):
        assert view(_request()).status_code == 200
        assert view(_request(method="get")).status_code == 200  # GET is not counted
        response = view(_request(HTTP_REFERER="http://testserver/fr/suggestions/"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert 'href="http://testserver/fr/suggestions/"' in body
    assert "<h1>" in body


def test_decorator_answers_json_to_the_enhancer():
    view = ratelimit(key="support", rate="1/h")(_view)
    view(_request())
    response = view(_request(HTTP_X_REQUESTED_WITH="fetch"))
    assert response.status_code == 429
    assert json.loads(response.content)["error"] == "ratelimited"


def test_referrer_from_another_site_is_not_offered(db):
    view = ratelimit(key="report", rate="1/h")(_view)
    view(_request())
    body = view(_request(HTTP_REFERER="https://evil.example/phish")).content.decode()
    assert "evil.example" not in body


def test_message_is_translated():
    with translation.override("fr"):
        fr = ratelimit_message("post", "10/h")
    with translation.override("ar"):
        ar = ratelimit_message("post", "10/h")
    assert fr.startswith("Vous avez fait cette action trop de fois")
    assert ar.startswith("قمت بهذا الإجراء مرات كثيرة")
