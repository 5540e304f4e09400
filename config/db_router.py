"""Read-replica routing, on when DATABASE_REPLICA_URL is set.

Reads go to the replica, except where a stale read would surprise someone: during
requests that write (POST, PUT, PATCH, DELETE), for signed-in staff (who expect to see
their own edits), and inside ``use_primary()``. Writes and migrations stay on the primary.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_pinned = ContextVar("use_primary", default=False)
PRIMARY, REPLICA = "default", "replica"


@contextmanager
def use_primary():
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


class ReadReplicaRouter:
    def db_for_read(self, model, **hints):
        return PRIMARY if _pinned.get() else REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both aliases hold the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PrimaryForWritesMiddleware:
    """Pins requests that write, and staff requests, to the primary database."""

    SAFE = {"GET", "HEAD", "OPTIONS"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        pin = request.method not in self.SAFE or signed_in
        if not pin:
            return self.get_response(request)
        with use_primary():
            return self.get_response(request)
