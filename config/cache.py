"""Redis as an optimisation, never a dependency.

When Redis cannot be reached, reads miss and writes are dropped, so every page and API
response is still answered from the database; the failure is logged, and `/readyz`
reports the cache as down.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger("config.cache")
UNREACHABLE = (ConnectionError, TimeoutError)


def _soft(default):
    def wrap(method):
        def call(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as exc:
                logger.warning("cache unreachable, %s skipped: %s", method.__name__, exc)
                return default

        call.__name__ = method.__name__
        return call

    return wrap


class FailSoftRedisCacheClient(RedisCacheClient):
    add = _soft(False)(RedisCacheClient.add)
    set = _soft(None)(RedisCacheClient.set)
    touch = _soft(False)(RedisCacheClient.touch)
    delete = _soft(False)(RedisCacheClient.delete)
    get_many = _soft({})(RedisCacheClient.get_many)
    has_key = _soft(False)(RedisCacheClient.has_key)
    set_many = _soft(None)(RedisCacheClient.set_many)
    delete_many = _soft(None)(RedisCacheClient.delete_many)
    clear = _soft(False)(RedisCacheClient.clear)
    incr = _soft(None)(RedisCacheClient.incr)  # callers treat None as "not counted"

    def get(self, key, default):  # a miss must return the caller's default
        try:
            return super().get(key, default)
        except UNREACHABLE as exc:
            logger.warning("cache unreachable, get skipped: %s", exc)
            return default

    def ping(self) -> bool:
        """Raises when Redis cannot be reached: the readiness probe's check."""
        return bool(self.get_client(write=True).ping())


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailSoftRedisCacheClient

    def validate_key(self, key):
        """Redis takes any key: memcached's limits, which Django checks every key against
        (a regular expression per key, a dozen keys per page-cache hit), do not apply."""
