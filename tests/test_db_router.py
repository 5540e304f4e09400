import json
import logging

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from config import db_router
from config.db_router import PrimaryForWritesMiddleware, ReadReplicaRouter, use_primary
from tests.databases import unreachable_replica
from tests.factories import ProductFactory
from tests.test_settings import load_settings

router = ReadReplicaRouter()


@pytest.fixture(autouse=True)
def _replica_state_forgotten(monkeypatch):
    """Each test starts with no remembered replica outage."""
    monkeypatch.setattr(db_router, "_replica_down", {"until": 0.0, "logged": False})


@pytest.fixture
def replica_up(monkeypatch):
    """The replica answers (routing decisions alone are under test)."""
    monkeypatch.setattr(db_router, "replica_reachable", lambda: True)


def test_router_is_off_by_default():
    """Without DATABASE_REPLICA_URL there is one database and no router."""
    from django.conf import settings

    assert set(settings.DATABASES) == {"default"}
    assert not getattr(settings, "DATABASE_ROUTERS", [])


def test_replica_url_turns_the_router_on():
    """DATABASE_REPLICA_URL adds the replica, the router and the pinning middleware."""
    code = (
        "import json; from django.conf import settings; print(json.dumps([sorted("
        "settings.DATABASES), settings.DATABASE_ROUTERS, settings.MIDDLEWARE[1]]))"
    )
    result = load_settings(
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://app@primary.internal/catalog",
        DATABASE_REPLICA_URL="postgres://app@replica.internal/catalog",
        code=code,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        ["default", "replica"],
        ["config.db_router.ReadReplicaRouter"],
        "config.db_router.PrimaryForWritesMiddleware",
    ]


def test_reads_go_to_the_replica_and_writes_to_the_primary(replica_up):
    """Reads are routed to the replica, writes and migrations to the primary."""
    assert router.db_for_read(None) == "replica"
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("default", "catalog") is True
    assert router.allow_migrate("replica", "catalog") is False


def test_use_primary_pins_reads(replica_up):
    """Inside use_primary() reads stay on the primary."""
    with use_primary():
        assert router.db_for_read(None) == "default"
    assert router.db_for_read(None) == "replica"


@pytest.mark.parametrize(
    ("method", "cookies", "expected"),
    [
        ("get", {}, "replica"),
        ("post", {}, "default"),
        ("get", {"sessionid": "abc"}, "default"),
    ],
    ids=["anonymous-read", "write", "signed-in"],
)
def test_middleware_pins_writes_and_signed_in_users(method, cookies, expected, replica_up):
    """Requests that write, and signed-in staff, read from the primary."""
    seen = []
    middleware = PrimaryForWritesMiddleware(lambda request: seen.append(router.db_for_read(None)))
    request = getattr(RequestFactory(), method)("/")
    request.COOKIES.update(cookies)
    middleware(request)
    assert seen == [expected]


class FakeReplica:
    """A replica connection whose connection attempts fail (or succeed) on demand."""

    def __init__(self):
        self.attempts = 0
        self.down = True

    def close_if_health_check_failed(self):
        pass

    def ensure_connection(self):
        self.attempts += 1
        if self.down:
            raise OperationalError("could not connect to server: Connection refused")


@pytest.fixture
def fake_replica(monkeypatch):
    replica = FakeReplica()
    monkeypatch.setattr(db_router, "connections", {"replica": replica})
    return replica


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(db_router.time, "monotonic", lambda: now[0])
    return now


def test_unreachable_replica_sends_reads_to_the_primary(fake_replica, clock, caplog):
    """A replica that refuses connections sends reads to the primary, logged once, and is
    not tried again for the retry period."""
    with caplog.at_level(logging.INFO, logger="config.db_router"):
        assert [router.db_for_read(None) for _ in range(3)] == ["default"] * 3
        clock[0] += 29
        assert router.db_for_read(None) == "default"
    assert fake_replica.attempts == 1
    [record] = caplog.records
    assert record.levelname == "WARNING"
    assert record.getMessage().startswith("Read replica unreachable, reading from the primary")


def test_replica_is_tried_again_after_the_retry_period(fake_replica, clock, caplog, settings):
    """After DJANGO_REPLICA_RETRY_SECONDS the replica is tried again: still down, it is
    skipped without a second log line; back up, reads return to it."""
    settings.REPLICA_RETRY_SECONDS = 5
    with caplog.at_level(logging.INFO, logger="config.db_router"):
        assert router.db_for_read(None) == "default"
        clock[0] += 6
        assert router.db_for_read(None) == "default"
        assert fake_replica.attempts == 2
        fake_replica.down = False
        clock[0] += 6
        assert router.db_for_read(None) == "replica"
    assert [r.getMessage()[:30] for r in caplog.records] == [
        "Read replica unreachable, read",
        "Read replica reachable again, ",
    ]


def test_pinned_reads_never_touch_the_replica(fake_replica):
    """Reads pinned to the primary do not try the replica at all."""
    with use_primary():
        assert router.db_for_read(None) == "default"
    assert fake_replica.attempts == 0


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_site_reads_from_the_primary_when_the_replica_cannot_be_reached(client, settings, caplog):
    """With the router on and the replica unreachable (a closed port on PostgreSQL, a
    missing file on SQLite), anonymous pages and API reads answer from the primary."""
    product = ProductFactory()
    settings.DATABASE_ROUTERS = ["config.db_router.ReadReplicaRouter"]
    with unreachable_replica(settings), caplog.at_level(logging.WARNING, "config.db_router"):
        api = client.get("/api/v1/products/")
        page = client.get(f"/products/{product.slug}/")
    assert api.status_code == 200
    assert [p["slug"] for p in api.json()["results"]] == [product.slug]
    assert page.status_code == 200
    assert len(caplog.records) == 1


def test_retry_period_and_connect_timeout_come_from_the_settings():
    """DJANGO_REPLICA_RETRY_SECONDS sets the retry period (30 s by default), and a
    PostgreSQL replica gives up connecting after 3 s unless its URL says otherwise."""
    code = (
        "import json; from django.conf import settings; print(json.dumps(["
        "settings.REPLICA_RETRY_SECONDS,"
        "settings.DATABASES['replica']['OPTIONS'].get('connect_timeout')]))"
    )
    env = {
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": "postgres://app@primary.internal/catalog",
        "DATABASE_REPLICA_URL": "postgres://app@replica.internal/catalog",
    }
    assert json.loads(load_settings(code=code, **env).stdout) == [30, 3]
    env["DJANGO_REPLICA_RETRY_SECONDS"] = "5"
    env["DATABASE_REPLICA_URL"] += "?connect_timeout=10"
    assert json.loads(load_settings(code=code, **env).stdout) == [5, 10]


def test_every_postgresql_connection_sets_the_search_threshold():
    """Search's trigram condition (core.search) compares with a session setting, which
    every PostgreSQL connection, primary and replica, sets at connect time."""
    code = (
        "import json; from django.conf import settings; print(json.dumps("
        "[settings.DATABASES[a]['OPTIONS'].get('options') for a in ('default', 'replica')]))"
    )
    env = {
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": "postgres://app@primary.internal/catalog",
        "DATABASE_REPLICA_URL": "postgres://app@replica.internal/catalog",
    }
    assert (
        json.loads(load_settings(code=code, **env).stdout)
        == ["-c pg_trgm.word_similarity_threshold=0.5"] * 2
    )
