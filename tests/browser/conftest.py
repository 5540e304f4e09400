"""A real Chromium (Debian's /usr/bin/chromium) driven by playwright against the live
server, with the demo catalog loaded."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from catalog.models import UseCategory
from compliance.models import PublicationStatus
from tests.factories import ProductFactory, VariantFactory

# playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are ordinary synchronous calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"

PAGES = {
    "home": "/",
    "use": "/uses/muscle-joint-pain/",
    "product": "/products/muscle-pain-ayurvedic-cbd-drops/",
    "archived-product": "/products/retired-muscle-drops/",
    "article-list": "/articles/",
    "article": "/articles/lower-back-spasms-exercises/",
    "search": "/search/?q=back",
    "search-empty": "/search/?q=zebra",
    "not-found": "/no/such/page/",
    "shipping": "/pages/shipping/",
    "returns": "/pages/returns/",
    "payment": "/pages/payment/",
    "contact": "/pages/contact/",
    "grievance-officer": "/pages/grievance-officer/",
    "privacy": "/pages/privacy/",
    "terms": "/pages/terms/",
}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """``open_page(width)`` gives a fresh page of that viewport width at device scale 1;
    ``bypass_csp=True`` lets a test inject its own script (axe) past the site's CSP."""
    contexts = []

    def make(width: int, height: int = 900, bypass_csp: bool = False):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=1,
            bypass_csp=bypass_csp,
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL, with the demo catalog and one archived product."""
    call_command("load_demo", verbosity=0)
    muscle = UseCategory.objects.get(slug="muscle-joint-pain")
    retired = ProductFactory(
        name="Retired Muscle Drops",
        slug="retired-muscle-drops",
        primary_use=muscle,
        status=PublicationStatus.ARCHIVED,
    )
    VariantFactory(product=retired)
    return live_server.url


def load_lazy_images(page) -> None:
    """A full-page screenshot shows what is below the fold: load lazy images first."""
    page.evaluate(
        """async () => {
            const images = [...document.querySelectorAll('img[loading="lazy"]')];
            images.forEach((img) => { img.loading = "eager"; });
            const pending = images.filter((img) => !img.complete);
            await Promise.all(pending.map((img) => img.decode().catch(() => null)));
        }"""
    )


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    load_lazy_images(page)
    page.screenshot(path=str(path), full_page=True)
    return path
