from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import Variant
from compliance.disclaimers import DEFAULT_DISCLAIMER
from compliance.models import PublicationStatus
from tests.factories import (
    ArticleFactory,
    ArticleProductFactory,
    ProductFactory,
    ProductImageFactory,
    ProductLineFactory,
    UseCategoryFactory,
    VariantFactory,
)

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


# --- Uses --------------------------------------------------------------------
def test_uses_are_listed_in_their_position_order(api):
    """The use list gives every use, in the admin's position order, with links."""
    second = UseCategoryFactory(slug="skin", position=2)
    first = UseCategoryFactory(slug="joints", position=1)
    response = api.get("/api/v1/uses/")
    assert response.status_code == 200
    assert slugs(response) == [first.slug, second.slug]
    assert response.json()["results"][0]["url"] == "http://testserver/api/v1/uses/joints/"


def test_use_detail_by_slug(api):
    """A use is read by its slug with its intro and colour."""
    UseCategoryFactory(slug="acne", name="Skin: acne", colour="rose")
    data = api.get("/api/v1/uses/acne/").json()
    assert data["name"] == "Skin: acne"
    assert data["colour"] == "rose"


def test_unknown_use_is_404_json(api):
    """An unknown use slug answers 404 in the error shape."""
    response = api.get("/api/v1/uses/nope/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# --- Product list ------------------------------------------------------------
def test_product_list_is_paginated_with_count_next_previous(api):
    """The product list pages with count, next and previous."""
    for _ in range(3):
        ProductFactory()
    first = api.get("/api/v1/products/?page_size=2").json()
    assert first["count"] == 3
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/products/?page=2&page_size=2"
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert second["previous"] is not None


def test_page_size_can_be_asked_for(api):
    """page_size chooses how many products a page holds."""
    for _ in range(3):
        ProductFactory()
    assert len(api.get("/api/v1/products/?page_size=2").json()["results"]) == 2


def test_page_past_the_end_is_404(api):
    """A page past the end answers 404 with a message naming the page."""
    ProductFactory()
    response = api.get("/api/v1/products/?page=9")
    assert response.status_code == 404
    assert "page 9" in response.json()["message"]


def test_product_card_shows_lowest_price_as_string_and_first_image(api):
    """A listed product shows its lowest price as a string, currency and first image."""
    product = ProductFactory()
    VariantFactory(product=product, price=Decimal("499.00"))
    VariantFactory(product=product, price=Decimal("299.50"))
    ProductImageFactory(product=product, alt_text="Front of the bottle", position=0)
    item = api.get("/api/v1/products/").json()["results"][0]
    assert item["price_from"] == "299.50"
    assert item["currency"] == "INR"
    assert item["available"] is True
    assert item["image"]["alt_text"] == "Front of the bottle"
    assert item["image"]["renditions"][0]["url"].startswith("http://testserver/media/")


def test_drafts_in_review_and_archived_products_are_not_listed(api):
    """Anonymous lists show published products only: no drafts, reviews, archived
    or scheduled items."""
    live = ProductFactory()
    ProductFactory(status=PublicationStatus.DRAFT)
    ProductFactory(status=PublicationStatus.IN_REVIEW)
    ProductFactory(status=PublicationStatus.ARCHIVED)
    ProductFactory(published_at=timezone.now() + timedelta(days=1))
    assert slugs(api.get("/api/v1/products/")) == [live.slug]


def test_staff_who_may_change_products_see_drafts_in_the_list(client_for, catalog_manager):
    """Staff with the change permission list drafts and items in review too."""
    ProductFactory(slug="draft-drops", status=PublicationStatus.DRAFT)
    ProductFactory(slug="archived-drops", status=PublicationStatus.ARCHIVED)
    listed = slugs(client_for(catalog_manager).get("/api/v1/products/"))
    assert listed == ["draft-drops"]


# --- Product filters ---------------------------------------------------------
def test_filter_by_use(api):
    """use= keeps the products listed under that use."""
    joints = UseCategoryFactory(slug="joints")
    inside = ProductFactory(use_categories=[joints])
    ProductFactory()
    assert slugs(api.get("/api/v1/products/?use=joints")) == [inside.slug]


def test_filter_by_line(api):
    """line= keeps the products of that line."""
    line = ProductLineFactory(slug="cbd")
    inside = ProductFactory(line=line)
    ProductFactory()
    assert slugs(api.get("/api/v1/products/?line=cbd")) == [inside.slug]


def test_filter_by_availability(api):
    """available=true keeps products with a pack to buy; false keeps the rest."""
    buyable = ProductFactory()
    VariantFactory(product=buyable)
    sold_out = ProductFactory()
    VariantFactory(
        product=sold_out, availability=Variant.Availability.OUT_OF_STOCK, stock_quantity=0
    )
    assert slugs(api.get("/api/v1/products/?available=true")) == [buyable.slug]
    assert slugs(api.get("/api/v1/products/?available=false")) == [sold_out.slug]


def test_filter_by_price_range(api):
    """price_min and price_max bound the lowest price."""
    cheap, mid, dear = ProductFactory(), ProductFactory(), ProductFactory()
    VariantFactory(product=cheap, price=Decimal("100"))
    VariantFactory(product=mid, price=Decimal("300"))
    VariantFactory(product=dear, price=Decimal("900"))
    assert slugs(api.get("/api/v1/products/?price_min=200&price_max=500")) == [mid.slug]


def test_search_matches_name_and_ingredients(api):
    """search= finds words in the name or the ingredients."""
    ProductFactory(name="Calm Drops", slug="calm", key_ingredients="Brahmi")
    ProductFactory(name="Skin Drops", slug="skin", key_ingredients="Neem")
    assert slugs(api.get("/api/v1/products/?search=calm")) == ["calm"]
    assert slugs(api.get("/api/v1/products/?search=neem")) == ["skin"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("name", ["a", "b", "c"]),
        ("-name", ["c", "b", "a"]),
        ("price", ["b", "c", "a"]),
        ("-price", ["a", "c", "b"]),
        ("newest", ["c", "a", "b"]),
    ],
)
def test_ordering(api, ordering, expected):
    """ordering= sorts by name, lowest price or newest."""
    now = timezone.now()
    for slug, price, days_ago in (("a", "900", 2), ("b", "100", 3), ("c", "500", 1)):
        product = ProductFactory(
            name=slug.upper(), slug=slug, published_at=now - timedelta(days=days_ago)
        )
        VariantFactory(product=product, price=Decimal(price))
    assert slugs(api.get(f"/api/v1/products/?ordering={ordering}")) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("price_min=abc", "price_min"),
        ("price_max=-5", "price_max"),
        ("price_min=1e40", "price_min"),
        ("ordering=cheapest", "ordering"),
        ("available=maybe", "available"),
        ("use=nope", "use"),
        ("line=nope", "line"),
    ],
)
def test_bad_filter_value_is_400_naming_the_parameter(api, query, field):
    """A filter value that cannot be understood is a 400 naming the parameter."""
    response = api.get(f"/api/v1/products/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["message"].startswith(f"{field}: ")
    assert field in body["errors"]


# --- Product detail ----------------------------------------------------------
def test_product_detail_has_everything_a_product_page_needs(api):
    """Product detail gives line, uses, variants with string prices, every rendition
    as an absolute URL with widths, alt text and the disclaimer."""
    product = ProductFactory(slug="calm")
    VariantFactory(product=product, sku="CALM-30", pack_size="30 ml", price=Decimal("549"))
    ProductImageFactory(product=product, alt_text="Amber bottle")
    data = api.get("/api/v1/products/calm/").json()
    assert data["line"]["slug"] == product.line.slug
    assert [u["slug"] for u in data["uses"]] == [product.primary_use.slug]
    assert data["variants"] == [
        {
            "sku": "CALM-30",
            "pack_size": "30 ml",
            "price": "549.00",
            "mrp": "999.00",
            "compare_at_price": None,
            "currency": "INR",
            "availability": "in_stock",
            "offers": [],
        }
    ]
    image = data["images"][0]
    assert image["alt_text"] == "Amber bottle"
    assert [r["width"] for r in image["renditions"]] == [320, 640, 700]
    assert all(
        r["url"].startswith("http://testserver/media/renditions/") for r in image["renditions"]
    )
    assert data["disclaimer"] == DEFAULT_DISCLAIMER
    assert "<strong>herbs</strong>" in data["description_html"]


def test_related_articles_are_published_only_in_link_order_with_note(api):
    """A product's related articles are the published ones, in link order, with notes."""
    product = ProductFactory(slug="calm")
    later = ArticleProductFactory(product=product, position=2, note="second")
    first = ArticleProductFactory(product=product, position=1, note="first")
    ArticleProductFactory(
        product=product, position=0, article=ArticleFactory(status=PublicationStatus.DRAFT)
    )
    related = api.get("/api/v1/products/calm/").json()["related_articles"]
    assert [(a["slug"], a["note"]) for a in related] == [
        (first.article.slug, "first"),
        (later.article.slug, "second"),
    ]
    assert related[0]["url"] == f"http://testserver/api/v1/articles/{first.article.slug}/"


@pytest.mark.parametrize("state", [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW])
def test_unpublished_product_is_404_for_anonymous_callers(api, state):
    """Drafts and products in review answer 404 to anonymous callers."""
    ProductFactory(slug="secret", status=state)
    assert api.get("/api/v1/products/secret/").status_code == 404


def test_scheduled_product_is_404_until_its_time(api):
    """A product scheduled for later answers 404 until then."""
    ProductFactory(slug="soon", published_at=timezone.now() + timedelta(hours=1))
    assert api.get("/api/v1/products/soon/").status_code == 404


def test_staff_with_change_permission_see_a_draft(client_for, catalog_manager, claims_reviewer):
    """Staff who may change products read a draft's detail."""
    ProductFactory(slug="secret", status=PublicationStatus.DRAFT)
    assert client_for(catalog_manager).get("/api/v1/products/secret/").status_code == 200
    assert client_for(claims_reviewer).get("/api/v1/products/secret/").status_code == 200


def test_staff_without_change_permission_do_not_see_a_draft(client_for, content_editor):
    """A content editor (view-only on products) gets 404 for a product draft."""
    ProductFactory(slug="secret", status=PublicationStatus.DRAFT)
    assert client_for(content_editor).get("/api/v1/products/secret/").status_code == 404


def test_archived_product_detail_still_answers(api):
    """An archived product leaves lists but its detail still answers."""
    ProductFactory(slug="old", status=PublicationStatus.ARCHIVED)
    assert api.get("/api/v1/products/old/").status_code == 200
    assert api.get("/api/v1/products/").json()["count"] == 0


def test_detail_ignores_list_filters(api):
    """Query parameters meant for lists do not hide a product's detail."""
    ProductFactory(slug="calm")
    assert api.get("/api/v1/products/calm/?use=other&price_min=abc").status_code == 200


def test_an_unknown_use_says_where_the_uses_are(api):
    body = api.get("/api/v1/products/?use=nope").json()
    assert body["errors"]["use"] == [
        "No use has the slug \u201cnope\u201d: /api/v1/uses/ lists them."
    ]
    assert api.get("/api/v1/articles/?use=nope").status_code == 400


def test_products_and_articles_give_their_storefront_page(api):
    product = ProductFactory(slug="calm")
    listed = api.get("/api/v1/products/").json()["results"][0]
    assert listed["web_url"] == "http://testserver/products/calm/"
    assert api.get("/api/v1/products/calm/").json()["web_url"] == listed["web_url"]
    assert product.get_absolute_url() == "/products/calm/"
