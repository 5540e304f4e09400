import pytest

from compliance.models import PublicationStatus
from tests.factories import (
    ArticleFactory,
    ArticleProductFactory,
    ExerciseFactory,
    ProductFactory,
    UseCategoryFactory,
)

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


def test_article_list_shows_published_articles_only(api):
    """The article list shows published articles, not drafts, reviews or archived."""
    live = ArticleFactory()
    for state in (
        PublicationStatus.DRAFT,
        PublicationStatus.IN_REVIEW,
        PublicationStatus.ARCHIVED,
    ):
        ArticleFactory(status=state)
    assert slugs(api.get("/api/v1/articles/")) == [live.slug]


def test_article_detail_has_sanitised_body_review_and_exercises(api):
    """Article detail gives the body as sanitised HTML, the reviewer, review dates and
    exercises with their dose."""
    article = ArticleFactory(
        slug="backs", body="Hello <script>alert(1)</script> **there**\n\n## Part"
    )
    ExerciseFactory(article=article, name="Bridge", start_repetitions=5, target_repetitions=30)
    data = api.get("/api/v1/articles/backs/").json()
    assert "<script>" not in data["body_html"]
    assert "<strong>there</strong>" in data["body_html"]
    assert "<h2>Part</h2>" in data["body_html"]
    assert data["reviewer_name"] == article.reviewer_name
    assert data["reviewer_credentials"] == "MBBS"
    assert data["reviewed_on"] == article.reviewed_on.isoformat()
    assert data["next_review_due"] == article.next_review_due.isoformat()
    assert data["exercises"][0]["name"] == "Bridge"
    assert data["exercises"][0]["dose"] == "Start with 5 a day, build up to 30"
    assert data["disclaimer"]


def test_related_products_are_published_only_in_order_with_note(api):
    """An article's related products are the published ones, in the article's order,
    with the link's note."""
    article = ArticleFactory(slug="backs")
    second = ArticleProductFactory(article=article, position=2, note="for stiffness")
    first = ArticleProductFactory(article=article, position=1, note="for spasm pain")
    ArticleProductFactory(article=article, product=ProductFactory(status="draft"), position=3)
    ArticleProductFactory(article=article, product=ProductFactory(status="archived"), position=4)
    related = api.get("/api/v1/articles/backs/").json()["related_products"]
    assert [(p["slug"], p["note"]) for p in related] == [
        (first.product.slug, "for spasm pain"),
        (second.product.slug, "for stiffness"),
    ]
    assert related[0]["url"] == f"http://testserver/api/v1/products/{first.product.slug}/"


def test_filter_articles_by_use(api):
    """use= keeps the articles about that use."""
    joints = UseCategoryFactory(slug="joints")
    inside = ArticleFactory(use_categories=[joints])
    ArticleFactory()
    assert slugs(api.get("/api/v1/articles/?use=joints")) == [inside.slug]


def test_filter_articles_by_product(api):
    """product= keeps the articles recommending that product."""
    link = ArticleProductFactory(product=ProductFactory(slug="calm"))
    ArticleFactory()
    assert slugs(api.get("/api/v1/articles/?product=calm")) == [link.article.slug]


def test_search_articles(api):
    """search= finds words in the title, summary or body."""
    ArticleFactory(slug="backs", title="Lower back spasms")
    ArticleFactory(slug="skin", title="Caring for skin", body="Wash gently.")
    assert slugs(api.get("/api/v1/articles/?search=spasms")) == ["backs"]
    assert slugs(api.get("/api/v1/articles/?search=gently")) == ["skin"]


@pytest.mark.parametrize("state", [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW])
def test_unpublished_article_is_404_for_anonymous_callers(api, state):
    """Article drafts and articles in review answer 404 to anonymous callers."""
    ArticleFactory(slug="secret", status=state)
    assert api.get("/api/v1/articles/secret/").status_code == 404


def test_content_editor_previews_an_article_draft(client_for, content_editor, catalog_manager):
    """A content editor reads an article draft; a catalog manager (view only) does not."""
    ArticleFactory(slug="secret", status=PublicationStatus.DRAFT)
    assert client_for(content_editor).get("/api/v1/articles/secret/").status_code == 200
    assert client_for(catalog_manager).get("/api/v1/articles/secret/").status_code == 404


def test_unknown_article_is_404(api):
    """An unknown article slug answers 404."""
    assert api.get("/api/v1/articles/nope/").status_code == 404
