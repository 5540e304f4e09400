from decimal import Decimal

import pytest
from django.urls import reverse

from articles.models import Article
from catalog.models import Variant
from compliance.disclaimers import (
    AGE_RESTRICTED_NOTICE,
    DEFAULT_DISCLAIMER,
    forget_site_texts,
)
from compliance.models import SiteSettings
from tests.factories import (
    ArticleFactory,
    ArticleProductFactory,
    ExerciseFactory,
    ProductFactory,
    ProductImageFactory,
    UseCategoryFactory,
    VariantFactory,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_home_shows_uses_products_articles_and_disclaimer(client, demo):
    """The home page says what the brand is and offers the four uses, the drops, the
    latest guides and the health disclaimer."""
    response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    assert "What's bothering you?" in page
    for slug in ("muscle-joint-pain", "acne", "anxiety-panic", "digestive-comfort"):
        assert f'href="/uses/{slug}/"' in page
    assert 'class="use-tile c-teal"' in page
    assert len(response.context["products"]) == 5
    assert "/articles/lower-back-spasms-exercises/" in page
    assert DEFAULT_DISCLAIMER in page


def test_use_page_lists_its_products_and_articles(client, demo):
    """A use page shows its colour band, intro, its own products and its articles only."""
    response = client.get("/uses/muscle-joint-pain/")
    page = text(response)
    assert response.status_code == 200
    assert 'class="use-band c-teal"' in page
    assert "Stiff back, sore shoulders" in page
    slugs = {product.slug for product in response.context["products"]}
    assert slugs == {"muscle-joint-pain-drops", "muscle-pain-ayurvedic-cbd-drops"}
    assert "/articles/lower-back-spasms-exercises/" in page


def test_unknown_use_is_404(client, db):
    """An unknown use slug answers 404."""
    assert client.get("/uses/nothing-here/").status_code == 404


def test_product_page_shows_every_section(client, demo):
    """The product page has the name, tagline, use chips, variants with price and
    availability in words, each detail section with its heading and the disclaimer."""
    response = client.get("/products/muscle-joint-pain-drops/")
    page = text(response)
    assert response.status_code == 200
    assert '<h1 class="product__name">Paincare Drops for Muscle &amp; Joint Pain</h1>' in page
    assert "Herbal dual-action drops" in page
    assert 'class="chip chip--link c-teal" href="/uses/muscle-joint-pain/"' in page
    assert "₹549" in page
    assert "In stock" in page
    for heading in ("About these drops", "Key ingredients", "How to use", "Warnings"):
        assert f">{heading}</h2>" in page
    assert "Shallaki (Boswellia serrata)</li>" in page
    assert DEFAULT_DISCLAIMER in page


def test_product_gallery_uses_renditions_with_sizes(client, db):
    """Gallery images carry srcset and sizes from the renditions and their width and
    height; the first is eager, the others lazy."""
    product = ProductFactory()
    first, second = ProductImageFactory.create_batch(2, product=product)
    page = text(client.get(product.get_absolute_url()))
    assert f'srcset="{first.srcset}"' in page
    assert f'srcset="{second.srcset}"' in page
    assert "700w" in first.srcset
    assert 'sizes="(min-width: 64rem) 34rem, calc(100vw - 2rem)"' in page
    assert 'width="700" height="700"' in page
    gallery = page.split('class="product__gallery"')[1].split("</div>")[0]
    assert gallery.count('loading="eager"') == 1
    assert gallery.count('loading="lazy"') == 1
    assert gallery.index('loading="eager"') < gallery.index('loading="lazy"')


def test_product_availability_in_words(client, db):
    """Each availability is said in words, not by colour alone."""
    product = ProductFactory()
    VariantFactory(product=product, pack_size="10 ml")
    VariantFactory(
        product=product, pack_size="30 ml", availability=Variant.Availability.OUT_OF_STOCK
    )
    VariantFactory(
        product=product,
        pack_size="50 ml",
        stock_quantity=0,
        availability=Variant.Availability.PREORDER,
        price=Decimal("899.50"),
    )
    page = text(client.get(product.get_absolute_url()))
    assert "In stock" in page
    assert "Out of stock" in page
    assert "Available to pre-order" in page
    assert "₹899.50" in page


def test_product_read_more_lists_published_articles_in_admin_order(client, db):
    """ "Read more" lists only published articles recommending the product, in the
    links' admin order (position, then id), each with the link's note."""
    product = ProductFactory()
    later = ArticleFactory(title="Zebra guide")
    earlier = ArticleFactory(title="Aardvark guide")
    draft = ArticleFactory(title="Draft guide", status="draft")
    ArticleProductFactory(article=later, product=product, position=1, note="Read this first.")
    ArticleProductFactory(article=earlier, product=product, position=2, note="Then this.")
    ArticleProductFactory(article=draft, product=product, position=3, note="Hidden.")
    response = client.get(product.get_absolute_url())
    page = text(response)
    links = list(response.context["article_links"])
    assert [link.article.title for link in links] == ["Zebra guide", "Aardvark guide"]
    assert page.index("Zebra guide") < page.index("Aardvark guide")
    assert "Read this first." in page and "Then this." in page
    assert "Draft guide" not in page and "Hidden." not in page


def test_article_list_is_paginated_and_past_the_end_is_404(client, db):
    """The article list shows 12 a page; a page past the end is 404."""
    ArticleFactory.create_batch(13)
    first = client.get("/articles/")
    assert len(first.context["articles"]) == 12
    assert 'rel="next" href="?page=2"' in text(first)
    second = client.get("/articles/?page=2")
    assert len(second.context["articles"]) == 1
    assert client.get("/articles/?page=3").status_code == 404
    assert client.get("/articles/?page=abc").status_code == 404


def test_article_page_shows_review_body_exercises_products_and_advice(client, demo):
    """The article page shows the review notice near the top, the body, the exercises
    as a numbered list with dose badges, the recommended products in the admin's order
    with their notes, the advice to see a professional and the disclaimer."""
    response = client.get("/articles/lower-back-spasms-exercises/")
    page = text(response)
    assert response.status_code == 200
    review = (
        "Medically reviewed by <strong>Dr. Asha Menon (demo reviewer)</strong>, "
        'BAMS, MD (Ayurveda) on <time datetime="2026-01-10">10 January 2026</time>'
    )
    assert review in page
    assert page.index("Medically reviewed by") < page.index("Keep moving</h2>")
    assert '<ol class="steps">' in page
    assert page.count('<li class="step">') == 5
    assert "Start with 5 a day, build up to 30</p>" in page
    assert "Start with 3, build up to 5, twice a day</p>" in page
    assert page.count('<p class="dose">') == 5
    slugs = [link.product.slug for link in response.context["product_links"]]
    assert slugs == ["muscle-pain-ayurvedic-cbd-drops", "muscle-joint-pain-drops"]
    assert page.index("For when a spasm strikes.") < page.index("Everyday support for sore muscles")
    assert "Talk to a healthcare professional" in page
    assert DEFAULT_DISCLAIMER in page


def test_article_recommends_only_published_products_in_link_order(client, db):
    """An article's product cards follow the links' position and skip unpublished drops."""
    article = ArticleFactory()
    second = ProductFactory(name="Second drops")
    first = ProductFactory(name="First drops")
    hidden = ProductFactory(name="Hidden drops", status="draft")
    ArticleProductFactory(article=article, product=second, position=2)
    ArticleProductFactory(article=article, product=first, position=1)
    ArticleProductFactory(article=article, product=hidden, position=3)
    response = client.get(article.get_absolute_url())
    names = [link.product.name for link in response.context["product_links"]]
    assert names == ["First drops", "Second drops"]
    assert "Hidden drops" not in text(response)


def test_exercise_dose_badges_follow_the_model(client, db):
    """Each exercise shows Exercise.dose as its badge."""
    article = ArticleFactory()
    ExerciseFactory(article=article, start_repetitions=3, target_repetitions=5,
                    frequency="twice a day")  # fmt: skip
    page = text(client.get(article.get_absolute_url()))
    dose = "Start with 3, build up to 5, twice a day"
    assert f'<span class="visually-hidden">Dose: </span>{dose}' in page


def test_use_with_no_products_says_so(client, db):
    """A use without products still answers, with a way back to all drops."""
    use = UseCategoryFactory()
    page = text(client.get(use.get_absolute_url()))
    assert "There are no drops for this use just now." in page


def test_future_article_is_not_listed(client, db):
    """A published article scheduled for later is neither listed nor reachable."""
    from datetime import timedelta

    from django.utils import timezone

    article = ArticleFactory(published_at=timezone.now() + timedelta(days=2))
    assert article not in Article.objects.published()
    assert article.title not in text(client.get(reverse("storefront:article-list")))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_age_restricted_product_shows_the_adults_notice(client, demo):
    """The CBD drops carry the 18+ notice; the other drops do not."""
    cbd = client.get("/products/muscle-pain-ayurvedic-cbd-drops/").content.decode()
    other = client.get("/products/acne-free-face-drops/").content.decode()
    assert AGE_RESTRICTED_NOTICE in cbd
    assert 'class="notice notice--adults"' in cbd
    assert AGE_RESTRICTED_NOTICE not in other


def test_product_own_disclaimer_replaces_the_site_one(client, db):
    """A product's own disclaimer is shown instead of the site-wide one."""
    product = ProductFactory(disclaimer_override="Ask your doctor before use.")
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Ask your doctor before use." in page
    assert DEFAULT_DISCLAIMER not in page


def test_site_disclaimer_edited_by_staff_is_shown(client, db):
    """The disclaimer staff set in Site settings appears on product pages and in the
    footer of other pages."""
    SiteSettings.objects.update_or_create(
        pk=1,
        defaults={"disclaimer": "Edited disclaimer text.", "age_restricted_notice": "18+."},
    )
    forget_site_texts()
    product = ProductFactory()
    assert "Edited disclaimer text." in client.get(product.get_absolute_url()).content.decode()
    assert "Edited disclaimer text." in client.get("/").content.decode()
