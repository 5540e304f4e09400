"""Probes for load balancers and orchestrators.

`/healthz` answers while the process can serve at all (it touches nothing else);
`/readyz` checks the database, the read replica (when there is one) and the cache, and
answers with the names of the parts that are down, never their hosts or errors (those
are logged): 503 when the database or the cache is down; 200 "degraded" when only the
replica is, since reads then go to the primary (config/db_router.py).
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.db_router import PRIMARY, REPLICA

logger = logging.getLogger(__name__)


def select_one(alias: str) -> None:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")


def check_database() -> None:
    select_one(PRIMARY)


def check_replica() -> None:
    if REPLICA in settings.DATABASES:
        select_one(REPLICA)


def check_cache() -> None:
    client = getattr(cache, "_cache", None)
    if hasattr(client, "ping"):
        client.ping()
        return
    cache.set("readyz-probe", "ok", 5)
    if cache.get("readyz-probe") != "ok":
        raise RuntimeError("the cache did not return what was stored")


CHECKS = {"database": check_database, "replica": check_replica, "cache": check_cache}
# Parts the site still serves without (reads fall back to the primary).
OPTIONAL = {"replica"}


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    down = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure means "down"; the reason stays in the log
            logger.warning("readyz: %s is down (%s: %s)", name, exc.__class__.__name__, exc)
            down.append(name)
    if not down:
        return JsonResponse({"status": "ok"})
    if set(down) <= OPTIONAL:
        return JsonResponse({"status": "degraded", "down": down})
    return JsonResponse({"status": "unavailable", "down": down}, status=503)
