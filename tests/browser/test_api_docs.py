import pytest

pytestmark = pytest.mark.browser


def test_api_docs_work_in_a_browser_under_the_csp(site, open_page):
    """The API browser at /api/v1/docs/ starts, lists the endpoints and breaks no CSP rule,
    with every asset served by the site itself."""
    page = open_page(1280)
    errors, foreign = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: foreign.append(r.url) if not r.url.startswith(site) else None,
    )
    page.goto(f"{site}/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "Drops catalog API" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector("text=/api/v1/products/", timeout=15_000)
    assert errors == []
    assert [url for url in foreign if not url.startswith("data:")] == []
