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


def test_use_page_reads_one_page_without_counting_the_listing(
    client, big_use, django_assert_max_num_queries
):
    """A page of drops is read with LIMIT per page + 1, never a COUNT of every product of
    the use: its cost is that of one page, however many products the use has."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/uses/muscle-joint-pain/?page=2")
    sql = [q["sql"].upper() for q in queries.captured_queries]
    assert not any("COUNT(" in q for q in sql)
    assert any(f"LIMIT {USE_PRODUCTS_PER_PAGE + 1}" in q for q in sql)
    assert "Page 2</li>" in response.content.decode()
    assert not response.context["page_obj"].has_next()


def test_a_use_page_with_one_page_of_drops_shows_no_pager(client, db):
    use = UseCategoryFactory(name="Acne", slug="acne")
    ProductFactory.create_batch(USE_PRODUCTS_PER_PAGE, primary_use=use)
    response = client.get("/uses/acne/")
    assert len(response.context["products"]) == USE_PRODUCTS_PER_PAGE
    assert b'class="pagination"' not in response.content


def test_an_empty_use_page_is_found(client, db):
    """A use with no published drops yet is a page that says so, not a 404."""
    UseCategoryFactory(name="Sleep", slug="sleep")
    assert client.get("/uses/sleep/").status_code == 200
    assert client.get("/uses/sleep/?page=2").status_code == 404
