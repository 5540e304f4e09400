import pytest
from django.test import RequestFactory

from core.net import client_address


def request(xff: str | None = None, remote: str = "203.0.113.7"):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("trusted", "xff", "expected"),
    [
        (0, None, "203.0.113.7"),
        (0, "198.51.100.1", "203.0.113.7"),
        (0, "198.51.100.1, 198.51.100.2", "203.0.113.7"),
        (1, None, "203.0.113.7"),
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (2, "198.51.100.1", "198.51.100.1"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "6.6.6.6, not-an-address", "203.0.113.7"),
        (1, " , ", "203.0.113.7"),
    ],
    ids=[
        "no-proxy",
        "no-proxy-forged-header",
        "no-proxy-forged-chain",
        "proxy-without-header",
        "one-proxy",
        "one-proxy-forged-left-part",
        "two-proxies",
        "two-proxies-short-header",
        "ipv6",
        "junk-entry",
        "empty-entries",
    ],
)
def test_client_is_the_nth_address_from_the_right(trusted, xff, expected):
    """With N trusted proxies the client is the Nth X-Forwarded-For address from the right;
    with none, REMOTE_ADDR, whatever the header says."""
    assert client_address(request(xff), trusted) == expected


def test_proxy_count_defaults_to_the_setting(settings):
    """Without an explicit count, TRUSTED_PROXY_COUNT (DJANGO_TRUSTED_PROXY_COUNT) decides."""
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request("198.51.100.1")) == "203.0.113.7"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request("198.51.100.1")) == "198.51.100.1"
