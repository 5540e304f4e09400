import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "debug": settings.DEBUG,
    "hosts": settings.ALLOWED_HOSTS,
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "media": str(settings.MEDIA_ROOT),
    "static": str(settings.STATIC_ROOT),
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "throttles": settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
}))
"""


def load_settings(code: str = PRINT_SETTINGS, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.base")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_defaults_need_nothing_but_debug():
    """With only DJANGO_DEBUG=1 the project runs on SQLite and local memory."""
    result = load_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is True
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["db_name"].endswith("db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["ssl_redirect"] is False


def test_secret_key_is_required_when_debug_is_off():
    """Production settings refuse to start without DJANGO_SECRET_KEY, saying so."""
    result = load_settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_values_come_from_the_environment(tmp_path):
    """Database, cache, hosts, paths, TLS redirect and API rate limits follow the environment."""
    result = load_settings(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="shop.example, www.shop.example",
        DATABASE_URL="postgres://user@db.internal:5432/catalog",
        REDIS_URL="redis://cache.internal:6379/1",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_API_THROTTLE_ANON="5/min",
        DJANGO_API_THROTTLE_USER="50/min",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["hosts"] == ["shop.example", "www.shop.example"]
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["db_name"] == "catalog"
    assert values["cache"] == "config.cache.FailSoftRedisCache"
    assert values["media"] == str(tmp_path / "media")
    assert values["static"] == str(tmp_path / "static")
    assert values["ssl_redirect"] is True
    assert values["throttles"] == {"anon": "5/min", "user": "50/min"}


@pytest.mark.parametrize("value", ["0", "false", "no", ""])
def test_debug_is_off_unless_asked_for(value):
    """DJANGO_DEBUG is off for 0/false/no/empty, the safe default."""
    result = load_settings(DJANGO_DEBUG=value, DJANGO_SECRET_KEY="x" * 50)
    assert json.loads(result.stdout)["debug"] is False


def test_media_bucket_selects_object_storage():
    """DJANGO_MEDIA_BUCKET puts uploads on S3-compatible storage and stops serving /media/."""
    code = (
        "import json; from django.conf import settings; s = settings.STORAGES['default']; "
        "print(json.dumps([s['BACKEND'], s['OPTIONS']['bucket_name'], "
        "s['OPTIONS']['custom_domain'], settings.SERVE_MEDIA]))"
    )
    result = load_settings(
        code=code,
        DJANGO_DEBUG="1",
        DJANGO_MEDIA_BUCKET="drops-media",
        DJANGO_MEDIA_CDN_DOMAIN="media.cdn.example",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "storages.backends.s3.S3Storage",
        "drops-media",
        "media.cdn.example",
        False,
    ]


def test_manage_py_runs_in_debug_on_a_developer_machine():
    """With no secret key set, manage.py commands run in debug mode; with one, they don't."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    code = ["manage.py", "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"]
    local = subprocess.run(
        [sys.executable, *code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert local.stdout.strip().endswith("True"), local.stderr
    production = subprocess.run(
        [sys.executable, *code],
        cwd=ROOT,
        env={**env, "DJANGO_SECRET_KEY": "x" * 50},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert production.stdout.strip().endswith("False"), production.stderr
