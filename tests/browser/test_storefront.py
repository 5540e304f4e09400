import json
import os
import re
from pathlib import Path

import axe_playwright_python
import pytest

from tests.browser.conftest import DOCS_SCREENSHOTS, PAGES, screenshot

pytestmark = pytest.mark.browser

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WIDTHS = {"phone": 390, "desktop": 1280}


def heading(page) -> str:
    return page.locator("h1").first.inner_text()


@pytest.mark.parametrize("device", WIDTHS)
def test_click_home_use_product_article_product(site, open_page, device):
    """A shopper clicks home -> use -> product -> article -> product on a phone and a
    desktop; each page opens with its own heading and the browser reports no error
    (the site's Content-Security-Policy included); screenshots of each are kept."""
    page = open_page(WIDTHS[device])
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(site + "/")
    assert "herbal" in heading(page).lower()
    screenshot(page, f"home-{device}")

    page.get_by_role("link", name=re.compile("^Muscle & joint pain")).first.click()
    page.wait_for_url("**/uses/muscle-joint-pain/")
    assert heading(page) == "Muscle & joint pain"
    screenshot(page, f"use-{device}")

    page.get_by_role("link", name="Muscle Pain Ayurvedic CBD Oil Drops").click()
    page.wait_for_url("**/products/muscle-pain-ayurvedic-cbd-drops/")
    assert heading(page) == "Muscle Pain Ayurvedic CBD Oil Drops"
    assert page.locator(".product__image").first.evaluate("img => img.complete")
    screenshot(page, f"product-{device}")

    page.get_by_role("link", name=re.compile("^Lower back spasms")).click()
    page.wait_for_url("**/articles/lower-back-spasms-exercises/")
    assert heading(page).startswith("Lower back spasms")
    assert page.locator(".steps > li").count() == 5
    screenshot(page, f"article-{device}")

    page.locator(".recommended").get_by_role(
        "link", name="Paincare Drops for Muscle & Joint Pain"
    ).click()
    page.wait_for_url("**/products/muscle-joint-pain-drops/")
    assert heading(page) == "Paincare Drops for Muscle & Joint Pain"
    # The 30 ml pack's Buy link sits in view under the title, before the long text.
    buy = page.get_by_role("link", name=re.compile("^Buy 30 ml at "))
    assert buy.get_attribute("href") == "https://shop.example.com/cart/add?sku=DEMO-MJ-30ML"
    assert buy.get_attribute("rel") == "nofollow noopener external"
    box = buy.bounding_box()
    assert box is not None and box["y"] + box["height"] < page.viewport_size["height"] * 2
    assert page.get_by_role("heading", name="Product information required by law").is_visible()
    screenshot(page, f"product-buy-{device}")
    assert console_errors == []  # no Content-Security-Policy report, no failed asset


@pytest.mark.parametrize("device", WIDTHS)
def test_screenshots_of_every_page_type(site, open_page, device):
    """Every page type renders at phone and desktop width; screenshots go under
    test-artifacts/screenshots/, and with STOREFRONT_DOCS_SCREENSHOTS=1 the product
    page's replace the README's in docs/screenshots/."""
    page = open_page(WIDTHS[device])
    for name, path in PAGES.items():
        page.goto(site + path)
        assert page.locator("h1").count() == 1, name
        screenshot(page, f"{name}-{device}")
    if os.environ.get("STOREFRONT_DOCS_SCREENSHOTS") == "1":
        page.goto(site + PAGES["product"])
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS_SCREENSHOTS / f"{device}.png"), full_page=False)


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations(site, open_page, name):
    """axe-core finds no accessibility violation on each page type."""
    page = open_page(390, bypass_csp=True)
    page.goto(site + PAGES[name])
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run(document)")
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + json.dumps([n["target"] for n in v["nodes"]][:5])
        for v in result["violations"]
    ]
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_at_360(site, open_page, name):
    """Nothing is wider than a 360 px phone."""
    page = open_page(360, 740)
    page.goto(site + PAGES[name])
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] == 360


def test_skip_link_is_first_and_focus_is_visible(site, open_page):
    """The first Tab lands on the skip link, shown with a 3 px focus ring, and it moves
    focus to the main content."""
    page = open_page(390)
    page.goto(site + PAGES["product"])
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const el = document.activeElement; const s = getComputedStyle(el);"
        " const r = el.getBoundingClientRect();"
        " return {text: el.textContent, width: s.outlineWidth, style: s.outlineStyle,"
        " top: r.top}; }"
    )
    assert focused["text"] == "Skip to content"
    assert focused["width"] == "3px" and focused["style"] == "solid"
    assert focused["top"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"


@pytest.mark.parametrize("name", ["home", "product", "article", "search-empty"])
def test_tap_targets_are_at_least_44px(site, open_page, name):
    """Controls, navigation links, chips and buttons are at least 44 px tall on a phone."""
    page = open_page(390)
    page.goto(site + PAGES[name])
    small = page.evaluate(
        """() => [...document.querySelectorAll(
            'button, input, .button, .site-nav a, .brand, .chip--link, .footer-links a,'
            + ' .breadcrumbs a, .use-tile a, .more-link')]
          .map(el => [el.textContent.trim() || el.outerHTML.slice(0, 60),
                      el.getBoundingClientRect()])
          .filter(([, r]) => r.height < 44 || r.width < 44)
          .map(([label, r]) => `${label}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )
    assert small == []
