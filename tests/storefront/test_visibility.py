import pytest
from django.contrib.auth.models import Permission

from compliance.models import PublicationStatus
from tests.factories import (
    ArticleFactory,
    ArticleProductFactory,
    ProductFactory,
    UseCategoryFactory,
    VariantFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW]


@pytest.fixture
def product_editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="change_product"),
        Permission.objects.get(codename="change_article"),
    )
    return user


@pytest.mark.parametrize("status", HIDDEN)
def test_unpublished_product_is_404_for_the_public(client, status):
    """Drafts and products in review are 404 to shoppers."""
    product = ProductFactory(status=status, published_at=None)
    assert client.get(product.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("status", HIDDEN)
def test_unpublished_article_is_404_for_the_public(client, status):
    """Draft articles and articles in review are 404 to shoppers."""
    article = ArticleFactory(status=status, published_at=None)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_unknown_slugs_are_404(client, db):
    """Unknown product and article slugs are 404."""
    assert client.get("/products/no-such-drops/").status_code == 404
    assert client.get("/articles/no-such-guide/").status_code == 404


def test_staff_without_change_permission_get_404(client, django_user_model):
    """Staff who may not change products cannot preview a draft."""
    product = ProductFactory(status=PublicationStatus.DRAFT, published_at=None)
    user = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(product.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("status", HIDDEN)
def test_staff_preview_product_with_banner(client, product_editor, status):
    """Staff who may change products see a draft or in-review product with a preview
    banner, and the page asks search engines not to index it."""
    product = ProductFactory(status=status, published_at=None)
    client.force_login(product_editor)
    response = client.get(product.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview — not public." in page
    assert '<meta name="robots" content="noindex">' in page


def test_staff_preview_article_with_banner(client, product_editor):
    """Staff who may change articles preview a draft article with the banner."""
    article = ArticleFactory(status=PublicationStatus.DRAFT, published_at=None)
    client.force_login(product_editor)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Preview — not public." in response.content.decode()


def test_published_pages_have_no_preview_banner_for_staff(client, product_editor):
    """A published product shows no preview banner, even to staff."""
    product = ProductFactory()
    client.force_login(product_editor)
    assert "Preview — not public" not in client.get(product.get_absolute_url()).content.decode()


def test_archived_product_keeps_its_page_with_notice_and_alternatives(client, db):
    """An archived product still answers 200, says it is no longer available and shows
    the published drops of the same use as alternatives."""
    use, other_use = UseCategoryFactory.create_batch(2)
    archived = ProductFactory(primary_use=use, status=PublicationStatus.ARCHIVED, name="Old drops")
    VariantFactory(product=archived)
    alternative = ProductFactory(primary_use=use, name="New drops")
    unrelated = ProductFactory(primary_use=other_use, name="Other drops")
    draft = ProductFactory(primary_use=use, status=PublicationStatus.DRAFT, name="Draft drops")
    response = client.get(archived.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "This product is no longer available" in page
    assert "No longer available" in page
    assert list(response.context["alternatives"]) == [alternative]
    assert alternative.get_absolute_url() in page
    assert unrelated.get_absolute_url() not in page
    assert draft.get_absolute_url() not in page
    assert "Preview — not public" not in page


def test_archived_product_leaves_every_listing(client, db):
    """An archived product is absent from home, its use page, search and articles."""
    use = UseCategoryFactory()
    archived = ProductFactory(
        primary_use=use, status=PublicationStatus.ARCHIVED, name="Retired drops"
    )
    article = ArticleFactory()
    ArticleProductFactory(article=article, product=archived)
    url = archived.get_absolute_url()
    for page_url in ("/", use.get_absolute_url(), "/search/?q=Retired", article.get_absolute_url()):
        assert url not in client.get(page_url).content.decode(), page_url


def test_archived_article_is_not_listed(client, db):
    """Archived articles leave the article list and the home page."""
    article = ArticleFactory(status=PublicationStatus.ARCHIVED)
    assert article.get_absolute_url() not in client.get("/articles/").content.decode()
    assert article.get_absolute_url() not in client.get("/").content.decode()
