import pytest

from tests.factories import ArticleFactory, ProductFactory, UseCategoryFactory

pytestmark = pytest.mark.django_db


def test_search_groups_products_and_articles_and_keeps_the_query(client, demo):
    """A search shows matching drops and guides in their own groups, and the query
    stays in the field."""
    response = client.get("/search/", {"q": "back"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="product-results"' in page
    assert 'id="article-results"' in page
    assert "/articles/lower-back-spasms-exercises/" in page
    assert 'name="q" type="search" value="back"' in page
    assert [a.slug for a in response.context["articles"]] == ["lower-back-spasms-exercises"]


def test_search_matches_products_by_use_and_ingredient(client, db):
    """Products are found by their use's name and by an ingredient."""
    use = UseCategoryFactory(name="Sleepless nights")
    product = ProductFactory(primary_use=use, key_ingredients="Valerian root")
    assert list(client.get("/search/?q=sleepless").context["products"]) == [product]
    assert list(client.get("/search/?q=valerian").context["products"]) == [product]


def test_search_hides_unpublished_and_archived(client, db):
    """Drafts, items in review and archived items are not found."""
    for status in ("draft", "in_review", "archived"):
        ProductFactory(name=f"Secret {status} drops", status=status)
        ArticleFactory(title=f"Secret {status} guide", status=status)
    response = client.get("/search/?q=secret")
    assert list(response.context["products"]) == []
    assert list(response.context["articles"]) == []


def test_search_without_results_offers_the_uses(client, demo):
    """No results: a helpful message and the four uses as ways in."""
    response = client.get("/search/?q=zebra")
    page = response.content.decode()
    assert "Nothing matched “zebra”" in page
    assert page.count('class="use-tile ') == 4


def test_empty_search_offers_the_uses(client, demo):
    """An empty search shows the uses as ways in rather than every product."""
    response = client.get("/search/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="use-tile ') == 4
    assert response.context["products"] == []


@pytest.mark.parametrize(
    "query",
    [
        "a" * 5000,
        "\x00\x01 back \x7f",
        "%",
        "_",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "   ",
        "🌿💧",
        "\\",
        "back\u202eevil",
    ],
)
def test_odd_search_input_never_fails(client, demo, query):
    """Long, binary, wildcard, injected or markup input answers 200 and is escaped."""
    response = client.get("/search/", {"q": query})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)" not in page
    assert len(response.context["query"]) <= 100
    assert "\x00" not in response.context["query"]


def test_search_repeated_parameter_and_bad_encoding(client, demo):
    """A repeated q or a query string that is not UTF-8 still answers 200."""
    assert client.get("/search/?q=back&q=skin").status_code == 200
    assert client.get("/search/?q=%ff%fe%fd").status_code == 200


def test_wildcards_are_literal(client, demo):
    """% and _ match themselves, not everything."""
    assert list(client.get("/search/?q=%25").context["products"]) == []
    assert list(client.get("/search/?q=_").context["products"]) == []
