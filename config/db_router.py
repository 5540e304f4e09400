"""Read-replica routing, on when DATABASE_REPLICA_URL is set.

Reads go to the replica, except where a stale read would surprise someone: during
requests that write (POST, PUT, PATCH, DELETE), for signed-in staff (who expect to see
their own edits), and inside ``use_primary()``. Writes and migrations stay on the primary.

A replica that cannot be connected to sends reads to the primary: the failure is logged
once and remembered for DJANGO_REPLICA_RETRY_SECONDS, after which it is tried again.
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)
_pinned = ContextVar("use_primary", default=False)
PRIMARY, REPLICA = "default", "replica"
# time.monotonic() until which reads skip the replica, and whether its outage is logged.
_replica_down = {"until": 0.0, "logged": False}


@contextmanager
def use_primary():
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


def replica_reachable() -> bool:
    """Whether reads may go to the replica: connected (or connecting) now, and not
    found unreachable in the last DJANGO_REPLICA_RETRY_SECONDS."""
    if time.monotonic() < _replica_down["until"]:
        return False
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as exc:
        _replica_down["until"] = time.monotonic() + settings.REPLICA_RETRY_SECONDS
        if not _replica_down["logged"]:
            _replica_down["logged"] = True
            logger.warning(
                "Read replica unreachable, reading from the primary (retrying every %ss): %s",
                settings.REPLICA_RETRY_SECONDS,
                exc,
            )
        return False
    if _replica_down["logged"]:
        _replica_down["logged"] = False
        logger.info("Read replica reachable again, reading from it.")
    return True


class ReadReplicaRouter:
    def db_for_read(self, model, **hints):
        return PRIMARY if _pinned.get() or not replica_reachable() else REPLICA

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
