"""Two links appended to one article at the same moment take different positions.

Each test runs the first append in a transaction held open, starts the second in another
thread, and lets the first commit only once the second waits for a lock (or has already
finished, which is the bug: it read the position the first had not committed yet).
"""

import threading
import time

import pytest
from django.db import connection, transaction

from articles.models import ArticleProduct
from compliance import workflow
from tests.factories import ArticleFactory, ProductFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite has none)"
    ),
    pytest.mark.django_db(transaction=True),
]
WAIT = 10


def waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def in_transaction(work, errors, started=None, release=None):
    def run():
        try:
            with transaction.atomic():
                work()
                if started is not None:
                    started.set()
                    release.wait(WAIT)
        except Exception as exc:
            errors.append(exc)
        finally:
            if started is not None:
                started.set()
            connection.close()

    return threading.Thread(target=run)


def race(first, second) -> bool:
    """Run ``first`` and ``second`` as described above; True if ``second`` had to wait."""
    errors, started, release = [], threading.Event(), threading.Event()
    one = in_transaction(first, errors, started, release)
    one.start()
    started.wait(WAIT)
    two = in_transaction(second, errors)
    two.start()
    deadline = time.monotonic() + WAIT
    while two.is_alive() and not waiting_for_a_lock() and time.monotonic() < deadline:
        time.sleep(0.01)
    waited = two.is_alive()
    release.set()
    one.join(WAIT)
    two.join(WAIT)
    assert not errors, errors
    return waited


def positions(article) -> list[tuple[str, int]]:
    return list(
        ArticleProduct.objects.filter(article=article)
        .order_by("position", "product__slug")
        .values_list("product__slug", "position")
    )


def test_links_saved_at_the_same_moment_take_consecutive_positions():
    """Two links saved without a position at once get 2 and 3 after an existing 1."""
    article = ArticleFactory(status="draft")
    first, second = ProductFactory(slug="first"), ProductFactory(slug="second")
    existing = ArticleProduct.objects.create(article=article, product=ProductFactory(slug="a"))
    waited = race(
        lambda: ArticleProduct.objects.create(article=article, product=first),
        lambda: ArticleProduct.objects.create(article=article, product=second),
    )
    assert waited
    assert existing.position == 1
    assert positions(article) == [("a", 1), ("first", 2), ("second", 3)]


def test_links_added_through_the_workflow_at_once_are_both_kept_in_order(django_user_model):
    """Two links added through the workflow at once (API, admin) are both kept, each with
    its own position: the second reads the rows only after the first has committed."""
    user = django_user_model.objects.create_superuser("root", password="correct horse")
    article = ArticleFactory(status="draft")
    first, second = ProductFactory(slug="first"), ProductFactory(slug="second")

    def add(product):
        def work():
            parent = type(article).objects.get(pk=article.pk)
            workflow.change_child(
                parent=parent, relation="product_links", user=user, values={"product": product.pk}
            )

        return work

    assert race(add(first), add(second))
    assert positions(article) == [("first", 1), ("second", 2)]
