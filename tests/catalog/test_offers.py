"""Where to buy: each pack's Buy link on the product page and in the API, staff-managed
per pack, reviewed like the rest of a live product."""

import pytest
from django.urls import reverse

from catalog.models import Offer, Product, Variant
from compliance import workflow
from compliance.models import PublicationStatus
from tests.admin.forms import add_inline_row, form_data
from tests.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db

SHOP = "https://shop.example.com/cart/add?sku=DEMO-MJ-30ML"


def page(client, slug="muscle-joint-pain-drops") -> str:
    return client.get(f"/products/{slug}/").content.decode()


def test_each_pack_has_a_buy_link_and_the_other_retailers_are_listed(client, demo):
    html = page(client)
    assert (
        f'<a class="button buy" href="{SHOP}" rel="nofollow noopener external">Buy 30 ml '
        '<span class="buy__where">at Paincare Drops</span></a>'
    ) in html
    assert (
        '<li><a href="https://marketplace.example.com/p/DEMO-MJ-30ML" rel="nofollow noopener '
        'external">Example Marketplace (demo)</a> <span class="also-at__sizes">(30 ml, 60 ml)'
        "</span>"
    ) in html
    # Price and Buy come before the long text.
    assert html.index('class="button buy"') < html.index("About these drops")


def test_an_out_of_stock_pack_offers_no_dead_button(client, demo):
    Variant.objects.filter(sku="DEMO-MJ-30ML").update(
        availability=Variant.Availability.OUT_OF_STOCK, stock_quantity=0
    )
    html = page(client)
    assert "Out of stock" in html
    assert "Buy 30 ml" not in html and "Buy 60 ml" in html  # the other pack still sells
    Variant.objects.filter(sku="DEMO-MJ-60ML").update(
        availability=Variant.Availability.OUT_OF_STOCK, stock_quantity=0
    )
    html = page(client)
    assert 'class="button buy"' not in html
    assert "To order, call" in html  # how to ask instead


def test_an_archived_product_offers_nothing_to_buy(client, demo):
    Product.objects.filter(slug="muscle-joint-pain-drops").update(status=PublicationStatus.ARCHIVED)
    html = page(client)
    assert 'class="button buy"' not in html
    assert "Also available at" not in html
    assert "To order" not in html


def test_without_any_offer_the_page_says_how_to_ask(client, demo):
    Offer.objects.filter(product__slug="acne-free-face-drops").delete()
    html = page(client, "acne-free-face-drops")
    assert 'class="button buy"' not in html
    assert (
        'To order, call <a href="tel:+918000000000">+91 80 0000 0000</a> or write to '
        '<a href="mailto:care@example.com">care@example.com</a>.'
    ) in html


def test_the_api_lists_each_packs_offers_shop_first(client, demo):
    variants = client.get("/api/v1/products/muscle-joint-pain-drops/").json()["variants"]
    assert variants[0]["offers"] == [
        {"kind": "shop", "retailer": "Paincare Drops", "url": SHOP},
        {
            "kind": "marketplace",
            "retailer": "Example Marketplace (demo)",
            "url": "https://marketplace.example.com/p/DEMO-MJ-30ML",
        },
    ]
    Variant.objects.filter(sku="DEMO-MJ-30ML").update(
        availability=Variant.Availability.OUT_OF_STOCK, stock_quantity=0
    )
    variants = client.get("/api/v1/products/muscle-joint-pain-drops/").json()["variants"]
    assert variants[0]["offers"] == []


def test_every_demo_pack_can_be_bought(demo):
    for variant in Variant.objects.all():
        assert variant.offers.filter(kind=Offer.Kind.SHOP).count() == 1


# --- Staff doors ----------------------------------------------------------------
@pytest.fixture
def live():
    product = ProductFactory(slug="calm")
    VariantFactory(product=product, sku="CALM-30")
    return product


def test_a_new_link_on_a_live_product_waits_for_review_through_the_api(
    client_for, catalog_manager, live
):
    payload = {
        "product": "calm",
        "variant": "CALM-30",
        "kind": "marketplace",
        "retailer": "Amazon.in",
        "url": "https://www.amazon.in/dp/B000000000",
    }
    response = client_for(catalog_manager).post("/api/v1/offers/", payload, format="json")
    assert response.status_code == 202, response.json()
    assert not Offer.objects.exists()
    assert workflow.pending_revision(live) is not None


def test_a_new_link_added_inline_in_the_admin_waits_for_review(client, catalog_manager, live):
    client.force_login(catalog_manager)
    url = reverse("admin:catalog_product_change", args=[live.pk])
    data = form_data(client.get(url), "product_form")
    variant = live.variants.get()
    add_inline_row(
        data,
        "offers",
        variant=variant.pk,
        kind="shop",
        retailer="",
        url="https://shop.example.com/cart/calm",
        position=1,
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Offer.objects.exists()
    assert "offers" in str(workflow.pending_revision(live).content["children"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"url": "http://shop.example.com/calm"}, "url"),
        ({"kind": "marketplace", "retailer": ""}, "retailer"),
    ],
)
def test_bad_links_are_refused_with_the_field(client_for, admin_user, live, change, field):
    payload = {
        "product": "calm",
        "variant": "CALM-30",
        "kind": "shop",
        "retailer": "",
        "url": "https://shop.example.com/calm",
        **change,
    }
    response = client_for(admin_user).post("/api/v1/offers/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"] or field in response.json()["message"]


def test_a_link_to_another_products_pack_is_refused(client_for, admin_user, live):
    VariantFactory(sku="OTHER-30")
    payload = {
        "product": "calm",
        "variant": "OTHER-30",
        "kind": "shop",
        "url": "https://shop.example.com/calm",
    }
    response = client_for(admin_user).post("/api/v1/offers/", payload, format="json")
    assert response.status_code == 400
    assert "this product's packs" in response.json()["message"]


def test_the_variant_select_of_the_inline_lists_only_this_products_packs(
    client, catalog_manager, live
):
    VariantFactory(sku="OTHER-30")
    client.force_login(catalog_manager)
    html = client.get(reverse("admin:catalog_product_change", args=[live.pk])).content.decode()
    assert "CALM-30" in html
    assert "OTHER-30" not in html
