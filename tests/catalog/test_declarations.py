"""The declarations Indian law asks a listing to carry: shown on the product page, in the
API and in JSON-LD; publishing is refused while one is missing, at every door."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalog.declarations import CAUTION, CAUTION_HI, missing_declarations
from catalog.models import Ingredient, Product, Variant
from compliance import workflow
from compliance.models import PublicationStatus, SiteSettings
from tests.admin.forms import form_data, post_form
from tests.factories import ProductFactory, VariantFactory
from tests.storefront.conftest import jsonld_of_type

pytestmark = pytest.mark.django_db

SECTION = "Product information required by law"


def test_every_demo_product_declares_everything(demo):
    """The demo data fills every declaration (marked as demo values)."""
    products = Product.objects.prefetch_related("variants", "ingredients")
    assert products.count() == 5
    for product in products:
        assert (
            missing_declarations(product, product.variants.all(), product.ingredients.all()) == []
        )
    assert "(demo)" in SiteSettings.objects.get().manufacturer_name
    assert all(p.licence_number.startswith("DEMO-") for p in products)


def test_the_product_page_shows_the_declarations(client, demo):
    html = client.get("/products/muscle-joint-pain-drops/").content.decode()
    section = html[html.index(SECTION) :]
    for text in [
        "Herbal oral drops",
        "Ayurvedic medicine: Ayurvedic proprietary medicine",
        "DEMO-AYU-MJ-2026",
        "Manufactured by",
        "Demo Herbal Laboratories Pvt. Ltd. (demo)",
        "Bengaluru 560099, Karnataka, India",
        "Country of origin</dt><dd>India",
        "30 ml: MRP ₹599 (incl. of all taxes)",
        "24 months from the date of manufacture",
        '<a href="tel:+918000000000">+91 80 0000 0000</a>',
        '<a href="mailto:care@example.com">care@example.com</a>',
        "Nirgundi <i>(Vitex negundo)</i></th><td>leaf</td><td>100 mg per ml</td>",
    ]:
        assert text in section, text
    assert CAUTION not in html  # no Schedule E(1) ingredient in these drops


def test_the_price_row_shows_the_mrp_inclusive_of_taxes(client, demo):
    html = client.get("/products/muscle-joint-pain-drops/").content.decode()
    assert '₹549<span class="variants__mrp">MRP ₹599, incl. of all taxes</span>' in html
    html = client.get("/products/acne-free-face-drops/").content.decode()
    assert '₹499<span class="variants__mrp">MRP, incl. of all taxes</span>' in html


def test_a_schedule_e1_ingredient_brings_the_caution_in_english_and_hindi(client, demo):
    html = client.get("/products/muscle-pain-ayurvedic-cbd-drops/").content.decode()
    assert f'<p class="caution"><strong>{CAUTION}</strong></p>' in html
    assert f'<p class="caution" lang="hi"><strong>{CAUTION_HI}</strong></p>' in html


def test_a_product_names_its_own_maker_instead_of_the_brand(client, demo):
    Product.objects.filter(slug="acne-free-face-drops").update(
        manufacturer_name="Other Works LLP",
        manufacturer_address="Unit 4, Sample Estate\nPune 411001",
        packer_name="Pack House",
        packer_address="Unit 9, Pune",
    )
    html = client.get("/products/acne-free-face-drops/").content.decode()
    assert "<dt>Manufactured by</dt><dd>Other Works LLP<br>Unit 4, Sample Estate<br>Pune" in html
    assert "<dt>Packed by</dt><dd>Pack House<br>Unit 9, Pune</dd>" in html
    assert "Demo Herbal Laboratories" not in html


def test_jsonld_names_the_manufacturer_and_country(client, demo):
    [product] = jsonld_of_type(client.get("/products/muscle-joint-pain-drops/"), "ProductGroup")
    assert product["manufacturer"] == {
        "@type": "Organization",
        "name": "Demo Herbal Laboratories Pvt. Ltd. (demo)",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Demo address: Plot 12, Example Industrial Area, Phase 2, "
            "Bengaluru 560099, Karnataka, India",
        },
    }
    assert product["countryOfOrigin"] == {"@type": "Country", "name": "India"}


def test_the_api_gives_partners_every_declaration(client, demo):
    data = client.get("/api/v1/products/muscle-pain-ayurvedic-cbd-drops/").json()
    declared = data["declarations"]
    assert declared["generic_name"] == "Ayurvedic oil drops"
    assert declared["ayurvedic_medicine"] is True
    assert declared["licence_number"] == "DEMO-AYU-CBD-2026"
    assert declared["parties"][0]["role"] == "Manufactured by"
    assert declared["packs"] == [
        {"sku": "DEMO-CBD-30ML", "net_quantity": "30 ml", "mrp": "1499.00", "currency": "INR"}
    ]
    assert declared["consumer_care"]["email"] == "care@example.com"
    assert declared["best_before"] == "24 months from the date of manufacture"
    assert declared["ingredients"][0]["needs_medical_supervision"] is True
    assert declared["cautions"] == [
        {"text": CAUTION, "language": "en"},
        {"text": CAUTION_HI, "language": "hi"},
    ]
    assert data["variants"][0]["mrp"] == "1499.00"


# --- Publishing is refused while a declaration is missing ------------------------
@pytest.fixture
def incomplete():
    """A product in review without a generic name or ingredients."""
    product = ProductFactory(
        slug="calm", status=PublicationStatus.IN_REVIEW, generic_name="", ingredients=[]
    )
    VariantFactory(product=product, sku="CALM-30")
    return product


def test_the_api_refuses_to_publish_naming_what_is_missing(client_for, claims_reviewer, incomplete):
    response = client_for(claims_reviewer).patch(
        "/api/v1/products/calm/", {"status": "published"}, format="json"
    )
    assert response.status_code == 400
    message = response.json()["message"]
    assert "the common or generic name" in message
    assert "the ingredients with their quantities" in message
    assert Product.objects.get(slug="calm").status == PublicationStatus.IN_REVIEW


def test_the_api_publishes_once_the_declarations_are_there(
    client_for, claims_reviewer, catalog_manager, incomplete
):
    api = client_for(catalog_manager)
    assert api.patch(
        "/api/v1/products/calm/", {"generic_name": "Herbal oral drops"}
    ).status_code in (
        200,
        202,
    )
    added = api.post(
        "/api/v1/ingredients/",
        {"product": "calm", "name": "Brahmi", "part_used": "leaf", "quantity": "80 mg per ml"},
        format="json",
    )
    assert added.status_code in (201, 202), added.json()
    response = client_for(claims_reviewer).patch(
        "/api/v1/products/calm/", {"status": "published"}, format="json"
    )
    assert response.status_code == 200, response.json()


def test_creating_a_published_product_through_the_api_needs_its_declarations(
    client_for, admin_user, incomplete
):
    payload = {
        "name": "New drops",
        "slug": "new-drops",
        "line": incomplete.line.slug,
        "primary_use": incomplete.primary_use.slug,
        "status": "published",
    }
    response = client_for(admin_user).post("/api/v1/products/", payload, format="json")
    assert response.status_code == 400
    assert "the manufacturing licence number" in response.json()["message"]
    assert not Product.objects.filter(slug="new-drops").exists()


def test_the_admin_refuses_to_publish_naming_what_is_missing(client, claims_reviewer, incomplete):
    client.force_login(claims_reviewer)
    url = reverse("admin:catalog_product_change", args=[incomplete.pk])
    response = post_form(client, url, "product_form", status="published")
    assert response.status_code == 200  # the form again, with what was typed
    html = response.content.decode()
    assert "the common or generic name" in html
    assert "the ingredients with their quantities" in html
    assert Product.objects.get(pk=incomplete.pk).status == PublicationStatus.IN_REVIEW


def test_the_admin_publishes_with_ingredients_added_inline(client, make_staff, incomplete):
    from django.contrib.auth.models import Permission

    reviewer = make_staff("Claims reviewers")
    reviewer.user_permissions.add(*Permission.objects.filter(codename__endswith="_ingredient"))
    client.force_login(reviewer)
    url = reverse("admin:catalog_product_change", args=[incomplete.pk])
    data = form_data(client.get(url), "product_form")
    data["generic_name"] = ["Herbal oral drops"]
    data["status"] = ["published"]
    data["ingredients-TOTAL_FORMS"] = ["1"]
    for name, value in {
        "name": "Brahmi",
        "botanical_name": "Bacopa monnieri",
        "part_used": "whole plant",
        "quantity": "80 mg per ml",
        "position": "1",
    }.items():
        data[f"ingredients-0-{name}"] = [value]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    product = Product.objects.get(pk=incomplete.pk)
    assert product.status == PublicationStatus.PUBLISHED
    assert [i.name for i in product.ingredients.all()] == ["Brahmi"]


def test_approving_a_revision_that_drops_a_declaration_is_refused(
    client_for, catalog_manager, claims_reviewer
):
    """A live product: a catalog manager's change emptying the licence number is refused
    when sent (the workflow checks content as it would go live)."""
    ProductFactory(slug="calm")
    response = client_for(catalog_manager).patch(
        "/api/v1/products/calm/", {"licence_number": ""}, format="json"
    )
    assert response.status_code == 400
    assert "the manufacturing licence number" in response.json()["message"]


def test_the_last_ingredient_of_a_live_product_cannot_be_removed(client_for, admin_user):
    product = ProductFactory(slug="calm")
    [ingredient] = product.ingredients.all()
    response = client_for(admin_user).delete(f"/api/v1/ingredients/{ingredient.pk}/")
    assert response.status_code == 400
    assert "the ingredients with their quantities" in response.json()["message"]
    assert Ingredient.objects.filter(pk=ingredient.pk).exists()


def test_a_catalog_managers_ingredient_change_on_a_live_product_waits_for_review(
    client_for, catalog_manager
):
    product = ProductFactory(slug="calm")
    [ingredient] = product.ingredients.all()
    response = client_for(catalog_manager).patch(
        f"/api/v1/ingredients/{ingredient.pk}/", {"quantity": "500 mg per ml"}, format="json"
    )
    assert response.status_code == 202
    assert Ingredient.objects.get(pk=ingredient.pk).quantity == "50 mg per ml"
    assert workflow.pending_revision(product) is not None


def test_an_ayurvedic_plant_needs_its_part_used(claims_reviewer):
    product = ProductFactory(
        status=PublicationStatus.IN_REVIEW,
        ingredients=[("Neem", "Azadirachta indica", "", "80 mg per ml")],
    )
    with pytest.raises(ValidationError) as refused:
        workflow.submit(item=product, user=claims_reviewer, status=PublicationStatus.PUBLISHED)
    assert "the part used of \u201cNeem\u201d" in " ".join(refused.value.messages)


# --- The MRP ------------------------------------------------------------------
def test_a_price_above_the_mrp_is_refused_with_the_field(client_for, catalog_manager):
    VariantFactory(sku="CALM-30", price=Decimal("499.00"), mrp=Decimal("549.00"))
    response = client_for(catalog_manager).patch(
        "/api/v1/variants/CALM-30/", {"price": "599.00"}, format="json"
    )
    assert response.status_code == 400
    assert "above the MRP" in response.json()["errors"]["price"][0]
    assert Variant.objects.get(sku="CALM-30").price == Decimal("499.00")


def test_the_variants_page_refuses_a_price_above_the_mrp(client, catalog_manager):
    variant = VariantFactory(sku="CALM-30", price=Decimal("499.00"), mrp=Decimal("549.00"))
    client.force_login(catalog_manager)
    url = reverse("admin:catalog_variant_change", args=[variant.pk])
    response = post_form(client, url, "variant_form", price="650.00")
    assert response.status_code == 200
    assert "above the MRP" in response.content.decode()
    assert Variant.objects.get(pk=variant.pk).price == Decimal("499.00")


# --- Site settings ------------------------------------------------------------
def test_site_settings_keep_the_details_live_products_rely_on(client, admin_user):
    ProductFactory(name="Calm drops")
    client.force_login(admin_user)
    url = reverse("admin:compliance_sitesettings_change", args=[1])
    response = post_form(client, url, "sitesettings_form", manufacturer_name="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "\u201cCalm drops\u201d would lose the manufacturer" in html
    assert SiteSettings.objects.get().manufacturer_name == "Test Herbals Pvt. Ltd."


def test_site_settings_may_drop_a_detail_every_product_has_its_own(client, admin_user):
    ProductFactory(manufacturer_name="Own Works", manufacturer_address="Unit 1, Pune")
    client.force_login(admin_user)
    url = reverse("admin:compliance_sitesettings_change", args=[1])
    response = post_form(
        client, url, "sitesettings_form", manufacturer_name="", manufacturer_address=""
    )
    assert response.status_code == 302
    assert SiteSettings.objects.get().manufacturer_name == ""
