from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleProduct, Exercise
from catalog.models import Product, ProductImage, Variant
from compliance.claims import scan
from core.markdown import render_markdown

pytestmark = pytest.mark.django_db


def generate(**options) -> str:
    out = StringIO()
    call_command("generate_catalog", stdout=out, **options)
    return out.getvalue()


def demo_snapshot() -> dict:
    """Every demo row, field by field."""
    return {
        model.__name__: list(queryset.order_by("pk").values())
        for model, queryset in (
            (Product, Product.objects.exclude(slug__startswith="gen-")),
            (Variant, Variant.objects.exclude(sku__startswith="GEN-")),
            (ProductImage, ProductImage.objects.exclude(product__slug__startswith="gen-")),
            (Article, Article.objects.exclude(slug__startswith="gen-")),
            (Exercise, Exercise.objects.exclude(article__slug__startswith="gen-")),
            (ArticleProduct, ArticleProduct.objects.exclude(article__slug__startswith="gen-")),
        )
    }


@pytest.fixture
def generated(demo):
    before = demo_snapshot()
    generate(products=50, articles=10, seed=3)
    return before


def test_generates_the_numbers_asked_for(generated):
    """--products 50 --articles 10 adds 50 products and 10 articles, all published."""
    products = Product.objects.filter(slug__startswith="gen-")
    articles = Article.objects.filter(slug__startswith="gen-")
    assert products.count() == 50
    assert articles.count() == 10
    assert Product.objects.published().filter(slug__startswith="gen-").count() == 50
    assert Article.objects.published().filter(slug__startswith="gen-").count() == 10


def test_every_product_has_variants_an_image_and_its_uses(generated):
    """Each product has 1-3 GEN- variants, one image with the demo renditions, its uses."""
    demo_renditions = [
        image.renditions for image in ProductImage.objects.exclude(product__slug__startswith="gen-")
    ]
    for product in Product.objects.filter(slug__startswith="gen-").prefetch_related(
        "variants", "images", "use_categories"
    ):
        variants = list(product.variants.all())
        assert 1 <= len(variants) <= 3
        assert all(v.sku.startswith("GEN-") for v in variants)
        images = list(product.images.all())
        assert len(images) == 1
        assert images[0].renditions in demo_renditions
        assert images[0].width and images[0].height
        assert product.primary_use in product.use_categories.all()
        assert product.description_html == render_markdown(product.description)


def test_articles_have_exercises_links_and_a_review(generated):
    """Each article has 2-5 exercises, 2-5 product links, a reviewer and rendered body."""
    for article in Article.objects.filter(slug__startswith="gen-"):
        assert 2 <= article.exercises.count() <= 5
        links = list(article.product_links.order_by("position"))
        assert 2 <= len(links) <= 5
        assert [link.position for link in links] == list(range(1, len(links) + 1))
        assert all(link.product.slug.startswith("gen-") for link in links)
        assert article.reviewer_name and article.reviewer_credentials and article.reviewed_on
        assert article.use_categories.count() == 1
        assert article.body_html == render_markdown(article.body)


def test_generated_text_passes_the_claims_guard(generated):
    """No restricted phrase, blocked or warned, appears in any generated text."""
    rows = [
        *Product.objects.filter(slug__startswith="gen-"),
        *Article.objects.filter(slug__startswith="gen-"),
        *Exercise.objects.filter(article__slug__startswith="gen-"),
        *ArticleProduct.objects.filter(article__slug__startswith="gen-"),
    ]
    assert [(row, scan(row.claims_texts())) for row in rows if scan(row.claims_texts())] == []


def test_demo_data_is_untouched(generated):
    """Generating and clearing leave every demo row as load_demo wrote it."""
    assert demo_snapshot() == generated
    generate(clear=True)
    assert demo_snapshot() == generated


def test_running_again_tops_up_to_the_totals(generated):
    """The same numbers add nothing; larger numbers add only the difference."""
    generate(products=50, articles=10, seed=3)
    assert Product.objects.filter(slug__startswith="gen-").count() == 50
    generate(products=60, articles=12, seed=3)
    assert Product.objects.filter(slug__startswith="gen-").count() == 60
    assert Article.objects.filter(slug__startswith="gen-").count() == 12
    assert Variant.objects.filter(sku__startswith="GEN-").values("product").distinct().count() == 60


def test_clear_removes_every_generated_row_and_keeps_the_demo_files(generated):
    """--clear deletes the generated rows (no history written), not the shared images."""
    history_before = Product.history.count() + Variant.history.count()
    output = generate(clear=True)
    assert "Removed 50 generated products and 10 generated articles" in output
    assert not Product.objects.filter(slug__startswith="gen-").exists()
    assert not Variant.objects.filter(sku__startswith="GEN-").exists()
    assert not Article.objects.filter(slug__startswith="gen-").exists()
    assert not ProductImage.objects.filter(product__slug__startswith="gen-").exists()
    assert Product.history.count() + Variant.history.count() == history_before
    for image in ProductImage.objects.all():
        assert default_storage.exists(image.image.name)
        assert all(default_storage.exists(r["name"]) for r in image.renditions)


def test_same_seed_same_catalog(demo):
    """The seed fixes every random choice."""
    generate(products=20, articles=4, seed=7)
    first = list(Product.objects.filter(slug__startswith="gen-").values_list("slug", flat=True))
    generate(clear=True)
    generate(products=20, articles=4, seed=7)
    assert (
        list(Product.objects.filter(slug__startswith="gen-").values_list("slug", flat=True))
        == first
    )


def test_generated_pages_answer(generated, client):
    """A generated product and article are served like any other."""
    product = Product.objects.filter(slug__startswith="gen-").first()
    article = Article.objects.filter(slug__startswith="gen-").first()
    assert client.get(product.get_absolute_url()).status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200


def test_generated_rows_are_searchable(generated):
    """Search finds a generated product and article by the words of their names."""
    product = Product.objects.filter(slug__startswith="gen-").first()
    article = Article.objects.filter(slug__startswith="gen-").first()
    words = " ".join(product.name.replace("&", " ").split()[:2])
    assert product in Product.objects.published().search(words)
    assert article in Article.objects.published().search(article.title.split(":")[0])


def test_refuses_without_the_demo_data(db):
    """Without uses and lines to build on, it says to load the demo first."""
    with pytest.raises(CommandError, match="load_demo"):
        generate(products=5, articles=1)


def test_generated_products_come_after_the_shops_own_in_its_order(generated):
    """The demo products keep their places on the home and use pages; generated ones
    follow, each with its own position."""
    demo = list(Product.objects.exclude(slug__startswith="gen-").values_list("position", flat=True))
    made = list(Product.objects.filter(slug__startswith="gen-").values_list("position", flat=True))
    assert max(demo) < min(made)
    assert len(set(made)) == len(made) == 50
