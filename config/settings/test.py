"""Settings for the test suite: fast hashing, no throttling surprises, static files
without a manifest so tests need no collectstatic."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")

from config.settings.base import *  # noqa: F403
from config.settings.base import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Each xdist worker gets its own cache namespace and, with Redis, its own database
# (tests clear the cache, and a clear empties the whole database), so parallel runs
# never see or wipe each other's entries.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
CACHES["default"]["KEY_PREFIX"] = f"test-{_worker}"  # noqa: F405
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    _base, _, _db = CACHES["default"]["LOCATION"].rpartition("/")  # noqa: F405
    _db = int(_db) if _db.isdigit() else 0
    _offset = int(_worker[2:]) if _worker[2:].isdigit() else 0
    CACHES["default"]["LOCATION"] = f"{_base}/{(_db + _offset) % 16}"  # noqa: F405

# The one-line-per-request log is tested on its own; elsewhere it would bury failures.
LOGGING["loggers"]["catalog.requests"]["level"] = "WARNING"  # noqa: F405
LOGGING["loggers"]["axes"] = {"level": "WARNING"}  # noqa: F405

# Tests see freshly rendered pages; tests/storefront/test_page_cache.py turns it on. A
# test process is one process, so its local-memory cache is shared by all it runs.
PAGE_CACHE_SECONDS = 0
SHARED_CACHE = True
BUILT_PAGES = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
