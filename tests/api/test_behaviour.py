import pytest
from django.db import connection
from django.utils.http import http_date

from catalog.models import Product
from tests.factories import (
    ArticleFactory,
    ArticleProductFactory,
    ExerciseFactory,
    ProductFactory,
    ProductImageFactory,
    UseCategoryFactory,
    VariantFactory,
)

pytestmark = pytest.mark.django_db


# --- Conditional GET and caching ---------------------------------------------
@pytest.mark.parametrize("url", ["/api/v1/products/", "/api/v1/products/calm/"])
def test_matching_if_none_match_is_304(api, url):
    """A GET repeated with the ETag it was given answers 304 with no body."""
    ProductFactory(slug="calm")
    first = api.get(url)
    etag = first["ETag"]
    assert etag.startswith('"')
    again = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_etag_changes_when_the_product_changes(api):
    """After an edit the old ETag no longer matches: the new body comes back."""
    product = ProductFactory(slug="calm")
    etag = api.get("/api/v1/products/calm/")["ETag"]
    product.tagline = "Now with a new tagline."
    product.save()
    response = api.get("/api/v1/products/calm/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_detail_has_last_modified(api):
    """Product and article details carry Last-Modified from their update time."""
    product = ProductFactory(slug="calm")
    ArticleFactory(slug="backs")
    response = api.get("/api/v1/products/calm/")
    assert response["Last-Modified"] == http_date(product.updated_at.timestamp())
    assert api.get("/api/v1/articles/backs/").has_header("Last-Modified")


def test_anonymous_responses_are_publicly_cacheable(api):
    """Anonymous reads may be cached by shared caches for a minute."""
    ProductFactory(slug="calm")
    response = api.get("/api/v1/products/")
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Authorization" in response["Vary"]


def test_staff_responses_are_private(client_for, catalog_manager):
    """A signed-in user's reads are private and revalidated every time."""
    response = client_for(catalog_manager).get("/api/v1/products/")
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_errors_are_not_cached(api):
    """Error responses carry no ETag."""
    response = api.get("/api/v1/products/nope/")
    assert response.status_code == 404
    assert not response.has_header("ETag")


# --- Errors and throttling -----------------------------------------------------
def test_error_shape_is_the_same_everywhere(api):
    """Every error has status, code and message."""
    for response in (
        api.get("/api/v1/products/?price_min=abc"),
        api.get("/api/v1/products/nope/"),
        api.post("/api/v1/products/", {}, format="json"),
    ):
        body = response.json()
        assert body["status"] == response.status_code
        assert body["code"]
        assert body["message"]


def test_anonymous_client_over_its_rate_is_429_with_retry_after(api, settings):
    """An anonymous client over its rate gets 429 with Retry-After."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "100/min"},
    }
    assert api.get("/api/v1/uses/").status_code == 200
    assert api.get("/api/v1/uses/").status_code == 200
    response = api.get("/api/v1/uses/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["code"] == "throttled"


def test_staff_have_their_own_higher_rate(client_for, catalog_manager, settings):
    """Signed-in staff are counted per user, not against the anonymous rate."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/min", "user": "100/min"},
    }
    staff = client_for(catalog_manager)
    assert all(staff.get("/api/v1/uses/").status_code == 200 for _ in range(3))


# --- Query bounds ------------------------------------------------------------
@pytest.fixture
def busy_catalog():
    """Several products, each with two uses, two variants, two images and article links,
    and articles with exercises and product links: enough to expose N+1 queries."""
    uses = [UseCategoryFactory() for _ in range(2)]
    products = []
    for n in range(3):
        product = ProductFactory(slug=f"p{n}", use_categories=uses)
        for _ in range(2):
            VariantFactory(product=product)
            ProductImageFactory(product=product)
        products.append(product)
    for n in range(3):
        article = ArticleFactory(slug=f"a{n}", use_categories=uses)
        for product in products:
            ArticleProductFactory(article=article, product=product)
        for _ in range(2):
            ExerciseFactory(article=article)
    return uses[0]


# Anonymous lists: 1 COUNT for the paginator + 1 page of rows (joins for line and
# primary use) + 1 prefetch per related set (products: uses, variants, images;
# articles: uses). Details: 1 row + 1 per prefetched set (product: uses, variants,
# images, article links with their articles; article: uses, exercises, product links
# with their products) + 1 for the site-wide disclaimer texts, read once and then
# cached (every test starts with an empty cache, so this is the worst case).
# Nothing grows with the number of rows or links.
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/v1/uses/", 2),
        ("/api/v1/uses/{use}/", 1),
        ("/api/v1/products/", 5),
        # The use named is looked up (1); on PostgreSQL a search first asks whether a
        # use's name holds the words (1).
        (
            "/api/v1/products/?use={use}&available=true&ordering=-price&search=drops",
            5 + 1 + (connection.vendor == "postgresql"),
        ),
        ("/api/v1/products/p0/", 5 + 1 + 2),  # + its ingredients and offers
        ("/api/v1/articles/", 3),
        ("/api/v1/articles/?product=p0&use={use}", 3 + 1),  # + the use named
        ("/api/v1/articles/a0/", 4 + 1),
    ],
)
def test_reads_take_a_fixed_number_of_queries(
    api, busy_catalog, django_assert_num_queries, url, queries
):
    """Every list and detail takes a fixed number of queries, however many rows."""
    with django_assert_num_queries(queries):
        response = api.get(url.format(use=busy_catalog.slug))
    assert response.status_code == 200
    assert response.json().get("count", 1) > 0


# Staff add 1 query for the token (joined with its user) and 2 for the user's and
# groups' permissions (loaded once, then cached on the user) to the reads above.
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/v1/products/", 5 + 3),
        ("/api/v1/products/p0/", 5 + 1 + 2 + 3 + 1),  # + the latest revision, for its editors
        ("/api/v1/articles/a0/", 4 + 1 + 3),
        ("/api/v1/variants/", 2 + 3),
        ("/api/v1/article-products/", 2 + 3),
        ("/api/v1/exercises/", 2 + 3),
    ],
)
def test_staff_reads_take_a_fixed_number_of_queries(
    client_for, catalog_manager, busy_catalog, django_assert_num_queries, url, queries
):
    """Staff reads, staff-only lists included, take a fixed number of queries."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_model(Product)  # cached for the process, as in production
    staff = client_for(catalog_manager)
    with django_assert_num_queries(queries):
        response = staff.get(url)
    assert response.status_code == 200
    assert response.json().get("count", 1) > 0


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/nothing-here/",
        "/api/v1/products/%C2%84/",
        "/api/v1/variants/lower/",
        "/api/v1/articles/line%0Abreak/",
    ],
)
def test_unknown_api_address_is_a_json_404(api, url):
    """Any address under the API that matches no endpoint is a JSON 404, not HTML."""
    response = api.patch(url, {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


def test_address_without_trailing_slash_redirects(api):
    """An endpoint named without its trailing slash redirects to it."""
    response = api.get("/api/v1/products")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/products/"


def test_if_modified_since_alone_does_not_give_304(api):
    """A variant's price change does not touch the product's Last-Modified, so
    If-Modified-Since alone always gets the full, current body."""
    product = ProductFactory(slug="calm")
    last_modified = api.get("/api/v1/products/calm/")["Last-Modified"]
    VariantFactory(product=product, price="123.00")
    response = api.get("/api/v1/products/calm/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 200
    assert response.json()["variants"][0]["price"] == "123.00"
