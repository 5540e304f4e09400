"""Each page runs a fixed number of SQL queries, however many rows it shows.

The fixtures give a product 4 uses, 6 variants, 3 images and 8 recommending articles,
and an article 7 exercises and 6 recommended products; anonymous visitors, so no
session or user queries. Every count includes the staff-edited site texts (the
disclaimer), read once on a cold cache (1) and from the cache afterwards.
"""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

from compliance.models import PublicationStatus
from storefront.views import HOME_PRODUCTS
from tests.factories import (
    ArticleFactory,
    ProductFactory,
    ProductImageFactory,
    UseCategoryFactory,
    VariantFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_use(db):
    """A use with 10 products (2 variants and 1 image each) and 5 articles."""
    use = UseCategoryFactory()
    for _ in range(10):
        product = ProductFactory(primary_use=use)
        VariantFactory.create_batch(2, product=product)
        ProductImageFactory(product=product)
    ArticleFactory.create_batch(5, use_categories=[use])
    return use


def test_product_page_query_count(client, rich_product, django_assert_max_num_queries):
    """Product page: product with line and primary use (1), its uses (1), variants (1),
    images (1), ingredients (1), where-to-buy links (1), shipping rules (1), recommending
    published articles with their links (1), site texts (1), the footer's store pages (1)
    = 10."""
    with django_assert_max_num_queries(10):
        response = client.get(rich_product.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["article_links"]) == 8


def test_archived_product_page_query_count(client, rich_product, django_assert_max_num_queries):
    """Archived product page: the 10 above but shipping rules (it sells nothing), plus
    alternatives with line and use (1) and their images (1) = 11."""
    rich_product.status = PublicationStatus.ARCHIVED
    rich_product.save()
    for _ in range(4):
        ProductImageFactory(product=ProductFactory(primary_use=rich_product.primary_use))
    with django_assert_max_num_queries(11):
        response = client.get(rich_product.get_absolute_url())
    assert len(response.context["alternatives"]) == 4


def test_article_page_query_count(client, rich_article, django_assert_max_num_queries):
    """Article page: article (1), its uses (1), exercises (1), product links (1), the
    linked products with line, use and lowest price (1), their images (1), site texts
    (1), the footer's store pages (1) = 8."""
    with django_assert_max_num_queries(8):
        response = client.get(rich_article.get_absolute_url())
    assert len(response.context["product_links"]) == 6
    assert len(response.context["exercises"]) == 7


def test_use_page_query_count(client, busy_use, django_assert_max_num_queries):
    """Use page: the use (1), the count of its products for the pages (1), a page of
    products with lowest price (1), their images (1), its articles (1), site texts (1),
    the footer's store pages (1) = 7."""
    with django_assert_max_num_queries(7):
        response = client.get(busy_use.get_absolute_url())
    assert len(response.context["products"]) == 10


def test_home_page_query_count(client, busy_use, django_assert_max_num_queries):
    """Home: uses (1), products with lowest price (1), their images (1), latest
    articles (1), site texts (1), the footer's store pages (1) = 6."""
    UseCategoryFactory.create_batch(3)
    with django_assert_max_num_queries(6):
        response = client.get("/")
    assert len(response.context["products"]) == HOME_PRODUCTS


def test_article_list_query_count(client, db, django_assert_max_num_queries):
    """Article list: count (1), the page of articles (1), site texts (1), the footer's
    store pages (1) = 4."""
    ArticleFactory.create_batch(15)
    with django_assert_max_num_queries(4):
        client.get("/articles/")


def test_search_query_count(client, busy_use, django_assert_max_num_queries):
    """Search: matching products (1), their images (1), matching articles (1), the
    uses for the ways in (1), site texts (1), the footer's store pages (1) = 6; on
    PostgreSQL, whether a use's name holds the words, for products and for articles (2)."""
    with django_assert_max_num_queries(6 + 2 * (connection.vendor == "postgresql")):
        response = client.get("/search/?q=herbal")
    assert len(response.context["products"]) == 10


def test_sitemap_query_count(client, busy_use, django_assert_max_num_queries):
    """Sitemap: for uses, products, articles and store pages, the paginator's count (1)
    and the rows (1) = 8."""
    with django_assert_max_num_queries(8):
        client.get("/sitemap.xml")


def test_staff_preview_query_count(client, rich_product, django_user_model,
                                   django_assert_max_num_queries):  # fmt: skip
    """Staff preview of a draft: the 10 of the product page plus the session (1), the
    user (1) and their user and group permissions (2) = 14."""
    rich_product.status = PublicationStatus.DRAFT
    rich_product.save()
    staff = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_product"))
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        response = client.get(rich_product.get_absolute_url())
    assert response.context["is_preview"]
