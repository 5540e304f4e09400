"""Probes for load balancers and orchestrators.

`/healthz` answers while the process can serve at all (it touches nothing else);
`/readyz` checks the database and the cache and says which part is down (503).
"""

import time

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def check_database() -> None:
    for connection in connections.all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")


def check_cache() -> None:
    client = getattr(cache, "_cache", None)
    if hasattr(client, "ping"):
        client.ping()
        return
    cache.set("readyz-probe", "ok", 5)
    if cache.get("readyz-probe") != "ok":
        raise RuntimeError("the cache did not return what was stored")


CHECKS = {"database": check_database, "cache": check_cache}


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    results, ready = {}, True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
        except Exception as exc:  # any failure means "not ready", with the reason shown
            ready = False
            results[name] = {"status": "down", "error": f"{exc.__class__.__name__}: {exc}"}
        else:
            results[name] = {"status": "ok"}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": results},
        status=200 if ready else 503,
    )
