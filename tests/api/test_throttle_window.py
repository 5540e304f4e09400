import pytest
from django.test import RequestFactory, override_settings

from core.api.throttling import AnonRateThrottle
from tests.test_health import DOWN_REDIS


def anon_request():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/api/v1/uses/", REMOTE_ADDR="203.0.113.7")
    request.user = AnonymousUser()
    return request


@pytest.fixture
def rate(settings):
    def set_rate(value):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": value, "user": "100/min"},
        }

    return set_rate


def test_counts_within_the_window_and_says_how_long_to_wait(rate, monkeypatch):
    """Requests over the rate in one window are refused, with the wait until it ends."""
    rate("3/min")
    monkeypatch.setattr(AnonRateThrottle, "timer", lambda self: 600.0 + 10)
    results = [AnonRateThrottle().allow_request(anon_request(), None) for _ in range(4)]
    assert results == [True, True, True, False]
    throttle = AnonRateThrottle()
    throttle.allow_request(anon_request(), None)
    assert throttle.wait() == 50


def test_a_new_window_starts_afresh(rate, monkeypatch):
    """When the next window begins, the client may send again."""
    rate("1/min")
    monkeypatch.setattr(AnonRateThrottle, "timer", lambda self: 600.0)
    assert AnonRateThrottle().allow_request(anon_request(), None)
    assert not AnonRateThrottle().allow_request(anon_request(), None)
    monkeypatch.setattr(AnonRateThrottle, "timer", lambda self: 660.0)
    assert AnonRateThrottle().allow_request(anon_request(), None)


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_cost_does_not_grow_with_the_rate(rate):
    """A huge rate keeps one small counter, not a list of every request."""
    from django.core.cache import cache

    rate("1000000/min")
    for _ in range(500):
        AnonRateThrottle().allow_request(anon_request(), None)
    throttle = AnonRateThrottle()
    throttle.allow_request(anon_request(), None)
    window_keys = [k for k in cache._cache if "throttle_anon" in str(k)]
    assert len(window_keys) == 1
    assert cache.get(window_keys[0].split(":", 2)[-1]) == 501


@override_settings(CACHES=DOWN_REDIS)
def test_requests_pass_when_the_cache_is_down(rate):
    """With Redis unreachable the API stays open rather than failing."""
    rate("1/min")
    assert all(AnonRateThrottle().allow_request(anon_request(), None) for _ in range(3))
