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

# Each xdist worker gets its own cache namespace, so parallel runs against one Redis
# never see each other's entries.
CACHES["default"]["KEY_PREFIX"] = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"  # noqa: F405

# The one-line-per-request log is tested on its own; elsewhere it would bury failures.
LOGGING["loggers"]["catalog.requests"]["level"] = "WARNING"  # noqa: F405
LOGGING["loggers"]["axes"] = {"level": "WARNING"}  # noqa: F405

# Tests see freshly rendered pages; tests/storefront/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
