from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, ArticleProduct, Exercise
from catalog.models import Product, ProductImage, Variant
from compliance.models import PublicationStatus
from tests import images
from tests.factories import (
    ArticleFactory,
    ArticleProductFactory,
    ExerciseFactory,
    ProductFactory,
    ProductLineFactory,
    UseCategoryFactory,
    VariantFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_product():
    line = ProductLineFactory(slug="paincare")
    UseCategoryFactory(slug="joints")
    UseCategoryFactory(slug="back")
    return {
        "name": "Joint Drops",
        "slug": "joint-drops",
        "line": line.slug,
        "primary_use": "joints",
        "use_categories": ["joints", "back"],
        "description": "For **sore** joints. <script>alert(1)</script>",
    }


@pytest.fixture
def new_article():
    return {
        "title": "Stretching for stiff backs",
        "slug": "stretching",
        "summary": "Five stretches.",
        "body": "Move **gently**.",
        "author": "Editorial team",
    }


# --- Authentication and permissions ------------------------------------------
def test_writes_without_credentials_are_401(api, new_product):
    """A write without credentials is a 401 in the error shape."""
    response = api.post("/api/v1/products/", new_product, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_invalid_token_is_401(api):
    """A wrong token is refused with 401, even for a read."""
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api.get("/api/v1/products/").status_code == 401


def test_catalog_manager_creates_a_product_with_token(client_for, catalog_manager, new_product):
    """A catalog manager creates a product; the answer is its detail, description
    rendered to safe HTML."""
    response = client_for(catalog_manager).post("/api/v1/products/", new_product, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["slug"] == "joint-drops"
    assert data["status"] == "draft"
    assert "<strong>sore</strong>" in data["description_html"]
    assert "<script>" not in data["description_html"]
    assert {u["slug"] for u in data["uses"]} == {"joints", "back"}


def test_primary_use_is_added_to_the_uses_when_none_given(client_for, catalog_manager, new_product):
    """Without use_categories, a new product is listed under its primary use."""
    del new_product["use_categories"]
    response = client_for(catalog_manager).post("/api/v1/products/", new_product, format="json")
    assert [u["slug"] for u in response.json()["uses"]] == ["joints"]


def test_primary_use_must_be_one_of_the_uses(client_for, catalog_manager, new_product):
    """A primary use outside the product's uses is a 400, as in the admin."""
    new_product["use_categories"] = ["back"]
    response = client_for(catalog_manager).post("/api/v1/products/", new_product, format="json")
    assert response.status_code == 400
    assert "primary_use" in response.json()["errors"]


@pytest.mark.parametrize("slug", ["has space", "émoji-✓", ""])
def test_bad_slug_is_400(client_for, catalog_manager, new_product, slug):
    """A slug with spaces or other characters a URL cannot carry is a 400."""
    new_product["slug"] = slug
    response = client_for(catalog_manager).post("/api/v1/products/", new_product, format="json")
    assert response.status_code == 400
    assert "slug" in response.json()["errors"]


def test_duplicate_slug_is_400(client_for, catalog_manager, new_product):
    """A slug another product has is a 400, not a server error."""
    ProductFactory(slug="joint-drops")
    response = client_for(catalog_manager).post("/api/v1/products/", new_product, format="json")
    assert response.status_code == 400
    assert "slug" in response.json()["errors"]


def test_content_editor_cannot_change_a_price(client_for, content_editor):
    """A content editor cannot change a price (403)."""
    variant = VariantFactory(sku="MJ-30")
    response = client_for(content_editor).patch(
        "/api/v1/variants/MJ-30/", {"price": "1.00"}, format="json"
    )
    assert response.status_code == 403
    variant.refresh_from_db()
    assert variant.price == Decimal("499.00")


def test_content_editor_cannot_create_a_product(client_for, content_editor, new_product):
    """A content editor cannot create products (403)."""
    response = client_for(content_editor).post("/api/v1/products/", new_product, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_catalog_manager_cannot_edit_an_article(client_for, catalog_manager):
    """A catalog manager cannot edit an article (403)."""
    ArticleFactory(slug="backs")
    response = client_for(catalog_manager).patch(
        "/api/v1/articles/backs/", {"title": "Changed"}, format="json"
    )
    assert response.status_code == 403
    assert Article.objects.get(slug="backs").title != "Changed"


def test_catalog_manager_cannot_publish_a_product(client_for, catalog_manager):
    """Publishing needs the publish permission: a catalog manager gets 403."""
    ProductFactory(slug="calm", status=PublicationStatus.DRAFT)
    response = client_for(catalog_manager).patch(
        "/api/v1/products/calm/", {"status": "published"}, format="json"
    )
    assert response.status_code == 403
    assert "publish" in response.json()["message"]


def test_claims_reviewer_publishes_a_product(client_for, claims_reviewer):
    """A claims reviewer publishes a product; it then appears to everyone."""
    ProductFactory(slug="calm", status=PublicationStatus.IN_REVIEW)
    response = client_for(claims_reviewer).patch(
        "/api/v1/products/calm/", {"status": "published"}, format="json"
    )
    assert response.status_code == 200
    assert Product.objects.published().filter(slug="calm").exists()


def test_staff_endpoints_are_hidden_from_anonymous_readers(api):
    """Variants, links and exercises endpoints need staff credentials even to read."""
    for url in ("/api/v1/variants/", "/api/v1/article-products/", "/api/v1/exercises/"):
        assert api.get(url).status_code == 401


def test_products_cannot_be_deleted_through_the_api(client_for, catalog_manager):
    """Products are archived, not deleted: DELETE is 405."""
    ProductFactory(slug="calm")
    response = client_for(catalog_manager).delete("/api/v1/products/calm/")
    assert response.status_code == 405
    assert response.json()["status"] == 405


# --- Variants ----------------------------------------------------------------
def test_catalog_manager_adds_a_variant(client_for, catalog_manager):
    """A catalog manager adds a pack to a draft product; its price comes back as a string."""
    ProductFactory(slug="calm", status=PublicationStatus.DRAFT, published_at=None)
    payload = {
        "product": "calm",
        "sku": "CALM-50",
        "pack_size": "50 ml",
        "mrp": "999.00",
        "price": "799.00",
        "stock_quantity": 5,
    }
    response = client_for(catalog_manager).post("/api/v1/variants/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["price"] == "799.00"
    assert Variant.objects.get(sku="CALM-50").currency == "INR"


def test_a_new_pack_on_a_live_product_waits_for_review(client_for, catalog_manager):
    """A new pack's size is shopper text: on a live product it waits for a reviewer (202)."""
    ProductFactory(slug="calm")
    payload = {
        "product": "calm",
        "sku": "CALM-50",
        "pack_size": "50 ml",
        "mrp": "999.00",
        "price": "799.00",
        "stock_quantity": 5,
    }
    response = client_for(catalog_manager).post("/api/v1/variants/", payload, format="json")
    assert response.status_code == 202, response.json()
    assert response.json()["status"] == "pending"
    assert not Variant.objects.filter(sku="CALM-50").exists()


def test_catalog_manager_changes_a_price(client_for, catalog_manager):
    """A catalog manager changes a variant's price by SKU."""
    VariantFactory(sku="MJ-30")
    response = client_for(catalog_manager).patch(
        "/api/v1/variants/MJ-30/", {"price": "525.00"}, format="json"
    )
    assert response.status_code == 200
    assert Variant.objects.get(sku="MJ-30").price == Decimal("525.00")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sku": "TAKEN-1"}, "sku"),
        ({"sku": "lower case"}, "sku"),
        ({"price": "-1.00"}, "price"),
        ({"compare_at_price": "10.00"}, "compare_at_price"),
        ({"stock_quantity": 0, "availability": "in_stock"}, "availability"),
        ({"currency": "rupees"}, "currency"),
    ],
)
def test_variant_rules_give_400_with_the_field(client_for, catalog_manager, change, field):
    """Unique SKU, SKU format, price >= 0, compare-at above price, stock for in-stock
    packs and ISO currency are 400s naming the field, never a server error."""
    ProductFactory(slug="calm")
    VariantFactory(sku="TAKEN-1")
    payload = {
        "product": "calm",
        "sku": "CALM-50",
        "pack_size": "50 ml",
        "mrp": "999.00",
        "price": "799.00",
        "stock_quantity": 5,
        **change,
    }
    response = client_for(catalog_manager).post("/api/v1/variants/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()


def test_catalog_manager_deletes_a_variant(client_for, catalog_manager):
    """A catalog manager deletes a variant of a draft product (204); on a live product the
    removal waits for a reviewer (202)."""
    VariantFactory(sku="MJ-30", product=ProductFactory(status="draft", published_at=None))
    assert client_for(catalog_manager).delete("/api/v1/variants/MJ-30/").status_code == 204
    assert not Variant.objects.filter(sku="MJ-30").exists()
    VariantFactory(sku="MJ-50")
    assert client_for(catalog_manager).delete("/api/v1/variants/MJ-50/").status_code == 202
    assert Variant.objects.filter(sku="MJ-50").exists()


# --- Articles, links and exercises --------------------------------------------
def test_content_editor_creates_an_article(client_for, content_editor, new_article):
    """A content editor creates an article draft; body is rendered to safe HTML."""
    response = client_for(content_editor).post("/api/v1/articles/", new_article, format="json")
    assert response.status_code == 201, response.json()
    assert "<strong>gently</strong>" in response.json()["body_html"]


def test_published_article_needs_a_reviewer(client_for, claims_reviewer, new_article):
    """Publishing an article without a reviewer is a 400 naming the missing fields."""
    ArticleFactory(slug="backs", status=PublicationStatus.DRAFT, reviewer_name="")
    response = client_for(claims_reviewer).patch(
        "/api/v1/articles/backs/", {"status": "published"}, format="json"
    )
    assert response.status_code == 400
    assert "reviewer_name" in response.json()["errors"]


def test_next_review_must_follow_the_review(client_for, content_editor, new_article):
    """A next review date before the review date is a 400."""
    new_article |= {"reviewed_on": "2026-05-01", "next_review_due": "2026-01-01"}
    response = client_for(content_editor).post("/api/v1/articles/", new_article, format="json")
    assert response.status_code == 400
    assert "next_review_due" in response.json()["errors"]


def test_content_editor_links_a_product_to_an_article(client_for, content_editor):
    """A content editor links a product to an article in review; it is placed last."""
    article = ArticleFactory(slug="backs", status=PublicationStatus.IN_REVIEW)
    ArticleProductFactory(article=article, position=1)
    ProductFactory(slug="calm")
    response = client_for(content_editor).post(
        "/api/v1/article-products/",
        {"article": "backs", "product": "calm", "note": "for spasms"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["position"] == 2


def test_same_product_twice_in_an_article_is_400(client_for, content_editor):
    """Linking the same product to the same article twice is a 400 with a message."""
    link = ArticleProductFactory()
    response = client_for(content_editor).post(
        "/api/v1/article-products/",
        {"article": link.article.slug, "product": link.product.slug},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["message"]
    assert ArticleProduct.objects.count() == 1


def test_catalog_manager_cannot_link_products_to_articles(client_for, catalog_manager):
    """A catalog manager may read links but not add them (403)."""
    article, product = ArticleFactory(), ProductFactory()
    response = client_for(catalog_manager).post(
        "/api/v1/article-products/",
        {"article": article.slug, "product": product.slug},
        format="json",
    )
    assert response.status_code == 403


def test_content_editor_adds_an_exercise(client_for, content_editor):
    """A content editor adds an exercise to a draft; its dose is worked out."""
    ArticleFactory(slug="backs", status=PublicationStatus.DRAFT)
    payload = {
        "article": "backs",
        "name": "Bridge",
        "instructions": "Lift your hips.",
        "start_repetitions": 3,
        "target_repetitions": 10,
        "frequency": "twice a day",
    }
    response = client_for(content_editor).post("/api/v1/exercises/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["dose"] == "Start with 3, build up to 10, twice a day"


def test_exercise_target_below_start_is_400(client_for, content_editor):
    """An exercise whose target is below its start is a 400."""
    exercise = ExerciseFactory()
    response = client_for(content_editor).patch(
        f"/api/v1/exercises/{exercise.pk}/", {"target_repetitions": 1}, format="json"
    )
    assert response.status_code == 400
    assert "target_repetitions" in response.json()["errors"]
    exercise.refresh_from_db()
    assert exercise.target_repetitions == 30
    assert Exercise.objects.count() == 1


# --- Images ------------------------------------------------------------------
def test_catalog_manager_uploads_an_image(client_for, catalog_manager):
    """A good image upload to a draft product is stored with renditions, answered with
    absolute URLs."""
    ProductFactory(slug="calm", status=PublicationStatus.DRAFT, published_at=None)
    response = client_for(catalog_manager).post(
        "/api/v1/products/calm/images/",
        {"image": images.upload(size=(800, 600)), "alt_text": "Bottle, front"},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["alt_text"] == "Bottle, front"
    assert [r["width"] for r in data["renditions"]] == [320, 640, 800]
    assert data["renditions"][0]["url"].startswith("http://testserver/media/renditions/")
    assert ProductImage.objects.get().width == 800


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (images.bomb_upload, "megapixels"),
        (images.truncated_upload, "damaged or incomplete"),
        (images.text_upload, "not an image"),
    ],
)
def test_bad_image_uploads_are_400_with_a_clear_message(client_for, catalog_manager, upload, words):
    """Decompression bombs, truncated files and text files are 400s saying why."""
    ProductFactory(slug="calm")
    response = client_for(catalog_manager).post(
        "/api/v1/products/calm/images/",
        {"image": upload(), "alt_text": "Bottle"},
        format="multipart",
    )
    assert response.status_code == 400
    assert words in response.json()["errors"]["image"][0]
    assert words in response.json()["message"]
    assert not ProductImage.objects.exists()


def test_image_too_long_for_webp_is_400_and_nothing_is_stored(
    client_for, catalog_manager, settings
):
    """An image over 16,383 px on a side is a 400 saying so: no image row, no file."""
    ProductFactory(slug="calm", status=PublicationStatus.DRAFT, published_at=None)
    response = client_for(catalog_manager).post(
        "/api/v1/products/calm/images/",
        {"image": images.upload("wide.png", size=(20_000, 2)), "alt_text": "Panorama"},
        format="multipart",
    )
    assert response.status_code == 400
    message = "This image is 20000 px wide; images may be at most 16,383 px on a side."
    assert response.json()["errors"]["image"] == [message]
    assert response.json()["code"] == "image_side_too_long"
    assert not ProductImage.objects.exists()
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_rotated_photo_upload_answers_with_its_upright_size(client_for, catalog_manager):
    """A JPEG stored 300 x 200 with EXIF "rotate 90°" is answered and stored as 200 x 300,
    as its renditions are."""
    ProductFactory(slug="calm", status=PublicationStatus.DRAFT, published_at=None)
    photo = SimpleUploadedFile("phone.jpg", images.rotated_jpeg((300, 200), 6), "image/jpeg")
    response = client_for(catalog_manager).post(
        "/api/v1/products/calm/images/",
        {"image": photo, "alt_text": "Bottle in hand"},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["width"], data["height"]) == (200, 300)
    assert [(r["width"], r["height"]) for r in data["renditions"]] == [(200, 300)]
    image = ProductImage.objects.get()
    assert (image.width, image.height) == (200, 300)


def test_image_upload_needs_alt_text(client_for, catalog_manager):
    """An image without alt text is a 400."""
    ProductFactory(slug="calm")
    response = client_for(catalog_manager).post(
        "/api/v1/products/calm/images/", {"image": images.upload()}, format="multipart"
    )
    assert response.status_code == 400
    assert "alt_text" in response.json()["errors"]


def test_content_editor_cannot_upload_product_images(client_for, content_editor):
    """A content editor cannot add product images (403); anonymous callers get 401."""
    ProductFactory(slug="calm")
    payload = {"image": images.upload(), "alt_text": "Bottle"}
    url = "/api/v1/products/calm/images/"
    assert client_for(content_editor).post(url, payload, format="multipart").status_code == 403


def test_anonymous_image_upload_is_401(api):
    """An anonymous image upload is a 401."""
    ProductFactory(slug="calm")
    payload = {"image": images.upload(), "alt_text": "Bottle"}
    assert api.post("/api/v1/products/calm/images/", payload, format="multipart").status_code == 401


# --- Compliance workflow -------------------------------------------------------
def test_content_editor_cannot_change_a_live_articles_exercises(client_for, content_editor):
    """A content editor's change to an exercise of a live article waits for a claims
    reviewer (202 with the revision); the live exercise is unchanged."""
    exercise = ExerciseFactory(article=ArticleFactory(status=PublicationStatus.PUBLISHED))
    response = client_for(content_editor).patch(
        f"/api/v1/exercises/{exercise.pk}/", {"name": "Renamed"}, format="json"
    )
    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    exercise.refresh_from_db()
    assert exercise.name != "Renamed"


def test_content_editor_cannot_remove_a_live_articles_link(client_for, content_editor):
    """Removing a product link from a live article waits for a claims reviewer."""
    link = ArticleProductFactory()
    response = client_for(content_editor).delete(f"/api/v1/article-products/{link.pk}/")
    assert response.status_code == 202
    assert ArticleProduct.objects.filter(pk=link.pk).exists()


def test_editor_who_reviews_claims_changes_a_live_articles_exercise(client_for, make_staff):
    """A content editor who is also a claims reviewer may change a live article's
    exercises."""
    from django.contrib.auth.models import Group

    editor = make_staff("Content editors")
    editor.groups.add(Group.objects.get(name="Claims reviewers"))
    exercise = ExerciseFactory()
    response = client_for(editor).patch(
        f"/api/v1/exercises/{exercise.pk}/", {"name": "Renamed"}, format="json"
    )
    assert response.status_code == 200, response.json()


def test_content_editor_cannot_change_live_article_text(client_for, content_editor):
    """A content editor's change to a live article's text waits for review (202)."""
    ArticleFactory(slug="backs", summary="Live words.")
    response = client_for(content_editor).patch(
        "/api/v1/articles/backs/", {"summary": "New words."}, format="json"
    )
    assert response.status_code == 202
    assert set(response.json()) == {"revision", "status", "changed", "message"}
    assert Article.objects.get(slug="backs").summary == "Live words."


def test_blocked_phrase_is_refused_with_the_field(client_for, catalog_manager, new_product):
    """A blocked health claim in shopper-visible text is a 400 naming the field."""
    from compliance.models import RestrictedPhrase, Severity

    RestrictedPhrase.objects.update_or_create(
        phrase="cures arthritis",
        defaults={"severity": Severity.BLOCK, "reason": "A disease claim.", "is_active": True},
    )
    new_product["description"] = "This cures arthritis."
    response = client_for(catalog_manager).post("/api/v1/products/", new_product, format="json")
    assert response.status_code == 400
    assert "cures" in response.json()["errors"]["description"][0]


def test_warned_phrase_needs_sign_off_to_publish(client_for, claims_reviewer):
    """A reviewer publishing text with a warned phrase must sign it off; with
    claims_sign_off the product goes live and the approval is recorded."""
    from compliance.models import RestrictedPhrase, Severity

    RestrictedPhrase.objects.update_or_create(
        phrase="fast relief",
        defaults={"severity": Severity.WARN, "reason": "Needs evidence.", "is_active": True},
    )
    ProductFactory(slug="calm", status=PublicationStatus.IN_REVIEW, tagline="Fast relief.")
    reviewer = client_for(claims_reviewer)
    refused = reviewer.patch("/api/v1/products/calm/", {"status": "published"}, format="json")
    assert refused.status_code == 400
    assert "sign-off" in refused.json()["errors"]["status"][0]
    approved = reviewer.patch(
        "/api/v1/products/calm/", {"status": "published", "claims_sign_off": True}, format="json"
    )
    assert approved.status_code == 200, approved.json()
    product = Product.objects.get(slug="calm")
    assert product.approved_by == claims_reviewer
    assert product.approved_at is not None


def test_product_detail_shows_its_own_disclaimer_and_age_notice(api):
    """A product's own disclaimer replaces the site's, and age-restricted drops carry
    the 18+ notice."""
    ProductFactory(slug="cbd", disclaimer_override="Own words.", age_restricted=True)
    data = api.get("/api/v1/products/cbd/").json()
    assert data["disclaimer"] == "Own words."
    assert len(data["notices"]) == 1
    assert "18" in data["notices"][0]


@pytest.mark.parametrize("bad", ["nul\x00slug", 42, {"slug": "x"}, ["x"]])
def test_related_slug_that_cannot_be_a_slug_is_400(client_for, catalog_manager, new_product, bad):
    """A related slug with a NUL character or of the wrong type is a 400 on any
    database (PostgreSQL refuses NUL characters in queries)."""
    new_product["line"] = bad
    response = client_for(catalog_manager).post("/api/v1/products/", new_product, format="json")
    assert response.status_code == 400
    assert "line" in response.json()["errors"]


def test_position_beyond_the_limit_is_400(client_for, content_editor):
    """Positions are bounded, so putting a row last can never overflow the column."""
    article, product = ArticleFactory(status=PublicationStatus.DRAFT), ProductFactory()
    response = client_for(content_editor).post(
        "/api/v1/article-products/",
        {"article": article.slug, "product": product.slug, "position": 2_147_483_647},
        format="json",
    )
    assert response.status_code == 400
    assert "position" in response.json()["errors"]


def test_drf_create_token_gives_a_working_token(catalog_manager, new_product):
    """`manage.py drf_create_token <user>` prints a token the API accepts for writes."""
    from io import StringIO

    from django.core.management import call_command
    from rest_framework.test import APIClient

    out = StringIO()
    call_command("drf_create_token", catalog_manager.username, stdout=out)
    key = out.getvalue().split()[2]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.post("/api/v1/products/", new_product, format="json").status_code == 201
