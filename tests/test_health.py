import logging

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.databases import unreachable_replica

DOWN_REDIS = {
    "default": {
        "BACKEND": "config.cache.FailSoftRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_healthz_answers_without_the_database(client):
    """/healthz says the process is alive; it runs with database access blocked."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_database_and_cache(client):
    """/readyz checks the database and the cache and, both up, says only "ok"."""
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
@override_settings(CACHES=DOWN_REDIS)
def test_readyz_says_when_the_cache_is_down(client):
    """With Redis unreachable /readyz answers 503 naming the cache, and only the cache."""
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "down": ["cache"]}


@pytest.mark.django_db
@override_settings(CACHES=DOWN_REDIS)
def test_site_answers_with_redis_down(client, demo):
    """With Redis unreachable the cache misses quietly and pages come from the database."""
    assert cache.get("anything", "fallback") == "fallback"
    cache.set("key", "value")  # dropped, not raised
    assert cache.get_many(["a", "b"]) == {}
    assert client.get("/").status_code == 200
    assert client.get("/products/acne-free-face-drops/").status_code == 200
    assert client.get("/api/v1/products/").status_code == 200


@pytest.mark.django_db
def test_readyz_says_when_the_database_is_down(client, monkeypatch):
    """A failing database makes /readyz answer 503 naming the database."""
    from config import health

    def broken():
        raise health.connections["default"].Database.OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "down": ["database"]}


@pytest.mark.django_db
@override_settings(CACHES=DOWN_REDIS)
def test_readyz_never_shows_hosts_roles_or_errors(client, monkeypatch, caplog):
    """The body names the parts that are down, nothing more; the details go to the log."""
    from config import health

    def broken():
        raise health.connections["default"].Database.OperationalError(
            'connection to server at "db.internal" (10.0.0.5), port 5432 failed: '
            'FATAL: password authentication failed for user "catalog_app"'
        )

    monkeypatch.setitem(health.CHECKS, "database", broken)
    with caplog.at_level(logging.WARNING, logger="config.health"):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "down": ["database", "cache"]}
    body = response.content.decode()
    for secret in ["db.internal", "10.0.0.5", "5432", "catalog_app", "127.0.0.1", ":1", "Error"]:
        assert secret not in body
    logged = caplog.text
    assert "readyz: database is down (OperationalError: connection to server at" in logged
    assert "readyz: cache is down" in logged


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_readyz_says_degraded_when_only_the_replica_is_down(client, caplog, settings):
    """An unreachable replica is named, but the site stays ready: reads use the primary."""
    with (
        unreachable_replica(settings),
        caplog.at_level(logging.WARNING, logger="config.health"),
    ):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "down": ["replica"]}
    assert "readyz: replica is down (OperationalError" in caplog.text
    for secret in ["127.0.0.1", "nonexistent", "Error"]:
        assert secret not in response.content.decode()
