from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from catalog.models import Product, Variant
from compliance.models import PublicationStatus
from core.markdown import render_markdown
from tests.admin.forms import form_data
from tests.factories import ProductFactory, UseCategoryFactory, VariantFactory

pytestmark = pytest.mark.django_db


def test_negative_price_is_refused_by_the_database():
    """The database itself refuses a negative price, whatever code writes it."""
    variant = VariantFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Variant.objects.filter(pk=variant.pk).update(price=Decimal("-1.00"))


def test_sku_is_unique_in_the_database():
    """Two variants cannot share a SKU."""
    VariantFactory(sku="DUP-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        VariantFactory(sku="DUP-1")


def test_compare_at_price_must_be_above_the_price():
    """A compare-at price at or below the price is refused by the model and the database."""
    variant = VariantFactory(price=Decimal("100.00"))
    variant.compare_at_price = Decimal("90.00")
    with pytest.raises(ValidationError, match="compare-at price must be higher"):
        variant.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        variant.save()


def test_in_stock_needs_stock():
    """A variant marked in stock with nothing in stock is refused with advice."""
    variant = VariantFactory.build(stock_quantity=0, product=ProductFactory())
    with pytest.raises(ValidationError, match="Stock is 0"):
        variant.full_clean()


def test_currency_defaults_from_settings(settings):
    """New variants take the catalog's default currency."""
    settings.CATALOG_DEFAULT_CURRENCY = "EUR"
    assert Variant().currency == "EUR"


def test_only_published_products_whose_time_has_come_are_public():
    """Drafts, items in review, archived and scheduled products are not listed."""
    from datetime import timedelta

    from django.utils import timezone

    live = ProductFactory()
    ProductFactory(status=PublicationStatus.DRAFT)
    ProductFactory(status=PublicationStatus.IN_REVIEW)
    archived = ProductFactory(status=PublicationStatus.ARCHIVED)
    ProductFactory(published_at=timezone.now() + timedelta(days=2))
    assert list(Product.objects.published()) == [live]
    assert set(Product.objects.reachable()) == {live, archived}


def test_publishing_without_a_date_publishes_now():
    """A product published with no date gets the current time."""
    product = ProductFactory(status=PublicationStatus.DRAFT, published_at=None)
    product.status = PublicationStatus.PUBLISHED
    product.save()
    assert product.published_at is not None and product.is_public


def test_description_markdown_is_rendered_and_sanitised():
    """Markdown becomes HTML; scripts, event handlers and javascript: links are removed."""
    html = render_markdown(
        "## Use\n\n**Shake** well. <script>alert(1)</script> "
        '<a href="javascript:alert(1)" onclick="x()">x</a> [ok](https://example.org)'
    )
    assert "<h2>Use</h2>" in html and "<strong>Shake</strong>" in html
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    assert 'href="https://example.org" rel="noopener noreferrer"' in html


def test_primary_use_must_be_one_of_the_uses(admin_client):
    """The admin refuses a primary use the product is not listed under, keeping the input."""
    product = ProductFactory()
    other = UseCategoryFactory(name="Other use")
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = form_data(admin_client.get(url), "product_form")
    data["primary_use"] = [str(other.pk)]
    data["tagline"] = ["A tagline I typed"]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "must be one of the product" in str(response.context["adminform"].form.errors)
    assert b"A tagline I typed" in response.content


def test_product_history_records_who_changed_what(admin_client, admin_user):
    """Saving a product in the admin adds a history record naming the user."""
    product = ProductFactory(tagline="Old")
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = form_data(admin_client.get(url), "product_form")
    data["tagline"] = ["New"]
    assert admin_client.post(url, data).status_code == 302
    latest = product.history.first()
    assert (latest.tagline, latest.history_user) == ("New", admin_user)
    assert latest.diff_against(latest.prev_record).changed_fields == ["tagline"]


def test_gtin_must_be_a_barcode_number():
    """A GTIN has 8, 12, 13 or 14 digits."""
    variant = VariantFactory(gtin="")
    variant.gtin = "12345"
    with pytest.raises(ValidationError, match="8, 12, 13 or 14 digits"):
        variant.full_clean()
    variant.gtin = "8901234567890"
    variant.full_clean()
