"""API rate limits and the sign-in lockout count clients by the one address rule."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from rest_framework.test import APIClient

from core.api.throttling import AnonRateThrottle
from tests.test_settings import load_settings

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.fixture
def two_per_window(settings, monkeypatch):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "100/min"},
    }
    monkeypatch.setattr(AnonRateThrottle, "timer", lambda self: 600.0 + 10)


def statuses(*forwarded_for: str) -> list[int]:
    api = APIClient()
    return [
        api.get("/api/v1/uses/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=xff).status_code
        for xff in forwarded_for
    ]


def test_forged_forwarded_for_shares_one_rate_limit_window(settings, two_per_window):
    """With no trusted proxy, requests from one address share a window whatever
    X-Forwarded-For they send."""
    settings.TRUSTED_PROXY_COUNT = 0
    assert statuses("198.51.100.1", "198.51.100.2", "198.51.100.3") == [200, 200, 429]


def test_behind_one_proxy_the_rightmost_forwarded_address_is_the_client(settings, two_per_window):
    """Behind one trusted proxy each client (the right-most X-Forwarded-For entry) has
    its own window, and what a client writes further left changes nothing."""
    settings.TRUSTED_PROXY_COUNT = 1
    assert statuses("198.51.100.1", "198.51.100.2", "6.6.6.6, 198.51.100.1") == [200, 200, 200]
    assert statuses("7.7.7.7, 198.51.100.1") == [429]
    assert statuses("198.51.100.2") == [200]


def sign_in(client, password: str, xff: str):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=xff,
    )


@pytest.fixture
def editor(django_user_model, settings):
    settings.AXES_FAILURE_LIMIT = 2
    return django_user_model.objects.create_user(
        "editor", password="right-password-123", is_staff=True
    )


def test_forged_forwarded_for_shares_one_lockout_counter(client, settings, editor):
    """With no trusted proxy, failures sent with different X-Forwarded-For headers from
    one address count together, and lock that address out."""
    settings.TRUSTED_PROXY_COUNT = 0
    sign_in(client, "wrong", "198.51.100.1")
    assert sign_in(client, "wrong", "198.51.100.2").status_code == 429
    assert sign_in(client, "right-password-123", "198.51.100.3").status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]


def test_behind_one_proxy_the_lockout_is_per_client(client, settings, editor):
    """Behind one trusted proxy a lockout holds the client that failed, not everyone
    coming through the proxy."""
    settings.TRUSTED_PROXY_COUNT = 1
    sign_in(client, "wrong", "6.6.6.6, 198.51.100.1")
    assert sign_in(client, "wrong", "7.7.7.7, 198.51.100.1").status_code == 429
    assert sign_in(client, "right-password-123", "198.51.100.1").status_code == 429
    assert sign_in(client, "right-password-123", "198.51.100.2").status_code == 302
    assert AccessAttempt.objects.get().ip_address == "198.51.100.1"


def test_one_setting_drives_both():
    """DJANGO_TRUSTED_PROXY_COUNT sets the proxy count that axes' callable and DRF read."""
    code = (
        "import json; from django.conf import settings; print(json.dumps(["
        "settings.TRUSTED_PROXY_COUNT, settings.REST_FRAMEWORK['NUM_PROXIES'], "
        "settings.AXES_CLIENT_IP_CALLABLE]))"
    )
    result = load_settings(code=code, DJANGO_DEBUG="1", DJANGO_TRUSTED_PROXY_COUNT="2")
    assert result.stdout.strip() == '[2, 2, "core.net.client_address"]'
