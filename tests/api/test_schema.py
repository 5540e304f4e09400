import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/uses/",
    "/api/v1/uses/{slug}/",
    "/api/v1/products/",
    "/api/v1/products/{slug}/",
    "/api/v1/products/{slug}/images/",
    "/api/v1/variants/",
    "/api/v1/variants/{sku}/",
    "/api/v1/ingredients/",
    "/api/v1/ingredients/{id}/",
    "/api/v1/offers/",
    "/api/v1/offers/{id}/",
    "/api/v1/articles/",
    "/api/v1/articles/{slug}/",
    "/api/v1/article-products/",
    "/api/v1/article-products/{id}/",
    "/api/v1/exercises/",
    "/api/v1/exercises/{id}/",
    *(
        f"/api/v1/{kind}/{{slug}}/revisions/{tail}"
        for kind in ("products", "articles")
        for tail in ("", "{revision_id}/", "{revision_id}/approve/", "{revision_id}/send-back/")
    ),
}


@pytest.fixture(scope="module")
def schema(tmp_path_factory, django_db_blocker):
    path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    with django_db_blocker.unblock():
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


def test_schema_is_valid_openapi_without_warnings(schema):
    """drf-spectacular generates the schema with no warnings and it validates as
    OpenAPI 3."""
    assert schema["openapi"].startswith("3.")


def test_schema_covers_every_endpoint(schema):
    """Every endpoint of the API is in the schema."""
    assert set(schema["paths"]) == ENDPOINTS


def test_every_operation_documents_its_errors(schema):
    """Every operation documents 401 and 429 with the error body; reads document 304
    and 404; writes document 400 and 403; filtered lists document 400."""
    error_ref = {"$ref": "#/components/schemas/Error"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            responses = operation["responses"]
            expected = {"401", "429"}
            if method == "get":
                expected |= {"200", "304", "404"}
            else:
                expected |= {"400", "403"}
            assert expected <= set(responses), (method, path, sorted(responses))
            for code, response in responses.items():
                if code.startswith(("4", "5")):
                    body = response["content"]["application/json"]["schema"]
                    assert body == error_ref, (method, path, code)
            assert "Retry-After" in responses["429"]["headers"]
    for path in ("/api/v1/products/", "/api/v1/articles/"):
        assert "400" in schema["paths"][path]["get"]["responses"]


def test_filters_are_documented(schema):
    """The list filters appear as documented query parameters."""

    def names(path):
        return {p["name"] for p in schema["paths"][path]["get"]["parameters"]}

    assert {"use", "line", "available", "price_min", "price_max", "search", "ordering"} <= (
        names("/api/v1/products/")
    )
    assert {"use", "product", "search", "page", "page_size"} <= names("/api/v1/articles/")


def test_schema_endpoint_serves_openapi(api):
    """GET /api/v1/schema/ serves the OpenAPI document."""
    response = api.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Drops catalog API"


def test_docs_page_loads_only_local_assets(api):
    """The Swagger UI page loads its scripts and styles from this site, and they exist."""
    response = api.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in a for a in assets)
    for asset in assets:
        assert not re.match(r"^(https?:)?//", asset), asset
        if asset.startswith("/static/"):
            assert finders.find(asset.removeprefix("/static/")), asset


def test_the_docs_open_with_getting_started_and_list_public_endpoints_first(schema):
    description = schema["info"]["description"]
    for words in ["## Getting started", "Authorization: Token", "Rate limits", "60/min"]:
        assert words in description, words
    assert "`disclaimer`" in description and "`notices`" in description
    names = [tag["name"] for tag in schema["tags"]]
    assert names[:3] == ["products", "uses", "articles"]
    used = {tag for path in schema["paths"].values() for op in path.values() for tag in op["tags"]}
    assert used <= set(names)


def test_every_read_documents_its_languages(schema):
    """Each GET takes ?lang= (en or hi) and Accept-Language; the guide explains them."""
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        names = {(p["in"], p["name"]) for p in operations["get"].get("parameters", [])}
        assert {("query", "lang"), ("header", "Accept-Language")} <= names, path
    assert "Content-Language" in schema["info"]["description"]
