"""Staff set the order of products on the home and use pages by dragging the rows of the
product list in the admin."""

import json
import re

import pytest
from django.urls import reverse

from catalog.models import Product, UseCategory
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

UPDATE = "admin:catalog_product_sortable_update"


def product_order(html: str) -> list[str]:
    """The products a page lists, in order, once each."""
    seen = []
    for slug in re.findall(r'href="/products/([\w-]+)/"', html):
        if slug not in seen:
            seen.append(slug)
    return seen


def drag(client, slugs: list[str]):
    """What the changelist's drag and drop sends: each moved row's new position."""
    pks = dict(Product.objects.values_list("slug", "pk"))
    items = [[pks[slug], position] for position, slug in enumerate(slugs, start=1)]
    return client.post(
        reverse(UPDATE), json.dumps({"updatedItems": items}), content_type="application/json"
    )


def test_the_flagship_comes_first(client, demo):
    assert product_order(client.get("/").content.decode()) == [
        "muscle-joint-pain-drops",
        "acne-free-face-drops",
        "anxiety-fear-panic-drops",
        "bloating-indigestion-drops",
        "muscle-pain-ayurvedic-cbd-drops",
    ]
    use_page = client.get("/uses/muscle-joint-pain/").content.decode()
    assert product_order(use_page)[:2] == [
        "muscle-joint-pain-drops",
        "muscle-pain-ayurvedic-cbd-drops",
    ]


def test_a_catalog_manager_reorders_and_the_cached_pages_follow(
    client, demo, make_staff, settings, django_capture_on_commit_callbacks
):
    """A drag in the product list changes the home and use pages at once (the page cache
    ends them) and the API's ``ordering=shop``; it is recorded in each product's history."""
    settings.PAGE_CACHE_SECONDS = 300
    for url in ["/", "/uses/muscle-joint-pain/"]:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
    wanted = [
        "muscle-pain-ayurvedic-cbd-drops",
        "bloating-indigestion-drops",
        "muscle-joint-pain-drops",
        "acne-free-face-drops",
        "anxiety-fear-panic-drops",
    ]
    staff = client_for(make_staff("Catalog managers"))
    with django_capture_on_commit_callbacks(execute=True):
        assert drag(staff, wanted).status_code == 200
    assert product_order(client.get("/").content.decode()) == wanted
    assert product_order(client.get("/uses/muscle-joint-pain/").content.decode())[:2] == [
        "muscle-pain-ayurvedic-cbd-drops",
        "muscle-joint-pain-drops",
    ]
    api = client.get("/api/v1/products/?ordering=shop").json()["results"]
    assert [item["slug"] for item in api] == wanted
    product = Product.objects.get(slug="muscle-pain-ayurvedic-cbd-drops")
    assert product.history.first().position == 1


def test_the_changelist_offers_the_drag_handles(client, demo, make_staff):
    staff = client_for(make_staff("Catalog managers"))
    html = staff.get(reverse("admin:catalog_product_changelist")).content.decode()
    assert reverse(UPDATE) in html
    assert "drag" in html


def client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_staff_who_may_not_change_products_cannot_reorder(client, demo, make_staff):
    before = list(Product.objects.values_list("slug", flat=True))
    reviewer = client_for(make_staff("Content editors"))
    response = drag(reviewer, list(reversed(before)))
    assert response.status_code in (302, 403)
    assert list(Product.objects.values_list("slug", flat=True)) == before


@pytest.mark.parametrize(
    "body",
    ["not json", json.dumps({"updatedItems": [[999999, 1]]}), json.dumps({"updatedItems": 5})],
)
def test_a_broken_reorder_request_is_a_400_that_changes_nothing(client, demo, make_staff, body):
    before = list(Product.objects.values_list("slug", "position"))
    staff = client_for(make_staff("Catalog managers"))
    response = staff.post(reverse(UPDATE), body, content_type="application/json")
    assert response.status_code == 400
    assert list(Product.objects.values_list("slug", "position")) == before


def test_a_new_product_joins_the_end(demo):
    product = ProductFactory(primary_use=UseCategory.objects.get(slug="acne"))
    assert product.position == Product.objects.count()
    assert list(Product.objects.all())[-1] == product


def test_reordering_uses_ends_the_cached_pages_too(
    client, demo, make_staff, settings, django_capture_on_commit_callbacks
):
    """The use tiles are ordered the same way; a drag there ends the cached home page."""
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    pks = dict(UseCategory.objects.values_list("slug", "pk"))
    wanted = ["digestive-comfort", "acne", "anxiety-panic", "muscle-joint-pain"]
    items = [[pks[slug], position] for position, slug in enumerate(wanted, start=1)]
    staff = client_for(make_staff("Catalog managers"))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("admin:catalog_usecategory_sortable_update"),
            json.dumps({"updatedItems": items}),
            content_type="application/json",
        )
    assert response.status_code == 200
    html = client.get("/").content.decode()
    found = re.findall(r'href="/uses/([\w-]+)/"', html)
    assert list(dict.fromkeys(found)) == wanted
