import pytest
from django.core.management import call_command

from articles.models import Article, ArticleProduct
from catalog.models import Product, ProductImage, UseCategory, Variant

pytestmark = pytest.mark.django_db


def test_load_demo_loads_the_catalog(demo):
    """load_demo loads the four uses, five products (a variant and image each) and the article."""
    assert list(UseCategory.objects.values_list("slug", flat=True)) == [
        "muscle-joint-pain",
        "acne",
        "anxiety-panic",
        "digestive-comfort",
    ]
    assert Product.objects.published().count() == 5
    assert Variant.objects.filter(pack_size="30 ml", sku__startswith="DEMO-").count() == 5
    for image in ProductImage.objects.all():
        assert image.alt_text.startswith("30 ml amber dropper bottle of the")
        assert (image.width, image.height) == (1200, 1200)
        assert [r["width"] for r in image.renditions] == [320, 640, 960, 1200]
    article = Article.objects.get(slug="lower-back-spasms-exercises")
    assert article.is_public
    assert article.exercises.count() == 5
    assert list(article.product_links.values_list("product__slug", flat=True)) == [
        "muscle-pain-ayurvedic-cbd-drops",
        "muscle-joint-pain-drops",
    ]


def test_load_demo_twice_changes_nothing(demo, capsys):
    """A second load_demo run changes no row and records no history."""
    before = {
        "history": Product.history.count() + Article.history.count(),
        "updated": list(Product.objects.values_list("updated_at", flat=True)),
        "images": ProductImage.objects.count(),
        "links": list(ArticleProduct.objects.values_list("pk", "position", "note")),
    }
    call_command("load_demo")
    assert "nothing changed" in capsys.readouterr().out
    after = {
        "history": Product.history.count() + Article.history.count(),
        "updated": list(Product.objects.values_list("updated_at", flat=True)),
        "images": ProductImage.objects.count(),
        "links": list(ArticleProduct.objects.values_list("pk", "position", "note")),
    }
    assert after == before
