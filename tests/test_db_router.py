import json

import pytest
from django.test import RequestFactory

from config.db_router import PrimaryForWritesMiddleware, ReadReplicaRouter, use_primary
from tests.test_settings import load_settings

router = ReadReplicaRouter()


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


def test_reads_go_to_the_replica_and_writes_to_the_primary():
    """Reads are routed to the replica, writes and migrations to the primary."""
    assert router.db_for_read(None) == "replica"
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("default", "catalog") is True
    assert router.allow_migrate("replica", "catalog") is False


def test_use_primary_pins_reads():
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
def test_middleware_pins_writes_and_signed_in_users(method, cookies, expected):
    """Requests that write, and signed-in staff, read from the primary."""
    seen = []
    middleware = PrimaryForWritesMiddleware(lambda request: seen.append(router.db_for_read(None)))
    request = getattr(RequestFactory(), method)("/")
    request.COOKIES.update(cookies)
    middleware(request)
    assert seen == [expected]
