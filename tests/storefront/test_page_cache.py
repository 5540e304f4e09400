from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product, Variant
from storefront.page_cache import GENERATION_KEY
from tests.admin.forms import form_data
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

PRODUCT = "/products/acne-free-face-drops/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_anonymous_pages_are_served_from_the_cache(client, demo, django_assert_num_queries):
    """The second anonymous request for a page is answered from the cache, with no query."""
    first = client.get(PRODUCT)
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(PRODUCT)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


def test_api_responses_are_cached_per_accept_header(client, demo):
    """API responses are cached too, separately for each representation asked for."""
    url = "/api/v1/products/acne-free-face-drops/"
    assert client.get(url, HTTP_ACCEPT="application/json")["X-Cache"] == "miss"
    assert client.get(url, HTTP_ACCEPT="application/json")["X-Cache"] == "hit"
    assert client.get(url, HTTP_ACCEPT="application/json; indent=2")["X-Cache"] == "miss"


def test_cached_api_responses_still_answer_304(client, demo):
    """A cached response keeps its ETag, and If-None-Match still earns a 304."""
    url = "/api/v1/products/acne-free-face-drops/"
    etag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_an_admin_edit_shows_on_the_next_request(
    client, admin_client, demo, django_capture_on_commit_callbacks
):
    """Changing a price in the admin shows on the product page at the next request."""
    assert b"499" in client.get(PRODUCT).content
    assert client.get(PRODUCT)["X-Cache"] == "hit"
    variant = Variant.objects.get(sku="DEMO-AC-30ML")
    url = reverse("admin:catalog_variant_change", args=[variant.pk])
    data = form_data(admin_client.get(url), "variant_form")
    data["price"] = ["479.00"]
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    response = client.get(PRODUCT)
    assert response["X-Cache"] == "miss"
    assert b"479" in response.content


@pytest.mark.parametrize(
    "change",
    [
        lambda: Product.objects.get(slug="acne-free-face-drops").delete(),
        lambda: Product.objects.get(slug="acne-free-face-drops").use_categories.clear(),
        lambda: ProductFactory(),
    ],
    ids=["delete", "m2m", "create"],
)
def test_saves_deletes_and_relations_invalidate(
    client, demo, change, django_capture_on_commit_callbacks
):
    """Creating, deleting or relinking a product ends the pages that list products."""
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        change()
    assert client.get("/")["X-Cache"] == "miss"


def test_signed_in_staff_never_get_cached_pages(client, admin_client, demo):
    """A signed-in user's request is neither served from nor stored in the cache."""
    client.get(PRODUCT)
    response = admin_client.get(PRODUCT)
    assert "X-Cache" not in response
    assert "X-Cache" not in admin_client.get(PRODUCT)


def test_token_clients_are_not_cached(client, demo):
    """Requests with an Authorization header bypass the cache."""
    response = client.get("/api/v1/products/", HTTP_AUTHORIZATION="Token nope")
    assert "X-Cache" not in response


def test_errors_and_admin_are_not_cached(client, demo):
    """404s and the admin are never stored."""
    client.get("/products/no-such-drops/")
    assert "X-Cache" not in client.get("/products/no-such-drops/")
    assert "X-Cache" not in client.get("/admin/login/")


def test_scheduled_publication_ends_the_generation(client, demo):
    """When a scheduled product's time comes, cached pages are rendered afresh."""
    ProductFactory(
        name="Sleep drops", published_at=timezone.now() + timedelta(hours=1), status="published"
    )
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    generation = cache.get(GENERATION_KEY)
    assert generation["until"] is not None
    cache.set(GENERATION_KEY, {**generation, "until": timezone.now().timestamp() - 1}, None)
    assert client.get("/")["X-Cache"] == "miss"


def test_page_cache_can_be_turned_off(client, demo, settings):
    """DJANGO_PAGE_CACHE_SECONDS=0 turns the page cache off."""
    settings.PAGE_CACHE_SECONDS = 0
    client.get(PRODUCT)
    assert "X-Cache" not in client.get(PRODUCT)


def test_prices_stay_exact_through_the_cache(client, demo):
    """A cached API response carries the price exactly as stored."""
    Variant.objects.filter(sku="DEMO-AC-30ML").update(price=Decimal("489.50"))
    client.get("/api/v1/products/acne-free-face-drops/")
    body = client.get("/api/v1/products/acne-free-face-drops/").json()
    assert body["variants"][0]["price"] == "489.50"


def test_cached_api_responses_still_count_against_the_rate_limit(client, demo, settings):
    """An anonymous client over its API rate gets 429 even for a cached response."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "100/min"},
    }
    assert client.get("/api/v1/uses/")["X-Cache"] == "miss"
    assert client.get("/api/v1/uses/")["X-Cache"] == "hit"
    response = client.get("/api/v1/uses/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "X-Cache" not in response


def test_storefront_pages_are_not_rate_limited(client, demo, settings):
    """The API's rate limit does not apply to cached storefront pages."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/min", "user": "100/min"},
    }
    assert all(client.get("/").status_code == 200 for _ in range(4))
