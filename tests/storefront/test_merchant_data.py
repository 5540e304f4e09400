"""Merchant data search engines read: the Organization's consumer care and return policy,
each offer's delivery from the shipping rules, several packs as a ProductGroup, a GTIN
only when staff set one; and the same numbers shown to shoppers."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalog.models import Product, Variant
from compliance.models import SiteSettings
from storefront.models import ShippingRule
from tests.admin.forms import post_form
from tests.factories import ProductFactory, VariantFactory
from tests.storefront.conftest import jsonld_of_type

pytestmark = pytest.mark.django_db

FLAGSHIP = "/products/muscle-joint-pain-drops/"
SCHEMA = "https://schema.org"


def organization(client) -> dict:
    [data] = jsonld_of_type(client.get("/"), "Organization")
    return data


def set_returns(**values) -> None:
    row = SiteSettings.objects.get(pk=1)
    for name, value in values.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()


# --- Organization ---------------------------------------------------------------------
def test_organization_names_consumer_care_and_the_return_policy(client, demo):
    """The home page's Organization carries consumer care as a ContactPoint and the demo
    shop's return policy (7 days, free, by mail) linked to its returns page."""
    data = organization(client)
    assert data["contactPoint"] == {
        "@type": "ContactPoint",
        "contactType": "customer service",
        "areaServed": "IN",
        "telephone": "+91 80 0000 0000",
        "email": "care@example.com",
        "url": "http://testserver/pages/contact/",
    }
    assert data["hasMerchantReturnPolicy"] == {
        "@type": "MerchantReturnPolicy",
        "applicableCountry": "IN",
        "returnPolicyCategory": f"{SCHEMA}/MerchantReturnFiniteReturnWindow",
        "merchantReturnDays": 7,
        "returnMethod": f"{SCHEMA}/ReturnByMail",
        "returnFees": f"{SCHEMA}/FreeReturn",
        "merchantReturnLink": "http://testserver/pages/returns/",
    }


def test_a_fixed_return_fee_is_stated_with_its_amount(client, demo):
    set_returns(
        return_policy="any_time", return_fees="fixed_fee", return_shipping_fee=Decimal("80")
    )
    policy = organization(client)["hasMerchantReturnPolicy"]
    assert policy["returnPolicyCategory"] == f"{SCHEMA}/MerchantReturnUnlimitedWindow"
    assert "merchantReturnDays" not in policy
    assert policy["returnFees"] == f"{SCHEMA}/ReturnShippingFees"
    assert policy["returnShippingFeesAmount"] == {
        "@type": "MonetaryAmount",
        "value": "80.00",
        "currency": "INR",
    }
    html = client.get("/pages/returns/").content.decode()
    assert "Accepted at any time." in html
    assert "₹80, paid by you." in html


def test_no_returns_says_so_and_nothing_more(client, demo):
    set_returns(return_policy="not_accepted", return_days=None, return_fees="")
    policy = organization(client)["hasMerchantReturnPolicy"]
    assert policy == {
        "@type": "MerchantReturnPolicy",
        "applicableCountry": "IN",
        "returnPolicyCategory": f"{SCHEMA}/MerchantReturnNotPermitted",
        "merchantReturnLink": "http://testserver/pages/returns/",
    }
    html = client.get("/pages/returns/").content.decode()
    assert "Not accepted." in html and "Return shipping" not in html


def test_an_undecided_policy_is_not_published(client, db):
    """Until staff choose a return policy, none is claimed, on the page or in markup;
    without consumer care details there is no ContactPoint."""
    SiteSettings.objects.filter(pk=1).update(
        return_policy="", consumer_care_phone="", consumer_care_email=""
    )
    data = organization(client)
    assert "hasMerchantReturnPolicy" not in data and "contactPoint" not in data


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"return_policy": "within_days", "return_days": None}, "return_days", "how many days"),
        ({"return_policy": "within_days", "return_fees": ""}, "return_fees", "who pays"),
        (
            {"return_policy": "any_time", "return_fees": "fixed_fee"},
            "return_shipping_fee",
            "Give the fee",
        ),
        ({"return_days": 0}, "return_days", "greater than or equal to 1"),
    ],
)
def test_an_incomplete_return_policy_is_refused(demo, values, field, message):
    with pytest.raises(ValidationError) as caught:
        set_returns(**values)
    assert message in " ".join(caught.value.message_dict[field])


def test_the_admin_refuses_an_incomplete_policy_and_keeps_what_was_typed(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:compliance_sitesettings_change", args=[1])
    response = post_form(
        client,
        url,
        "sitesettings_form",
        return_policy="within_days",
        return_days="",
        return_fees="fixed_fee",
        return_shipping_fee="",
        consumer_care_hours="Mon\r\nto Sat",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say within how many days" in html and "Give the fee" in html
    assert '<option value="fixed_fee" selected>' in html
    assert SiteSettings.objects.get().return_policy == ""


# --- Shipping rules -----------------------------------------------------------------
def test_offers_carry_delivery_from_each_shipping_rule(client, demo):
    [data] = jsonld_of_type(client.get("/products/bloating-indigestion-drops/"), "Product")
    [offer] = data["offers"]
    standard, express = offer["shippingDetails"]
    assert standard == {
        "@type": "OfferShippingDetails",
        "shippingLabel": "Standard delivery",
        "shippingRate": {"@type": "MonetaryAmount", "value": "49.00", "currency": "INR"},
        "shippingDestination": {"@type": "DefinedRegion", "addressCountry": "IN"},
        "deliveryTime": {
            "@type": "ShippingDeliveryTime",
            "handlingTime": {
                "@type": "QuantitativeValue",
                "minValue": 0,
                "maxValue": 1,
                "unitCode": "DAY",
            },
            "transitTime": {
                "@type": "QuantitativeValue",
                "minValue": 2,
                "maxValue": 7,
                "unitCode": "DAY",
            },
        },
    }
    assert express["shippingRate"]["value"] == "129.00"


def test_shoppers_see_the_same_delivery_terms(client, demo):
    """The product page's Buy area and the shipping page print the rules' charges and
    times; a rule's change shows at once."""
    product_html = client.get(FLAGSHIP).content.decode()
    assert "Standard delivery:</strong> ₹49, free on orders from ₹499; 2\u20138 business days" in (
        product_html
    )
    shipping_html = client.get("/pages/shipping/").content.decode()
    assert "Delivery charges and times" in shipping_html
    assert "₹129; arrives in 1\u20134 business days from your order." in shipping_html
    rule = ShippingRule.objects.get(service="express")
    rule.rate = Decimal("149.00")
    rule.save()
    assert (
        "₹149; arrives in 1\u20134 business days" in client.get("/pages/shipping/").content.decode()
    )


def test_without_shipping_rules_no_delivery_is_claimed(client, demo):
    ShippingRule.objects.all().delete()
    response = client.get("/products/bloating-indigestion-drops/")
    [data] = jsonld_of_type(response, "Product")
    assert "shippingDetails" not in data["offers"][0]
    assert 'class="delivery"' not in response.content.decode()
    assert "Delivery charges" not in client.get("/pages/shipping/").content.decode()


def test_an_archived_product_states_no_delivery(client, demo):
    Product.objects.filter(slug="bloating-indigestion-drops").update(status="archived")
    response = client.get("/products/bloating-indigestion-drops/")
    [data] = jsonld_of_type(response, "Product")
    assert "shippingDetails" not in data["offers"][0]
    assert 'class="delivery"' not in response.content.decode()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"handling_days_min": 3, "handling_days_max": 1}, "handling_days_max"),
        ({"transit_days_min": 9, "transit_days_max": 2}, "transit_days_max"),
        ({"rate": Decimal("-1")}, "rate"),
        ({"rate": Decimal("0"), "free_from": Decimal("100")}, "free_from"),
        ({"transit_days_max": 61}, "transit_days_max"),
        ({"country": "India"}, "country"),
        ({"service": "standard"}, "__all__"),  # one rule per service and country
    ],
)
def test_a_wrong_shipping_rule_is_refused(demo, values, field):
    rule = ShippingRule(service="express", rate=Decimal("10"))
    ShippingRule.objects.filter(service="express").delete()
    for name, value in values.items():
        setattr(rule, name, value)
    with pytest.raises(ValidationError) as caught:
        rule.full_clean()
    assert field in caught.value.message_dict


def test_catalog_managers_keep_shipping_rules_and_others_read_them(client, make_staff):
    """Through the admin: a catalog manager adds a rule (a wrong one comes back with what
    was typed and a message); a content editor may look but not change."""
    manager = make_staff("Catalog managers")
    client.force_login(manager)
    add = reverse("admin:storefront_shippingrule_add")
    data = {
        "service": "standard",
        "country": "IN",
        "rate": "59",
        "currency": "INR",
        "free_from": "",
        "position": "1",
        "handling_days_min": "2",
        "handling_days_max": "1",
        "transit_days_min": "2",
        "transit_days_max": "5",
    }
    response = client.post(add, data)
    assert response.status_code == 200
    assert "The most handling days cannot be fewer than the fewest (2)." in (
        response.content.decode()
    )
    assert 'name="rate" value="59"' in response.content.decode()
    data["handling_days_max"] = "3"
    assert client.post(add, data).status_code == 302
    rule = ShippingRule.objects.get()
    assert rule.delivery_days == (4, 8)
    editor = make_staff("Content editors")
    client.force_login(editor)
    change = reverse("admin:storefront_shippingrule_change", args=[rule.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {**data, "rate": "0"}).status_code == 403
    assert client.post(add, data).status_code == 403
    delete = reverse("admin:storefront_shippingrule_delete", args=[rule.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ShippingRule.objects.get().rate == Decimal("59.00")


def test_a_shipping_rule_change_ends_the_cached_pages(
    client, demo, settings, django_capture_on_commit_callbacks
):
    """Product pages state delivery in their markup, the feed in its items: a changed
    rule ends them in the page cache."""
    settings.PAGE_CACHE_SECONDS = 300
    urls = [FLAGSHIP, "/pages/shipping/", "/feeds/products.xml"]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        ShippingRule.objects.get(service="standard").save()
    assert all(client.get(url)["X-Cache"] != "hit" for url in urls)


# --- Packs --------------------------------------------------------------------------
def test_several_packs_are_a_product_group(client, demo):
    """The flagship's two packs: a ProductGroup with the shared facts once, and one
    Product per pack with its size, SKU and offer (its row on the page, its price)."""
    response = client.get(FLAGSHIP)
    assert jsonld_of_type(response, "Product") == []
    [group] = jsonld_of_type(response, "ProductGroup")
    assert group["productGroupID"] == "muscle-joint-pain-drops"
    assert group["variesBy"] == [f"{SCHEMA}/size"]
    assert group["brand"] == {"@type": "Brand", "name": "Paincare Drops"}
    assert group["manufacturer"]["name"].endswith("(demo)")
    small, large = group["hasVariant"]
    assert [small["size"], large["size"]] == ["30 ml", "60 ml"]
    assert large["name"] == "Paincare Drops for Muscle & Joint Pain, 60 ml"
    assert large["sku"] == "DEMO-MJ-60ML"
    assert large["image"] == group["image"] and large["image"]
    assert large["offers"]["price"] == "949.00"
    assert large["offers"]["url"] == f"http://testserver{FLAGSHIP}#pack-demo-mj-60ml"
    assert large["offers"]["shippingDetails"][0]["shippingRate"]["value"] == "0.00"
    assert "gtin" not in small and "gtin" not in large
    html = response.content.decode()
    assert 'id="pack-demo-mj-30ml"' in html and 'id="pack-demo-mj-60ml"' in html


def test_a_gtin_is_stated_only_where_staff_set_one(client, demo):
    Variant.objects.filter(sku="DEMO-MJ-60ML").update(gtin="8901234567890")
    Variant.objects.filter(sku="DEMO-AC-30ML").update(gtin="89012345")
    [group] = jsonld_of_type(client.get(FLAGSHIP), "ProductGroup")
    assert [variant.get("gtin") for variant in group["hasVariant"]] == [None, "8901234567890"]
    [single] = jsonld_of_type(client.get("/products/acne-free-face-drops/"), "Product")
    assert single["gtin"] == "89012345"


def test_no_offer_states_a_price_valid_until(client, demo):
    """Prices have no end date in the catalog, so no page claims one (and none can be in
    the past)."""
    product = ProductFactory()
    VariantFactory(product=product, compare_at_price=Decimal("999.00"), price=Decimal("499"))
    urls = [p.get_absolute_url() for p in Product.objects.all()]
    for url in urls:
        assert "priceValidUntil" not in client.get(url).content.decode(), url


def test_free_delivery_counts_only_in_the_rules_currency(db):
    rule = ShippingRule(rate=Decimal("49.00"), currency="INR", free_from=Decimal("499.00"))
    assert rule.rate_for(Decimal("499.00"), "INR") == Decimal("0.00")
    assert rule.rate_for(Decimal("498.99"), "INR") == Decimal("49.00")
    assert rule.rate_for(Decimal("600.00"), "USD") == Decimal("49.00")


def test_a_second_rule_for_the_same_service_says_what_to_do(demo):
    rule = ShippingRule(service="express", country="IN", rate=Decimal("99"))
    with pytest.raises(ValidationError) as caught:
        rule.full_clean()
    assert caught.value.messages == [
        "This country already has a rule for this service: change that one instead."
    ]
