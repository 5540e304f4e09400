"""The history pages: every reviewed model keeps one, its "changed by" never leads to a
page the reader may not open, and reverting cannot bypass the workflow."""

import pytest
from django.urls import reverse

from catalog.models import Product, ProductImage, ProductLine, UseCategory
from compliance import workflow
from tests.factories import ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [ProductImage, UseCategory, ProductLine])
def test_images_uses_and_lines_keep_a_history(model):
    """Product images, use categories and product lines record their changes."""
    image = ProductImageFactory()
    obj = {
        ProductImage: image,
        UseCategory: image.product.primary_use,
        ProductLine: image.product.line,
    }[model]
    obj.save()
    assert obj.history.exists()


def test_changed_by_is_plain_text_for_staff_who_may_not_see_users(
    client, content_editor, claims_reviewer
):
    """A content editor reading a product's history sees who changed it, not a link to a
    user page that would answer 403."""
    product = ProductFactory(tagline="Live.")
    content, _ = workflow.current_content(product)
    content["fields"]["tagline"] = "Approved change."
    workflow.submit(item=product, user=claims_reviewer, content=content)
    client.force_login(content_editor)
    page = client.get(reverse("admin:catalog_product_history", args=[product.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert claims_reviewer.username in html
    assert "/admin/auth/user/" not in html


def test_reverting_a_reviewed_item_from_its_history_is_refused(client, admin_user, admin_client):
    """Posting an old version from the history page is refused: live content changes only
    through the workflow."""
    product = ProductFactory(tagline="First.")
    Product.objects.filter(pk=product.pk).update(tagline="Second.")
    product.refresh_from_db()
    product.save()
    old = product.history.order_by("history_date").first()
    url = reverse("admin:catalog_product_simple_history", args=[product.pk, old.history_id])
    page = admin_client.get(url)
    assert (
        page.status_code == 200 and "Revert" not in page.content.decode().split("<title>")[1][:80]
    )
    response = admin_client.post(url, {"tagline": "First."})
    assert response.status_code == 403
    assert Product.objects.get(pk=product.pk).tagline == "Second."
