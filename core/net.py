"""The address a request came from, as the trusted proxies in front of the site report it."""

import ipaddress

from django.conf import settings


def client_address(request, trusted_proxies: int | None = None) -> str | None:
    """The client's address: the one rule for rate limits and sign-in lockouts.

    With no trusted proxy it is REMOTE_ADDR, and X-Forwarded-For is ignored: a client
    may write anything there. Each of N trusted proxies appends the address it received
    the request from, so the client is the Nth address from the right of
    X-Forwarded-For (the leftmost when there are fewer); whatever stands further left
    was sent by the client and is never read. An entry that is not an IP address gives
    REMOTE_ADDR. ``trusted_proxies`` defaults to the TRUSTED_PROXY_COUNT setting.
    """
    remote = request.META.get("REMOTE_ADDR")
    if trusted_proxies is None:
        trusted_proxies = settings.TRUSTED_PROXY_COUNT
    if trusted_proxies <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [entry.strip() for entry in header.split(",") if entry.strip()]
    if not forwarded:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-min(trusted_proxies, len(forwarded))]))
    except ValueError:
        return remote
