"""A list filter naming an unpublished product answers exactly as one naming nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    ArticleProductFactory,
    ProductFactory,
    ProductLineFactory,
    UseCategoryFactory,
)

pytestmark = pytest.mark.django_db

UNPUBLISHED = {
    "draft": {"status": "draft", "published_at": None},
    "in-review": {"status": "in_review", "published_at": None},
    "scheduled": {"status": "published", "published_at": timezone.now() + timedelta(days=3)},
    "archived": {"status": "archived"},
}


@pytest.fixture(params=UNPUBLISHED, ids=list(UNPUBLISHED))
def hidden_product(request):
    """An unpublished product recommended by a published article."""
    product = ProductFactory(slug="secret-formula", **UNPUBLISHED[request.param])
    ArticleProductFactory(article=ArticleFactory(slug="published-guide"), product=product)
    return product


def same_answer(client, url: str, hidden: str, nothing: str = "no-such-product"):
    named, unknown = client.get(url + hidden), client.get(url + nothing)
    assert (named.status_code, named.content) == (unknown.status_code, unknown.content)
    assert named.status_code == 200
    assert named.json()["results"] == []
    return named


def test_anonymous_product_filter_cannot_tell_an_unpublished_product_exists(api, hidden_product):
    """/articles/?product=<unpublished product> answers byte for byte as an unknown slug."""
    same_answer(api, "/api/v1/articles/?product=", hidden_product.slug)


def test_staff_who_cannot_preview_products_cannot_tell_either(
    client_for, content_editor, hidden_product
):
    """A content editor (no right to preview products) gets the same answer as for nothing."""
    same_answer(client_for(content_editor), "/api/v1/articles/?product=", hidden_product.slug)


def test_staff_who_preview_products_see_articles_recommending_a_draft(client_for, catalog_manager):
    """A catalog manager, who previews product drafts, sees the articles recommending one."""
    draft = ProductFactory(slug="secret-formula", status="draft", published_at=None)
    ArticleProductFactory(article=ArticleFactory(slug="published-guide"), product=draft)
    response = client_for(catalog_manager).get("/api/v1/articles/?product=secret-formula")
    assert [a["slug"] for a in response.json()["results"]] == ["published-guide"]


def test_published_product_still_filters_articles(api):
    """A published product's slug keeps the articles recommending it."""
    link = ArticleProductFactory(product=ProductFactory(slug="calm"))
    response = api.get("/api/v1/articles/?product=calm")
    assert [a["slug"] for a in response.json()["results"]] == [link.article.slug]


@pytest.mark.parametrize("name", ["use", "line"])
def test_use_and_line_with_only_unpublished_products_answer_as_nothing(api, name):
    """Uses and lines are always live; one whose products are all unpublished answers as
    one without products does: an empty list (an unknown slug is a 400)."""
    use, line = UseCategoryFactory(slug="secret-use"), ProductLineFactory(slug="secret-line")
    UseCategoryFactory(slug="empty-use"), ProductLineFactory(slug="empty-line")
    ProductFactory(status="draft", published_at=None, primary_use=use, line=line)
    same_answer(api, f"/api/v1/products/?{name}=", f"secret-{name}", f"empty-{name}")
