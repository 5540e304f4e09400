"""Odd and hostile input at every URL pattern: nothing answers with a server error."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import ArticleProductFactory, ExerciseFactory, VariantFactory

HOSTILE = [
    "A" * 5000,
    "\x00",
    "%00",
    "%ff%fe%",
    "%",
    "' OR '1'='1' --",
    "1; DROP TABLE catalog_product;",
    "<script>alert(1)</script>",
    "../../../etc/passwd",
    "\U0001f600\u202e",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "null",
]
QUERY_KEYS = [
    "q",
    "page",
    "search",
    "ordering",
    "use",
    "line",
    "product",
    "available",
    "price_min",
    "price_max",
    "format",
    "page_size",
]
CONVERTER = re.compile(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)")


def url_templates(resolver=None, prefix=""):
    """Every URL pattern as a path with ``{}`` where each parameter goes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$").replace("\\Z", "")
        if isinstance(entry, URLResolver):
            yield from url_templates(entry, route)
        elif isinstance(entry, URLPattern):
            template = CONVERTER.sub("{}", route).replace("\\.", ".").replace("\\", "")
            template = re.sub(r"[\^$?*+]|\.\*|\(.*?\)", "", template)
            yield "/" + template


TEMPLATES = sorted(set(url_templates()))


def fill(template: str, value: str) -> str:
    return template.replace("{}", value)


def query(value: str) -> dict:
    return {key: value for key in QUERY_KEYS}


@pytest.fixture
def hostile_client(client):
    client.raise_request_exception = True
    return client


@pytest.fixture
def catalog(db):
    """A small catalog (no images, so each of the many tests stays quick)."""
    link = ArticleProductFactory()
    VariantFactory(product=link.product)
    ExerciseFactory(article=link.article)
    return link


@pytest.mark.django_db
@pytest.mark.parametrize("template", TEMPLATES)
def test_hostile_input_never_causes_a_server_error(template, hostile_client, admin_user, catalog):
    """Long, NUL, bad percent-encoding, SQL and script input: anonymous and staff, GET and
    POST, in the path and the query string; every answer is below 500."""
    failures = []
    for value in HOSTILE:
        path = fill(template, value)
        for method in ("get", "post"):
            response = getattr(hostile_client, method)(
                path, query(value) if method == "get" else {"q": value, "slug": value}
            )
            if response.status_code >= 500:
                failures.append((method, path[:80], repr(value[:20]), response.status_code))
    hostile_client.force_login(admin_user)
    for value in HOSTILE[:6]:
        response = hostile_client.get(fill(template, value), query(value))
        if response.status_code >= 500:
            failures.append(("staff get", template, repr(value[:20]), response.status_code))
    assert failures == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw",
    [
        "/products/%ff%fe/",
        "/search/?q=%ff%fe%00",
        "/api/v1/products/?price_min=%00&ordering=%ff",
        "/articles/?page=%00",
        "/" + "a/" * 500,
        "/media/../../etc/passwd",
        "/static/../config/settings/base.py",
    ],
)
def test_raw_broken_paths_never_cause_a_server_error(raw, hostile_client, catalog):
    """Byte-level garbage in raw paths is answered below 500."""
    assert hostile_client.get(raw).status_code < 500


def test_every_pattern_is_covered():
    """The storefront, API, admin, feed and probes are all in the sweep."""
    for expected in ["/products/{}/", "/api/v1/products/{}/", "/feeds/products.xml", "/readyz"]:
        assert expected in TEMPLATES
    assert any(t.startswith("/admin/") for t in TEMPLATES)
