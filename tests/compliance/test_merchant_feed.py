from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest

from catalog.models import Product, Variant

pytestmark = pytest.mark.django_db

G = "{http://base.google.com/ns/1.0}"
REQUIRED = [
    "id",
    "title",
    "description",
    "link",
    "image_link",
    "availability",
    "price",
    "brand",
    "condition",
    "mpn",
    "identifier_exists",
]


def feed_items(client):
    response = client.get("/feeds/products.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return {item.findtext(f"{G}id"): item for item in root.iter("item")}


def test_feed_lists_published_variants_with_every_required_field(client, demo):
    """Each published variant appears with id, title, description, link, image, availability,
    price, brand, condition and identifiers."""
    items = feed_items(client)
    assert set(items) == {
        "DEMO-MJ-30ML",
        "DEMO-MJ-60ML",
        "DEMO-AC-30ML",
        "DEMO-AX-30ML",
        "DEMO-DG-30ML",
    }
    for sku, item in items.items():
        for name in REQUIRED:
            assert (item.findtext(f"{G}{name}") or "").strip(), f"{sku} lacks g:{name}"
    acne = items["DEMO-AC-30ML"]
    assert acne.findtext(f"{G}link") == "http://testserver/products/acne-free-face-drops/"
    assert acne.findtext(f"{G}image_link").startswith("http://testserver/media/products/")
    assert acne.findtext(f"{G}price") == "499.00 INR"
    assert acne.findtext(f"{G}availability") == "in_stock"
    assert acne.findtext(f"{G}condition") == "new"
    assert acne.findtext(f"{G}mpn") == "DEMO-AC-30ML"
    assert "<" not in acne.findtext(f"{G}description")


def test_age_restricted_products_stay_out_of_the_feed(client, demo):
    """The CBD drops are never in the merchant feed."""
    assert "DEMO-CBD-30ML" not in feed_items(client)


def test_drafts_and_archived_products_stay_out(client, demo):
    """Only published products are advertised."""
    Product.objects.filter(slug="acne-free-face-drops").update(status="archived")
    Product.objects.filter(slug="anxiety-fear-panic-drops").update(status="draft")
    assert set(feed_items(client)) == {"DEMO-MJ-30ML", "DEMO-MJ-60ML", "DEMO-DG-30ML"}


def test_sale_price_gtin_and_availability_follow_the_variant(client, demo):
    """A compare-at price becomes price with sale_price; GTIN and stock are carried over."""
    Variant.objects.filter(sku="DEMO-DG-30ML").update(
        compare_at_price=Decimal("599.00"),
        mrp=Decimal("599.00"),
        gtin="8901234567890",
        availability=Variant.Availability.OUT_OF_STOCK,
    )
    item = feed_items(client)["DEMO-DG-30ML"]
    assert item.findtext(f"{G}price") == "599.00 INR"
    assert item.findtext(f"{G}sale_price") == "449.00 INR"
    assert item.findtext(f"{G}gtin") == "8901234567890"
    assert item.findtext(f"{G}availability") == "out_of_stock"


def test_feed_queries_are_bounded(client, demo, django_assert_max_num_queries):
    """The feed costs four queries (products, variants, images, shipping rules) whatever
    its size."""
    from tests.factories import ProductImageFactory, VariantFactory

    for product in Product.objects.all():
        VariantFactory.create_batch(3, product=product)
        ProductImageFactory(product=product)
    with django_assert_max_num_queries(4):
        client.get("/feeds/products.xml")


def shipping_of(item) -> list[dict]:
    return [
        {child.tag.removeprefix(G): child.text for child in shipping}
        for shipping in item.iter(f"{G}shipping")
    ]


def test_items_carry_delivery_from_the_shipping_rules(client, demo):
    """Each item states every shipping rule (country, service, the pack's charge, handling
    and transit days) as g:shipping, free where the pack reaches the free-delivery amount;
    a changed rule changes the feed."""
    from storefront.models import ShippingRule

    items = feed_items(client)
    assert shipping_of(items["DEMO-DG-30ML"]) == [  # ₹449: below the ₹499 free delivery
        {
            "country": "IN",
            "service": "Standard delivery",
            "price": "49.00 INR",
            "min_handling_time": "0",
            "max_handling_time": "1",
            "min_transit_time": "2",
            "max_transit_time": "7",
        },
        {
            "country": "IN",
            "service": "Express delivery",
            "price": "129.00 INR",
            "min_handling_time": "0",
            "max_handling_time": "1",
            "min_transit_time": "1",
            "max_transit_time": "3",
        },
    ]
    assert shipping_of(items["DEMO-AC-30ML"])[0]["price"] == "0.00 INR"  # ₹499
    rule = ShippingRule.objects.get(service="standard")
    rule.rate, rule.free_from = Decimal("59.00"), None
    rule.full_clean()
    rule.save()
    assert shipping_of(feed_items(client)["DEMO-AC-30ML"])[0]["price"] == "59.00 INR"
    ShippingRule.objects.all().delete()
    assert shipping_of(feed_items(client)["DEMO-AC-30ML"]) == []
