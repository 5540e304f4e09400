import io
import json

import pytest
from rest_framework.exceptions import ParseError
from rest_framework.test import APIClient

from core.api.parsers import JSONParser, nested_deeper_than
from tests.factories import ArticleFactory, ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.fixture
def endpoints():
    """A write endpoint of each kind, with the method that writes to it."""
    product = ProductFactory(status="draft")
    article = ArticleFactory(status="draft")
    variant = VariantFactory(product=product)
    return [
        ("post", "/api/v1/products/"),
        ("patch", f"/api/v1/products/{product.slug}/"),
        ("put", f"/api/v1/products/{product.slug}/"),
        ("post", "/api/v1/articles/"),
        ("patch", f"/api/v1/articles/{article.slug}/"),
        ("post", "/api/v1/variants/"),
        ("patch", f"/api/v1/variants/{variant.sku}/"),
        ("post", "/api/v1/exercises/"),
        ("post", "/api/v1/article-products/"),
    ]


@pytest.fixture
def superuser_api(django_user_model, client_for):
    user = django_user_model.objects.create_superuser("root", password="correct horse battery")
    return client_for(user)


def send(api, method, url, body):
    api.raise_request_exception = False
    return getattr(api, method)(url, body, content_type="application/json")


def test_deeply_nested_body_answers_400_to_staff(superuser_api, endpoints):
    """100,000 nested brackets in a staff write answer 400 parse_error at every endpoint."""
    for method, url in endpoints:
        for body in (DEEP, '{"name": ' + DEEP + "}"):
            response = send(superuser_api, method, url, body)
            assert response.status_code == 400, (method, url, response.content[:200])
            assert response.json() == {
                "status": 400,
                "code": "parse_error",
                "message": "JSON parse error - lists and objects may nest at most 32 levels deep.",
            }


def test_deeply_nested_body_answers_4xx_to_anonymous_callers(endpoints):
    """An anonymous caller's deeply nested write is refused in the JSON error shape."""
    for method, url in endpoints:
        response = send(APIClient(), method, url, DEEP)
        assert 400 <= response.status_code < 500, (method, url)
        assert set(response.json()) == {"status", "code", "message"}


def test_nesting_just_past_the_limit_is_refused_before_validation(superuser_api):
    """33 levels are refused as unparseable; 32 levels reach the serializer's own checks."""
    too_deep = send(
        superuser_api, "post", "/api/v1/products/", '{"name":' + "[" * 32 + "]" * 32 + "}"
    )
    assert too_deep.status_code == 400
    assert too_deep.json()["code"] == "parse_error"
    at_limit = send(
        superuser_api, "post", "/api/v1/products/", '{"name":' + "[" * 31 + "]" * 31 + "}"
    )
    assert at_limit.status_code == 400
    assert at_limit.json()["code"] != "parse_error"
    assert "name" in at_limit.json()["errors"]


def test_parser_refuses_depth_past_its_limit_at_any_stack_depth():
    """The parser's limit holds whatever the decoder's own recursion limit would allow."""
    parser = JSONParser()
    assert parser.parse(io.BytesIO(b"[" * 32 + b"]" * 32)) == json.loads("[" * 32 + "]" * 32)
    for body in (b"[" * 33 + b"]" * 33, DEEP.encode()):
        with pytest.raises(ParseError):
            parser.parse(io.BytesIO(body))


def test_depth_is_counted_through_lists_and_objects():
    """Objects and lists both count as a level; plain values do not."""
    assert not nested_deeper_than({"a": [1, {"b": "c"}]}, 3)
    assert nested_deeper_than({"a": [1, {"b": ["c"]}]}, 3)
    assert not nested_deeper_than("text", 0)
