"""What the change page says about an item's approval."""

import pytest
from django.contrib import admin

from catalog.models import Product

pytestmark = pytest.mark.django_db


def approval(product) -> str:
    return admin.site._registry[Product].approval(product)


def test_an_item_loaded_approved_does_not_blame_a_removed_user(demo):
    product = Product.objects.get(slug="muscle-joint-pain-drops")
    assert product.approved_by is None and product.approved_at
    text = approval(product)
    assert text.startswith("Approved on ") and text.endswith("the approver is not on record")


def test_an_approval_names_the_reviewer(demo, make_staff):
    reviewer = make_staff("Claims reviewers", username="rhea")
    product = Product.objects.get(slug="muscle-joint-pain-drops")
    product.approved_by = reviewer
    assert approval(product).startswith("Approved by rhea on ")
    assert approval(Product(name="New")) == "Not approved yet"
