import pytest
from django.urls import reverse

from articles.models import Article, ArticleProduct
from catalog.models import Product
from tests.admin.forms import add_inline_row, form_data

pytestmark = pytest.mark.django_db


def test_link_a_product_from_the_article_page(admin_client, demo):
    """Adding a recommended product on the article's admin page appends it to the article."""
    article = Article.objects.get(slug="lower-back-spasms-exercises")
    product = Product.objects.get(slug="anxiety-fear-panic-drops")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(admin_client.get(url), "article_form")
    add_inline_row(data, "product_links", product=product.pk, note="For tense shoulders.")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    links = list(article.product_links.values_list("product__slug", "position", "note"))
    assert links == [
        ("muscle-pain-ayurvedic-cbd-drops", 1, "For when a spasm strikes."),
        ("muscle-joint-pain-drops", 2, "Everyday support for sore muscles and stiff joints."),
        ("anxiety-fear-panic-drops", 3, "For tense shoulders."),
    ]


def test_reorder_links_from_the_article_page(admin_client, demo):
    """Changing the positions on the article's page changes the order shoppers see."""
    article = Article.objects.get(slug="lower-back-spasms-exercises")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(admin_client.get(url), "article_form")
    data["product_links-0-position"], data["product_links-1-position"] = ["2"], ["1"]
    assert admin_client.post(url, data).status_code == 302
    assert list(article.product_links.values_list("product__slug", flat=True)) == [
        "muscle-joint-pain-drops",
        "muscle-pain-ayurvedic-cbd-drops",
    ]


def test_link_an_article_from_the_product_page(admin_client, demo):
    """Adding an article on the product's admin page links it, at the end of the article's list."""
    article = Article.objects.get(slug="lower-back-spasms-exercises")
    product = Product.objects.get(slug="bloating-indigestion-drops")
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = form_data(admin_client.get(url), "product_form")
    add_inline_row(data, "article_links", article=article.pk, note="After heavy meals.")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    link = ArticleProduct.objects.get(article=article, product=product)
    assert (link.position, link.note) == (3, "After heavy meals.")


def test_the_same_pair_cannot_be_linked_twice(admin_client, demo):
    """Linking a product already linked to the article is refused with a message."""
    article = Article.objects.get(slug="lower-back-spasms-exercises")
    product = Product.objects.get(slug="muscle-joint-pain-drops")
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = form_data(admin_client.get(url), "product_form")
    add_inline_row(data, "article_links", article=article.pk, note="Twice.")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][-1].formset
    assert "duplicate data for article" in str(formset.non_form_errors())
    assert b'value="Twice."' in response.content  # what was typed is kept
    assert ArticleProduct.objects.filter(article=article, product=product).count() == 1


def test_saving_a_product_unchanged_keeps_its_data(admin_client, demo):
    """Posting the product form as it is changes nothing visible (the form round-trips)."""
    product = Product.objects.get(slug="acne-free-face-drops")
    url = reverse("admin:catalog_product_change", args=[product.pk])
    before = (product.description, product.variants.get().price, product.images.count())
    response = admin_client.post(url, form_data(admin_client.get(url), "product_form"))
    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.description, product.variants.get().price, product.images.count()) == before
