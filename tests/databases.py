"""A read replica that cannot be reached, added as a database alias for one test."""

from contextlib import contextmanager

from django.db import connections
from django.db.utils import load_backend


def unreachable_database() -> dict:
    """The test database's settings pointed at nothing: a closed port on PostgreSQL
    (nothing listens on port 1), a file in a folder that does not exist on SQLite."""
    default = connections.settings["default"]
    if default["ENGINE"].endswith("sqlite3"):
        return {**default, "NAME": "/nonexistent-folder/replica.sqlite3"}
    return {**default, "HOST": "127.0.0.1", "PORT": "1"}


@contextmanager
def unreachable_replica(settings, alias: str = "replica"):
    """DATABASES names a replica that cannot be reached while the block runs.

    Its connection is made here rather than from the settings: Django's test cases
    refuse connections to configured aliases a test did not ask for, and asking would
    have them open a transaction on it before the test starts.
    """
    broken = unreachable_database()
    settings.DATABASES = {**settings.DATABASES, alias: broken}
    connection = load_backend(broken["ENGINE"]).DatabaseWrapper(broken, alias)
    connections[alias] = connection
    try:
        yield connection
    finally:
        connection.close()
        del connections[alias]
