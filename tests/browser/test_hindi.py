"""The Hindi storefront in a real Chromium: a shopper switches language and keeps their
page, the Devanagari is drawn with the site's own font subset (this machine has no
Devanagari font of its own, so boxes would show without it: a device that has one
never fetches the subset), and axe finds nothing."""

import json
from pathlib import Path

import axe_playwright_python
import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
FONT = "Noto Sans Devanagari Subset"


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + json.dumps([n["target"] for n in v["nodes"]][:5])
        for v in result["violations"]
    ]


def custom_fonts(page, selector: str) -> set[str]:
    """The web fonts Chromium drew ``selector``'s text with (DevTools protocol)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["postScriptName"] for font in fonts if font["isCustomFont"]}


def test_a_shopper_reads_the_product_and_article_in_hindi(site, open_page):
    page = open_page(390, bypass_csp=True)
    fonts = []
    page.on("request", lambda r: fonts.append(r.url) if r.url.endswith(".woff2") else None)
    page.goto(site + "/products/muscle-joint-pain-drops/")
    page.get_by_role("link", name="हिन्दी").click()
    page.wait_for_url("**/hi/products/muscle-joint-pain-drops/")
    assert page.locator("html").get_attribute("lang") == "hi"
    heading = page.locator("h1").first
    assert heading.inner_text().startswith("Paincare ड्रॉप्स")
    page.evaluate("async () => { await document.fonts.ready; }")
    # The heading's Devanagari is drawn with the subset, fetched from this site only.
    assert page.evaluate(f"() => document.fonts.check('700 16px \"{FONT}\"', 'कमर')")
    # Every Hindi text is drawn with it, not with a system font's empty boxes.
    for selector in ("h1", ".site-nav a", ".breadcrumbs a", ".variants th", "footer a"):
        assert custom_fonts(page, selector) & {
            "NotoSansDevanagari-Regular",
            "NotoSansDevanagari-Bold",
        }, selector
    assert fonts and all(url.startswith(site) for url in fonts)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    screenshot(page, "hi-product-390")
    assert axe_violations(page) == []

    page.get_by_role("link", name="कमर की ऐंठन", exact=False).first.click()
    page.wait_for_url("**/hi/articles/lower-back-spasms-exercises/")
    assert page.locator(".steps > li").count() == 5
    assert page.locator(".steps h3").first.inner_text().startswith("घुटना छाती तक")
    page.evaluate("async () => { await document.fonts.ready; }")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    screenshot(page, "hi-article-390")
    assert axe_violations(page) == []

    # Back to English on the same article.
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/articles/lower-back-spasms-exercises/")
    assert page.locator("html").get_attribute("lang") == "en-GB"
