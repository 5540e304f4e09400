"""Rate limits read from the settings when a request comes, counted in fixed windows."""

from rest_framework import throttling
from rest_framework.settings import api_settings

from core.net import client_address


class RatesFromSettingsMixin:
    """Read the rate when a request comes, not when the class is imported, so a
    settings change (tests, override_settings) takes effect."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class ClientAddressMixin:
    """Clients are told apart by ``core.net.client_address``: X-Forwarded-For counts only
    as far as the trusted proxies vouch for it (DRF's default reads it whole when no
    proxy count is set, so a forged header would open a fresh window)."""

    def get_ident(self, request):
        return client_address(request)


class FixedWindowMixin:
    """Count a client's requests in fixed windows (a minute for "60/min") with one
    cache increment: constant cost whatever the rate, where DRF's default keeps, reads
    and writes back the time of every request in the window. A burst may reach twice
    the rate across a window's edge. When the cache cannot be reached, requests pass."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.window_ends = (window + 1) * self.duration
        key = f"{self.key}:{window}"
        try:
            count = self.cache.incr(key)  # one round trip while the window lasts
        except ValueError:  # the window's first request
            count = 1 if self.cache.add(key, 1, self.duration + 1) else self.cache.incr(key)
        return count is None or count <= self.num_requests

    def wait(self):
        return max(1.0, self.window_ends - self.timer())


class AnonRateThrottle(
    ClientAddressMixin, RatesFromSettingsMixin, FixedWindowMixin, throttling.AnonRateThrottle
):
    pass


class UserRateThrottle(
    ClientAddressMixin, RatesFromSettingsMixin, FixedWindowMixin, throttling.UserRateThrottle
):
    """Signed-in users' rate; anonymous clients are held to the (lower) anonymous rate
    alone, rather than counted twice by address."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
