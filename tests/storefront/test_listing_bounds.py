import pytest

from storefront.views import HOME_PRODUCTS, USE_PRODUCTS_PER_PAGE
from tests.factories import ProductFactory, UseCategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_use(db):
    use = UseCategoryFactory(name="Muscle & joint pain", slug="muscle-joint-pain")
    ProductFactory.create_batch(USE_PRODUCTS_PER_PAGE + 6, primary_use=use)
    return use


def test_home_lists_a_bounded_number_of_products(client, big_use):
    """However large the catalog, the home page shows a handful of products."""
    response = client.get("/")
    assert len(response.context["products"]) == HOME_PRODUCTS


def test_use_page_is_paginated(client, big_use):
    """A use with many products shows them a page at a time, with links between pages."""
    first = client.get("/uses/muscle-joint-pain/")
    assert len(first.context["products"]) == USE_PRODUCTS_PER_PAGE
    assert b'rel="next" href="?page=2"' in first.content
    second = client.get("/uses/muscle-joint-pain/?page=2")
    assert len(second.context["products"]) == 6
    assert b'rel="prev" href="?page=1"' in second.content
    assert b"page 2" in second.content  # the title says which page
    assert (
        b'<link rel="canonical" href="http://testserver/uses/muscle-joint-pain/?page=2">'
        in second.content
    )
    first_names = {p.name for p in first.context["products"]}
    assert first_names.isdisjoint(p.name for p in second.context["products"])


@pytest.mark.parametrize("page", ["3", "0", "abc", "-1", "99999999999999999999"])
def test_pages_that_do_not_exist_are_404(client, big_use, page):
    """A page past the end, or not a page number at all, is a 404."""
    assert client.get(f"/uses/muscle-joint-pain/?page={page}").status_code == 404
