import pytest
from django.core.cache import cache
from django.test import override_settings

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
    """/readyz checks the database and the cache and says both are up."""
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
    }


@pytest.mark.django_db
@override_settings(CACHES=DOWN_REDIS)
def test_readyz_says_when_the_cache_is_down(client):
    """With Redis unreachable /readyz answers 503 naming the cache, the database still ok."""
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["status"] == "down"
    assert "Connection" in checks["cache"]["error"]
    assert checks["database"]["status"] == "ok"


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
    assert response.json()["checks"]["database"] == {
        "status": "down",
        "error": "OperationalError: connection refused",
        "ms": response.json()["checks"]["database"]["ms"],
    }
