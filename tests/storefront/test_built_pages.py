"""Built pages: anonymous responses kept in the database until what they show changes,
served with one query, never older than the last committed change."""

import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Variant
from core import built_pages
from core.models import BuiltPage
from storefront import page_cache
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

PRODUCT = "/products/acne-free-face-drops/"


@pytest.fixture(autouse=True)
def built_pages_on(settings):
    settings.BUILT_PAGES = True
    settings.BUILT_PAGES_ON_READ = True
    settings.SHARED_CACHE = False  # the database alone, as without Redis
    settings.PAGE_CACHE_SECONDS = 0


def test_a_rendered_page_is_built_and_served_with_one_query(
    client, demo, django_assert_num_queries
):
    """The first anonymous request renders the page and keeps it; the next is served
    from the built page with a single query."""
    first = client.get(PRODUCT)
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(1):
        second = client.get(PRODUCT)
    assert second["X-Cache"] == "built"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_committed_change_drops_the_built_pages_that_show_it(
    client, demo, django_capture_on_commit_callbacks
):
    """After a price change commits, the product page is rendered afresh with the new
    price; a page that does not show the product stays built."""
    other = "/products/muscle-pain-ayurvedic-cbd-drops/"
    client.get(PRODUCT)
    client.get(other)
    with django_capture_on_commit_callbacks(execute=True):
        variant = Variant.objects.get(sku="DEMO-AC-30ML")
        variant.price = Decimal("455.00")
        variant.save()
    response = client.get(PRODUCT)
    assert response["X-Cache"] == "miss" and b"455" in response.content
    assert client.get(other)["X-Cache"] == "built"


def test_a_rendering_begun_before_a_change_is_not_kept(demo):
    """A page whose rendering began before a change it shows committed is not kept."""
    started = time.time_ns()
    built_pages.drop(["product:1"])  # the change commits while the page renders
    kept = built_pages.store(
        key="k",
        scheme="http",
        path="/p/",
        host="h",
        accept="",
        started=started,
        tags=["product:1"],
        content=b"old",
        headers=[],
    )
    assert not kept and not BuiltPage.objects.filter(key="k").exists()


def test_a_page_listing_a_scheduled_product_expires_when_it_goes_live(client, demo):
    """A page built while a product is scheduled is not served once its time has come."""
    when = timezone.now() + timedelta(hours=1)
    ProductFactory(status="published", published_at=when)
    client.get("/")
    assert client.get("/")["X-Cache"] == "built"
    BuiltPage.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/")["X-Cache"] == "miss"


def test_pages_are_not_built_on_read_when_turned_off(client, demo, settings):
    """On SQLite a page view does not write: renderings are not kept."""
    settings.BUILT_PAGES_ON_READ = False
    client.get(PRODUCT)
    assert client.get(PRODUCT)["X-Cache"] == "miss"
    assert not BuiltPage.objects.exists()


def test_build_pages_builds_the_public_pages(client, demo, settings):
    """build_pages renders every sitemap page and the API details ahead of time."""
    settings.BUILT_PAGES_ON_READ = False
    call_command("build_pages", "--host", "testserver", verbosity=0)
    paths = set(BuiltPage.objects.values_list("path", flat=True))
    assert {PRODUCT, "/", "/sitemap.xml", "/api/v1/products/acne-free-face-drops/"} <= paths
    assert client.get(PRODUCT)["X-Cache"] == "built"


@pytest.mark.skipif(
    "sqlite" in __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"],
    reason="the processes share the data through a database server",
)
@pytest.mark.django_db(transaction=True)
def test_build_pages_in_several_processes_builds_each_page_once(settings):
    """--jobs splits the pages between processes: together they build every page."""
    call_command("load_demo", verbosity=0)
    settings.BUILT_PAGES_ON_READ = False
    call_command("build_pages", "--host", "testserver", "--jobs", "2", verbosity=0)
    paths = list(BuiltPage.objects.values_list("path", flat=True))
    assert {PRODUCT, "/", "/sitemap.xml", "/api/v1/products/acne-free-face-drops/"} <= set(paths)
    assert len(paths) == len(set(paths))


def test_a_use_category_change_drops_every_page_showing_uses(
    client, demo, django_capture_on_commit_callbacks
):
    """Use names show on every storefront page: a use category's change drops them all."""
    client.get(PRODUCT)
    client.get("/")
    from catalog.models import UseCategory

    with django_capture_on_commit_callbacks(execute=True):
        UseCategory.objects.first().save()
    assert client.get(PRODUCT)["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "miss"


def test_purge_returns_the_paths_dropped(client, demo):
    """Dropping by tag names the pages dropped (to rebuild them)."""
    client.get(PRODUCT)
    product_tag = next(
        t for t in BuiltPage.objects.get(path=PRODUCT).tags if t.startswith("product:")
    )
    assert ("http", "testserver", PRODUCT, "") in page_cache.purge([product_tag])


def test_dropped_pages_are_rendered_again_off_the_request(
    client, demo, settings, django_capture_on_commit_callbacks
):
    """With a task runner, the pages a change drops are built again at once: the next
    reader gets the new price from a built page."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.get(PRODUCT)
    with django_capture_on_commit_callbacks(execute=True):
        variant = Variant.objects.get(sku="DEMO-AC-30ML")
        variant.price = Decimal("466.00")
        variant.save()
    response = client.get(PRODUCT)
    assert response["X-Cache"] == "built" and b"466" in response.content


def test_the_sitemap_and_the_feed_are_dropped_but_rendered_again_only_when_read(
    client, demo, settings, django_capture_on_commit_callbacks
):
    """The whole-catalog documents cost seconds at scale and are fetched a few times a
    day: a price change drops them, and the task runner leaves them to the next reader."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    for path in (PRODUCT, "/feeds/products.xml", "/sitemap.xml"):
        client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory()
        product.save()
        variant = Variant.objects.get(sku="DEMO-AC-30ML")
        variant.price = Decimal("467.00")
        variant.save()
    built = set(BuiltPage.objects.values_list("path", flat=True))
    assert PRODUCT in built
    assert not built & {"/feeds/products.xml", "/sitemap.xml"}
    feed = client.get("/feeds/products.xml")
    assert feed["X-Cache"] == "miss" and b"467" in feed.content


def test_a_forked_builder_sets_the_parents_connection_aside(db):
    """build_pages --jobs forks: in the child, the parent's open connection (one socket
    for both) is neither used nor closed; the child opens its own."""
    from django.db import connection

    from storefront.management.commands import build_pages

    connection.ensure_connection()
    parents = connection.connection
    state = ("in_atomic_block", "savepoint_ids", "needs_rollback", "closed_in_transaction")
    saved = {name: getattr(connection, name) for name in state}
    try:
        build_pages.forget_inherited_connections()
        assert connection.connection is None and not connection.in_atomic_block
        assert parents in build_pages._inherited
        parents.cursor().execute("SELECT 1")  # still open, for the parent
    finally:
        build_pages._inherited.remove(parents)
        connection.connection = parents  # the test's own transaction, as it was
        for name, value in saved.items():
            setattr(connection, name, value)
