import logging

import pytest
from rest_framework.test import APIClient

from catalog.api.views import ProductViewSet
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

SECRET = "password=hunter2 host=db.internal:5432"


def explode(*args, **kwargs):
    raise RuntimeError(SECRET)


def server_errors(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "django.request" and r.levelname == "ERROR"]


def test_unexpected_exception_in_an_api_view_answers_500_in_the_error_shape(caplog, monkeypatch):
    """An exception in an API view answers 500 as JSON, with no traceback or exception text."""
    monkeypatch.setattr(ProductViewSet, "list", explode)
    api = APIClient()
    api.raise_request_exception = False
    response = api.get("/api/v1/products/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": 500,
        "code": "server_error",
        "message": "Something went wrong on our side. Please try again in a moment.",
    }
    assert b"hunter2" not in response.content and b"Traceback" not in response.content
    assert b"RuntimeError" not in response.content


def test_api_server_error_is_logged_once_with_its_traceback(caplog, monkeypatch):
    """The exception is logged once, at error level, with its traceback, for the operators."""
    monkeypatch.setattr(ProductViewSet, "list", explode)
    api = APIClient()
    api.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        api.get("/api/v1/products/")
    [record] = server_errors(caplog)
    assert record.getMessage() == "Internal Server Error: /api/v1/products/"
    assert record.exc_info and str(record.exc_info[1]) == SECRET
    assert record.status_code == 500


def test_staff_write_that_fails_answers_500_in_the_error_shape(
    monkeypatch, client_for, catalog_manager
):
    """A failing staff write answers the JSON 500 too, whatever the method."""
    product = ProductFactory(status="draft")
    monkeypatch.setattr(ProductViewSet, "update", explode)
    api = client_for(catalog_manager)
    api.raise_request_exception = False
    response = api.patch(f"/api/v1/products/{product.slug}/", {"tagline": "New"}, format="json")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"


def test_the_exception_still_reaches_error_reporting(monkeypatch):
    """Django's got_request_exception still fires, so the test client (and error trackers)
    see the exception."""
    monkeypatch.setattr(ProductViewSet, "list", explode)
    with pytest.raises(RuntimeError, match="hunter2"):
        APIClient().get("/api/v1/products/")


def test_storefront_server_errors_keep_the_html_page(client, monkeypatch):
    """A storefront page's 500 is still the branded HTML page, not JSON."""
    from storefront import views

    monkeypatch.setattr(views.HomeView, "get", explode)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert b"Something went wrong on our side" in response.content
