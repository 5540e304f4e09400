"""Targeted invalidation: a change ends exactly the cached pages and API answers that
show what changed, after it commits, and tells a CDN in front by tag."""

import json
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.db import transaction

from articles.models import Article
from catalog.models import Product, Variant
from storefront import page_cache
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PRODUCT = "/products/acne-free-face-drops/"
OTHER_PRODUCT = "/products/muscle-pain-ayurvedic-cbd-drops/"
ARTICLE = "/articles/lower-back-spasms-exercises/"
API_PRODUCT = "/api/v1/products/acne-free-face-drops/"
API_OTHER = "/api/v1/products/muscle-pain-ayurvedic-cbd-drops/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url


def cached(client, url) -> bool:
    return client.get(url)["X-Cache"] == "hit"


def test_a_price_change_ends_exactly_the_pages_that_show_the_product(
    client, demo, django_capture_on_commit_callbacks
):
    """A pack's new price ends its product page, its API answer, the home page and its
    use page (their cards show it) and the feed; other products' pages and an article
    that does not recommend it stay cached."""
    product = Product.objects.get(slug="acne-free-face-drops")
    use_page = product.primary_use.get_absolute_url()
    unrelated = ArticleFactory(slug="unrelated", use_categories=[])
    showing = [PRODUCT, API_PRODUCT, "/", use_page, "/feeds/products.xml"]
    not_showing = [OTHER_PRODUCT, API_OTHER, unrelated.get_absolute_url(), "/api/v1/uses/"]
    warm(client, *showing, *not_showing)
    with django_capture_on_commit_callbacks(execute=True):
        Variant.objects.get(sku="DEMO-AC-30ML").save()
    assert not any(cached(client, url) for url in showing)
    assert all(cached(client, url) for url in not_showing)


def test_an_article_edit_ends_the_pages_of_the_products_it_recommends(
    client, demo, django_capture_on_commit_callbacks
):
    """Article titles show on the product pages they recommend: an article change ends
    those pages and the article's own, not the pages of products it does not link."""
    article = Article.objects.get()
    linked = [link.product.get_absolute_url() for link in article.product_links.all()]
    unlinked = "/products/acne-free-face-drops/"
    assert unlinked not in linked
    warm(client, ARTICLE, *linked, unlinked)
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert not cached(client, ARTICLE)
    assert not any(cached(client, url) for url in linked)
    assert cached(client, unlinked)


def test_tag_headers_name_what_a_page_shows(client, demo):
    """Pages and API answers carry Surrogate-Key and Cache-Tag naming what they show."""
    product = Product.objects.get(slug="acne-free-face-drops")
    page = client.get(PRODUCT)
    keys = set(page["Surrogate-Key"].split())
    assert {f"product:{product.pk}", "site", "uses"} <= keys
    assert set(page["Cache-Tag"].split(",")) == keys
    api = set(client.get(API_PRODUCT)["Surrogate-Key"].split())
    assert {f"product:{product.pk}", "lines", "uses", "site"} <= api
    home = set(client.get("/")["Surrogate-Key"].split())
    assert {"products", "articles", f"product:{product.pk}"} <= home


def test_signed_in_pages_are_private(admin_client, demo):
    """A signed-in user's pages say no shared cache may keep them (staff previews)."""
    response = admin_client.get(PRODUCT)
    assert "private" in response["Cache-Control"]
    assert "Surrogate-Key" not in response


def test_tag_headers_without_a_page_cache(client, demo, settings):
    """With the page cache off the tags are still sent, for a CDN in front."""
    settings.PAGE_CACHE_SECONDS = 0
    response = client.get(PRODUCT)
    assert "X-Cache" not in response
    assert "product:" in response["Surrogate-Key"]


def test_nothing_ends_before_the_change_commits(client, demo, django_capture_on_commit_callbacks):
    """Inside the transaction the cached page stands; it ends when the change commits, and
    a rolled-back change ends nothing."""
    warm(client, PRODUCT)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Variant.objects.filter(sku="DEMO-AC-30ML").first().save()
        assert cached(client, PRODUCT)
    for callback in callbacks:
        callback()
    assert not cached(client, PRODUCT)
    warm(client, PRODUCT)
    with transaction.atomic():
        Variant.objects.filter(sku="DEMO-AC-30ML").first().save()
        transaction.set_rollback(True)
    assert cached(client, PRODUCT)


def test_a_page_rendered_before_a_change_is_not_kept(client, demo):
    """A rendering that began before a change committed is not stored after it: the tag's
    version is later than the rendering's start."""
    import time

    started = time.time_ns()
    product = Product.objects.get(slug="acne-free-face-drops")
    page_cache.purge([f"product:{product.pk}"])  # the change commits mid-rendering
    response = client.get(PRODUCT)  # renders now; the stored one must be this one's
    middleware = page_cache.AnonymousPageCacheMiddleware(lambda request: response)
    key = "page-cache:test-race"
    generation = page_cache.new_generation()
    middleware.store(key, generation, started, [f"product:{product.pk}"], response)
    from django.core.cache import cache

    assert cache.get(key) is None


def test_default_settings_without_redis_have_no_page_cache():
    """Without a shared store the page cache is off: per-process memory would keep one
    worker serving what another changed."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"DJANGO_DEBUG": "1", "DJANGO_PAGE_CACHE_SECONDS": "300"})
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    code = (
        "from django.conf import settings; "
        "print(settings.SHARED_CACHE, settings.PAGE_CACHE_SECONDS)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "0"]


# --- The CDN purge hook --------------------------------------------------------------------
class PurgeStub:
    """A purge API on loopback that records what it is asked."""

    def __init__(self):
        self.requests = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def handle_one(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                stub.requests.append((method, dict(self.headers), body))
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def do_POST(self):
                self.handle_one("POST")

            def do_PURGE(self):
                self.handle_one("PURGE")

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/purge"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub(settings):
    server = PurgeStub()
    settings.CDN_PURGE_URL = server.url
    settings.CDN_PURGE_TOKEN = "secret-token"
    yield server
    server.close()


def test_purge_hook_is_off_by_default(settings):
    """No purge URL, no purge call."""
    from storefront import cdn

    assert settings.CDN_PURGE_URL == ""
    assert not cdn.is_configured()


def test_a_committed_change_purges_its_tags_at_the_cdn(
    client, admin_client, demo, stub, django_capture_on_commit_callbacks
):
    """After the change commits, the stub purge API is asked once per request for the
    tags of what changed (Cloudflare style: JSON tags, bearer token)."""
    variant = Variant.objects.get(sku="DEMO-AC-30ML")
    from tests.admin.forms import form_data

    url = f"/admin/catalog/variant/{variant.pk}/change/"
    data = form_data(admin_client.get(url), "variant_form")
    data["price"] = ["489.00"]
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    assert len(stub.requests) == 1
    method, headers, body = stub.requests[0]
    assert method == "POST" and headers["Authorization"] == "Bearer secret-token"
    assert f"product:{variant.product_id}" in json.loads(body)["tags"]


def test_nothing_is_purged_for_a_rolled_back_change(demo, stub):
    """A change that is rolled back purges nothing."""
    with transaction.atomic():
        Variant.objects.get(sku="DEMO-AC-30ML").save()
        transaction.set_rollback(True)
    assert stub.requests == []


@pytest.mark.parametrize(
    ("style", "method", "header"),
    [("fastly", "POST", "Surrogate-Key"), ("varnish", "PURGE", "xkey-purge")],
)
def test_fastly_and_varnish_purges(settings, stub, style, method, header):
    """Fastly is told in a Surrogate-Key header, Varnish (xkey) in a PURGE request."""
    from storefront import cdn

    settings.CDN_PURGE_STYLE = style
    cdn.purge(["product:1", "feed"])
    [(got_method, headers, _)] = stub.requests
    assert got_method == method
    assert {k.lower(): v for k, v in headers.items()}[header.lower()] == "feed product:1"


def test_a_cdn_outage_never_fails_a_change(settings, demo, django_capture_on_commit_callbacks):
    """A purge API that cannot be reached is logged; the change stands."""
    settings.CDN_PURGE_URL = "http://127.0.0.1:9/purge"
    settings.CDN_PURGE_TIMEOUT = 0.5
    with django_capture_on_commit_callbacks(execute=True):
        Variant.objects.filter(sku="DEMO-AC-30ML").update(price=Decimal("450.00"))
        Variant.objects.get(sku="DEMO-AC-30ML").save()
    assert Variant.objects.get(sku="DEMO-AC-30ML").price == Decimal("450.00")


def test_a_hit_reads_the_page_and_its_tags_in_one_round_trip(
    client, demo, monkeypatch, django_capture_on_commit_callbacks
):
    """The process remembers a stored page's tags, so a hit fetches the entry and the
    tags' versions in one read; a change to one of them is still seen at once."""
    warm(client, PRODUCT)
    reads = []
    real = page_cache.cache.get_many
    monkeypatch.setattr(page_cache.cache, "get_many", lambda keys: reads.append(keys) or real(keys))
    assert cached(client, PRODUCT)
    assert len(reads) == 1
    with django_capture_on_commit_callbacks(execute=True):
        Variant.objects.get(sku="DEMO-AC-30ML").save()
    assert not cached(client, PRODUCT)


def test_a_page_stored_by_another_process_is_checked_against_its_own_tags(
    client, demo, django_capture_on_commit_callbacks
):
    """Tags this process never saw (the page was stored by another worker) are read in a
    second step; a change to them ends the page all the same."""
    warm(client, PRODUCT)
    page_cache._known_tags.clear()
    assert cached(client, PRODUCT)
    page_cache._known_tags.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Variant.objects.get(sku="DEMO-AC-30ML").save()
    assert not cached(client, PRODUCT)


def test_the_remembered_tags_are_bounded(client, demo, settings):
    settings.PAGE_CACHE_TAGS_REMEMBERED = 2
    warm(client, PRODUCT, OTHER_PRODUCT, ARTICLE)
    assert len(page_cache._known_tags) <= 2
    assert cached(client, PRODUCT)
