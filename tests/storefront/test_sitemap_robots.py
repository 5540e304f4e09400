import xml.etree.ElementTree as ET

import pytest

from compliance.models import PublicationStatus
from tests.factories import ArticleFactory, ProductFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.findall("sm:url/sm:loc", NS)]
    assert all(loc.startswith("http://testserver/") for loc in locations)
    return {loc.removeprefix("http://testserver") for loc in locations}


def test_sitemap_lists_every_public_page(client, demo):
    """The sitemap lists home, the article list, the four uses, the five products, the
    article and the seven store pages, as absolute URLs, each also in Hindi."""
    english = {
        "/",
        "/articles/",
        "/uses/muscle-joint-pain/",
        "/uses/acne/",
        "/uses/anxiety-panic/",
        "/uses/digestive-comfort/",
        "/products/muscle-joint-pain-drops/",
        "/products/acne-free-face-drops/",
        "/products/anxiety-fear-panic-drops/",
        "/products/bloating-indigestion-drops/",
        "/products/muscle-pain-ayurvedic-cbd-drops/",
        "/articles/lower-back-spasms-exercises/",
        "/pages/shipping/",
        "/pages/returns/",
        "/pages/payment/",
        "/pages/contact/",
        "/pages/grievance-officer/",
        "/pages/privacy/",
        "/pages/terms/",
    }
    assert sitemap_paths(client) == english | {f"/hi{path}" for path in english}


@pytest.mark.parametrize(
    "status", [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW, PublicationStatus.ARCHIVED]
)
def test_sitemap_leaves_out_unpublished_and_archived(client, status):
    """Drafts, items in review and archived items are not in the sitemap."""
    public_product, public_article = ProductFactory(), ArticleFactory()
    hidden_product = ProductFactory(status=status)
    hidden_article = ArticleFactory(status=status)
    paths = sitemap_paths(client)
    assert public_product.get_absolute_url() in paths
    assert public_article.get_absolute_url() in paths
    assert hidden_product.get_absolute_url() not in paths
    assert hidden_article.get_absolute_url() not in paths


def test_robots_txt_points_to_sitemap_and_keeps_out_admin_and_search(client, db, settings):
    """robots.txt names the sitemap and disallows the admin and search."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Disallow: /{settings.ADMIN_URL}" in lines
    assert "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
