import pytest
from django.urls import reverse

from articles.models import Article
from catalog.models import Variant
from compliance.models import PublicationStatus
from tests.admin.forms import form_data

pytestmark = pytest.mark.django_db


def test_content_editor_cannot_change_a_price(client, demo, content_editor):
    """A content editor sees a variant read-only and cannot post a new price."""
    variant = Variant.objects.get(sku="DEMO-MJ-30ML")
    client.force_login(content_editor)
    url = reverse("admin:catalog_variant_change", args=[variant.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="price"' not in page.content  # shown read-only
    response = client.post(url, {"price": "1.00", "sku": variant.sku, "pack_size": "30 ml"})
    assert response.status_code == 403
    variant.refresh_from_db()
    assert str(variant.price) == "549.00"


def test_content_editor_cannot_change_a_price_from_the_product_page(client, demo, content_editor):
    """Posting the product page with a new variant price is refused for a content editor."""
    variant = Variant.objects.get(sku="DEMO-MJ-30ML")
    client.force_login(content_editor)
    url = reverse("admin:catalog_product_change", args=[variant.product_id])
    response = client.post(url, {"variants-0-price": "1.00"})
    assert response.status_code == 403
    variant.refresh_from_db()
    assert str(variant.price) == "549.00"


def test_content_editor_edits_articles_and_their_links(client, demo, content_editor):
    """A content editor can change an article in review and the products it recommends."""
    article = Article.objects.get(slug="lower-back-spasms-exercises")
    Article.objects.filter(pk=article.pk).update(status=PublicationStatus.IN_REVIEW)
    client.force_login(content_editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url), "article_form")
    data["summary"] = ["A shorter summary."]
    data["product_links-0-note"] = ["Quick relief during a spasm."]
    response = client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.summary == "A shorter summary."
    assert article.product_links.first().note == "Quick relief during a spasm."


def test_catalog_manager_cannot_edit_an_article(client, demo, catalog_manager):
    """A catalog manager may read articles but posting a change is refused."""
    article = Article.objects.get(slug="lower-back-spasms-exercises")
    client.force_login(catalog_manager)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Changed", "summary": "x", "body": "x"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title.startswith("Lower back spasms")
    assert client.get(reverse("admin:articles_article_add")).status_code == 403


def test_catalog_manager_changes_a_price(client, demo, catalog_manager):
    """A catalog manager changes a variant's price and stock from the variant list."""
    variant = Variant.objects.get(sku="DEMO-AC-30ML")
    client.force_login(catalog_manager)
    url = reverse("admin:catalog_variant_change", args=[variant.pk])
    data = form_data(client.get(url), "variant_form")
    data["price"] = ["459.00"]
    assert client.post(url, data).status_code == 302
    variant.refresh_from_db()
    assert str(variant.price) == "459.00"
    record = variant.history.first()
    assert record.history_user.username == "catalog-managers"


def test_claims_reviewer_has_publish_permissions(claims_reviewer, content_editor):
    """Only claims reviewers hold the publish permissions."""
    assert claims_reviewer.has_perm("catalog.publish_product")
    assert claims_reviewer.has_perm("articles.publish_article")
    assert not content_editor.has_perm("articles.publish_article")
    assert not claims_reviewer.has_perm("catalog.change_variant")
