from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from catalog.models import ProductImage
from core.images import validate_image_upload
from tests.admin.forms import add_inline_row, form_data
from tests.factories import ProductFactory, ProductImageFactory
from tests.images import bomb_upload, rotated_jpeg, text_upload, truncated_upload, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted(fmt):
    """Sound JPEG, PNG and WebP files pass validation."""
    validate_image_upload(upload(f"bottle.{fmt.lower()}", fmt))


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (bomb_upload, "megapixels"),
        (truncated_upload, "damaged or incomplete"),
        (text_upload, "not an image"),
    ],
    ids=["decompression-bomb", "truncated", "renamed-text"],
)
def test_bad_files_are_refused_with_a_clear_message(make_file, message):
    """A decompression bomb, a truncated file and a renamed text file are refused, saying why."""
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(make_file())
    assert message in " ".join(caught.value.messages)


def test_other_formats_are_refused():
    """A GIF is a real image but not an accepted format."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    with pytest.raises(ValidationError, match="upload a JPEG, PNG or WebP"):
        validate_image_upload(SimpleUploadedFile("a.gif", buffer.getvalue(), "image/gif"))


def test_limits_come_from_settings(settings):
    """Files over the byte or pixel limit are refused, naming the limit."""
    settings.IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="at most"):
        validate_image_upload(upload(size=(200, 200)))
    settings.IMAGE_MAX_BYTES = 10 * 1024 * 1024
    settings.IMAGE_MAX_PIXELS = 100
    with pytest.raises(ValidationError, match="megapixels"):
        validate_image_upload(upload(size=(20, 20)))


def test_renditions_are_made_once_as_webp_at_each_width(settings):
    """Saving makes WebP renditions no wider than the original; saving again reuses them."""
    settings.IMAGE_RENDITION_WIDTHS = [320, 640, 960, 1280]
    image = ProductImageFactory()
    assert [r["width"] for r in image.renditions] == [320, 640, 700]
    assert all(
        r["name"].endswith(".webp") and default_storage.exists(r["name"]) for r in image.renditions
    )
    names = [r["name"] for r in image.renditions]
    image.alt_text = "New words"
    image.save()
    image.refresh_from_db()
    assert [r["name"] for r in image.renditions] == names
    assert image.srcset.count("w,") == 2


def test_deleting_a_product_removes_its_image_files_after_commit(
    django_capture_on_commit_callbacks,
):
    """The original and its renditions leave storage with their image, also when the
    product is deleted; only once the deletion is committed."""
    image = ProductImageFactory()
    names = [image.image.name, *(r["name"] for r in image.renditions)]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        image.product.delete()
        assert all(default_storage.exists(name) for name in names)  # not yet committed
    assert callbacks
    assert not any(default_storage.exists(name) for name in names)


def test_a_rolled_back_deletion_keeps_the_files():
    """A deletion that is rolled back leaves every file in place."""
    from django.db import transaction

    image = ProductImageFactory()
    names = [image.image.name, *(r["name"] for r in image.renditions)]
    with transaction.atomic():
        image.delete()
        transaction.set_rollback(True)
    assert all(default_storage.exists(name) for name in names)


def images_formset(response):
    return next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "images"
    )


@pytest.mark.parametrize("make_file", [bomb_upload, truncated_upload, text_upload])
def test_admin_refuses_bad_images_and_keeps_the_form(admin_client, make_file):
    """A bad image in the product admin is refused, saying why; other fields keep their values."""
    product = ProductFactory(name="Original name")
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = form_data(admin_client.get(url), "product_form")
    data["name"] = ["Typed new name"]
    add_inline_row(data, "images", alt_text="Bottle, front view", position="1")
    data["images-0-image"] = make_file()
    response = admin_client.post(url, data)
    assert response.status_code == 200
    image_errors = images_formset(response).errors[0]["image"]
    assert any(word in " ".join(image_errors) for word in ("megapixels", "damaged", "not an image"))
    assert b'value="Typed new name"' in response.content
    assert b'value="Bottle, front view"' in response.content
    product.refresh_from_db()
    assert product.name == "Original name"
    assert not ProductImage.objects.exists()


def test_admin_accepts_a_good_image(admin_client):
    """A good image uploaded in the product admin is stored with its renditions."""
    product = ProductFactory()
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = form_data(admin_client.get(url), "product_form")
    add_inline_row(data, "images", alt_text="Bottle, front view", position="1")
    data["images-0-image"] = upload(size=(800, 800))
    response = admin_client.post(url, data)
    assert response.status_code == 302
    image = product.images.get()
    assert (image.width, image.height, image.alt_text) == (800, 800, "Bottle, front view")
    assert [r["width"] for r in image.renditions] == [320, 640, 800]


# --- Images too large for WebP renditions ------------------------------------------------
def stored_files(settings) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return [str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()]


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ((20_000, 2), "This image is 20000 px wide; images may be at most 16,383 px on a side."),
        ((2, 16_384), "This image is 16384 px tall; images may be at most 16,383 px on a side."),
    ],
    ids=["too-wide", "too-tall"],
)
def test_images_longer_than_webp_allows_are_refused(size, message):
    """An image over 16,383 px on a side (WebP's limit) is refused, naming its size."""
    with pytest.raises(ValidationError) as caught:
        validate_image_upload(upload("long.png", size=size))
    assert caught.value.messages == [message]
    assert caught.value.code == "image_side_too_long"


def test_an_image_exactly_as_long_as_webp_allows_is_accepted():
    """16,383 px on a side is still accepted."""
    validate_image_upload(upload("long.png", size=(16_383, 2)))


def test_admin_inline_refuses_an_image_too_long_for_webp(admin_client, settings):
    """The product page's image row says why, and nothing is saved or stored."""
    product = ProductFactory(status="draft")
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = form_data(admin_client.get(url), "product_form")
    add_inline_row(data, "images", alt_text="Panorama of the bottles", position="1")
    data["images-0-image"] = upload("wide.png", size=(20_000, 2))
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert images_formset(response).errors[0]["image"] == [
        "This image is 20000 px wide; images may be at most 16,383 px on a side."
    ]
    assert not ProductImage.objects.exists()
    assert stored_files(settings) == []


def test_image_admin_add_page_refuses_an_image_too_long_for_webp(admin_client, settings):
    """The image admin's add page shows the same form error and stores nothing."""
    product = ProductFactory(status="draft")
    response = admin_client.post(
        reverse("admin:catalog_productimage_add"),
        {
            "product": product.pk,
            "alt_text": "Panorama of the bottles",
            "position": "1",
            "image": upload("tall.png", size=(2, 20_000)),
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"] == [
        "This image is 20000 px tall; images may be at most 16,383 px on a side."
    ]
    assert not ProductImage.objects.exists()
    assert stored_files(settings) == []


# --- EXIF orientation ---------------------------------------------------------------------
def rendition_sizes(renditions) -> list[tuple[int, int]]:
    sizes = []
    for rendition in renditions:
        with default_storage.open(rendition["name"]) as fh, PILImage.open(fh) as image:
            assert image.size == (rendition["width"], rendition["height"])
            sizes.append(image.size)
    return sizes


def phone_photo(name="phone.jpg"):
    return SimpleUploadedFile(name, rotated_jpeg((300, 200), orientation=6), "image/jpeg")


def test_rotated_photo_is_stored_with_the_size_shoppers_see():
    """A 300 x 200 JPEG whose EXIF says "rotate 90°" is stored as 200 wide, 300 high, as
    its renditions are."""
    image = ProductImageFactory(image=ContentFile(rotated_jpeg(), name="phone.jpg"))
    assert (image.width, image.height) == (200, 300)
    image.refresh_from_db()
    assert (image.width, image.height) == (200, 300)
    assert rendition_sizes(image.renditions) == [(200, 300)]


def test_saving_a_rotated_image_again_keeps_the_upright_size():
    """Saving the row again (with its image field re-read) still stores the upright size."""
    image = ProductImageFactory(image=ContentFile(rotated_jpeg(), name="phone.jpg"))
    image = ProductImage.objects.get(pk=image.pk)
    image.image = image.image.name  # as the workflow and forms assign it
    assert (image.width, image.height) == (300, 200)  # the file as stored
    image.save()
    image.refresh_from_db()
    assert (image.width, image.height) == (200, 300)


def test_rotated_photo_uploaded_in_the_admin_has_its_upright_size(admin_client):
    """A rotated phone photo uploaded on the product page is stored upright."""
    product = ProductFactory(status="draft")
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = form_data(admin_client.get(url), "product_form")
    add_inline_row(data, "images", alt_text="Bottle in hand", position="1")
    data["images-0-image"] = phone_photo()
    assert admin_client.post(url, data).status_code == 302
    image = product.images.get()
    assert (image.width, image.height) == (200, 300)
    assert rendition_sizes(image.renditions) == [(200, 300)]


def test_unrotated_image_keeps_its_size(settings):
    """An image without an orientation keeps the size it is stored with."""
    image = ProductImageFactory(image=ContentFile(rotated_jpeg(orientation=1), name="a.jpg"))
    image.refresh_from_db()
    assert (image.width, image.height) == (300, 200)
    assert rendition_sizes(image.renditions) == [(300, 200)]
