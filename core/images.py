"""Image uploads: strict validation, and WebP renditions made once per upload.

Every image a shopper sees goes through here, whether staff upload it in the admin,
through the API, or the demo loader draws it.
"""

import io
import warnings
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# The widest and tallest image WebP can hold: every upload gets WebP renditions.
MAX_SIDE = 16383


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.1f}"


def validate_image_upload(upload) -> None:
    """Refuse anything but a sound JPEG, PNG or WebP within the size limits.

    Checks, in order, so the message names the real problem: file size; that Pillow
    recognises the file as an image; the format; the pixel count and each side (read from
    the header, before any decoding, which defeats decompression bombs); that the file
    verifies and decodes completely (catches truncated files).
    """
    if upload is None or getattr(upload, "_committed", False):
        return  # nothing new: the file already stored was checked when it was uploaded
    size = getattr(upload, "size", None)
    max_bytes = settings.IMAGE_MAX_BYTES
    if size is not None and size > max_bytes:
        raise ValidationError(
            "This file is %(size)s MB; images may be at most %(max)s MB.",
            code="image_too_large",
            params={"size": f"{size / 1024 / 1024:.1f}", "max": f"{max_bytes / 1024 / 1024:g}"},
        )
    max_pixels = settings.IMAGE_MAX_PIXELS
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                fmt = image.format
                width, height = image.size
                if fmt not in ALLOWED_FORMATS:
                    raise ValidationError(
                        "This is a %(format)s image; upload a JPEG, PNG or WebP image.",
                        code="image_format",
                        params={"format": fmt or "unknown"},
                    )
                if width * height > max_pixels:
                    raise ValidationError(
                        "This image is %(w)s x %(h)s pixels (%(mp)s megapixels); images may "
                        "be at most %(max)s megapixels.",
                        code="image_too_many_pixels",
                        params={
                            "w": width,
                            "h": height,
                            "mp": _megapixels(width * height),
                            "max": _megapixels(max_pixels),
                        },
                    )
                if max(width, height) > MAX_SIDE:
                    raise ValidationError(
                        "This image is %(size)s px %(side)s; images may be at most %(max)s px "
                        "on a side.",
                        code="image_side_too_long",
                        params={
                            "size": max(width, height),
                            "side": "wide" if width >= height else "tall",
                            "max": f"{MAX_SIDE:,}",
                        },
                    )
                image.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            "This image has far too many pixels to process safely; images may be at most "
            "%(max)s megapixels.",
            code="image_too_many_pixels",
            params={"max": _megapixels(max_pixels)},
        ) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(
            "This file is not an image Pillow can read; upload a JPEG, PNG or WebP image.",
            code="image_unreadable",
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "This image is damaged or incomplete (%(reason)s); export it again and re-upload.",
            code="image_damaged",
            params={"reason": str(exc) or exc.__class__.__name__},
        ) from exc
    finally:
        if hasattr(upload, "seek"):
            upload.seek(0)


class StrictImageFormField(forms.ImageField):
    """Runs our checks before Django's own, so staff see why a file was refused
    rather than Django's generic "not an image or a corrupted image"."""

    def to_python(self, data):
        validate_image_upload(data)
        return super().to_python(data)


class StrictImageField(models.ImageField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_image_upload])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": StrictImageFormField, **kwargs})


def make_renditions(name: str) -> list[dict]:
    """Write WebP copies of the stored image ``name`` at the configured widths and
    return ``[{"width", "height", "name"}, ...]`` from narrowest to widest.

    No copy is wider than the original; an original narrower than every width gets
    one copy at its own width.
    """
    with default_storage.open(name, "rb") as fh, Image.open(fh) as original:
        original.load()
        image = ImageOps.exif_transpose(original)
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    widths = sorted({w for w in settings.IMAGE_RENDITION_WIDTHS if w < image.width})
    widths.append(image.width)
    stem = PurePosixPath(name).stem
    renditions = []
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, "WEBP", quality=80, method=4)
        stored = default_storage.save(
            f"renditions/{stem}-{width}w.webp", ContentFile(buffer.getvalue())
        )
        renditions.append({"width": width, "height": height, "name": stored})
    return renditions


def delete_after_commit(names) -> None:
    """Delete stored files once the transaction that stopped using them commits: never
    before, or a rollback would leave rows pointing at nothing."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def delete_renditions(renditions: list[dict]) -> None:
    delete_after_commit(rendition["name"] for rendition in renditions or [])


def rendition_urls(renditions: list[dict]) -> list[dict]:
    return [
        {"width": r["width"], "height": r["height"], "url": default_storage.url(r["name"])}
        for r in renditions or []
    ]


def srcset(renditions: list[dict]) -> str:
    return src_and_srcset(renditions)[1]


def src_and_srcset(renditions: list[dict]) -> tuple[str | None, str]:
    """For an ``<img>``: a middle-sized rendition for ``src`` (browsers without srcset;
    None when there are no renditions, for the caller's original) and the ``srcset``."""
    urls = rendition_urls(renditions)
    if not urls:
        return None, ""
    fitting = [r for r in urls if r["width"] >= 640]
    src = (fitting[0] if fitting else urls[-1])["url"]
    return src, ", ".join(f"{r['url']} {r['width']}w" for r in urls)


def store_displayed_size(
    instance, width_field: str = "width", height_field: str = "height"
) -> None:
    """Store the size shoppers see, that of the widest rendition: the original turned
    upright by its EXIF orientation. An ImageField's width_field and height_field read
    the file as stored, so a photo a phone saved sideways would be recorded sideways."""
    if not instance.renditions:
        return
    widest = instance.renditions[-1]
    size = {width_field: widest["width"], height_field: widest["height"]}
    if all(getattr(instance, name) == value for name, value in size.items()):
        return
    for name, value in size.items():
        setattr(instance, name, value)
    type(instance)._default_manager.filter(pk=instance.pk).update(**size)


def refresh_renditions(instance, field: str = "image") -> None:
    """(Re)make an instance's renditions when its image changed since they were made.

    Works for any model with ``renditions`` and ``renditions_source`` beside an image
    field, so articles' hero images share the pipeline.
    """
    image = getattr(instance, field)
    name = image.name if image else ""
    if name == instance.renditions_source:
        return
    old, old_source = instance.renditions, instance.renditions_source
    instance.renditions = make_renditions(name) if name else []
    instance.renditions_source = name
    type(instance)._default_manager.filter(pk=instance.pk).update(
        renditions=instance.renditions, renditions_source=name
    )
    # The replaced original goes with its renditions.
    delete_after_commit([old_source, *(r["name"] for r in old or [])])
