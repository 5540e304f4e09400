"""Images built in memory for tests: real files of each kind, and broken ones."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (64, 48), colour="#2F6B4F") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


def upload(name: str = "bottle.png", fmt: str = "PNG", size=(64, 48)) -> SimpleUploadedFile:
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, size), content_type=content_type)


def rotated_jpeg(size: tuple[int, int] = (300, 200), orientation: int = 6) -> bytes:
    """A JPEG stored ``size`` as a phone saves it, with the EXIF orientation that turns
    it upright for viewing (6: rotate 90° clockwise, so 300 x 200 shows as 200 x 300)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    buffer = io.BytesIO()
    Image.new("RGB", size, "#2F6B4F").save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that claims to be width x height: a decompression bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def bomb_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("bomb.png", png_header_only(30_000, 30_000), "image/png")


def truncated_upload() -> SimpleUploadedFile:
    data = image_bytes("JPEG", (400, 300))
    return SimpleUploadedFile("cut.jpg", data[: len(data) // 2], "image/jpeg")


def text_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("notes.png", b"just some text, not an image\n" * 20, "image/png")
