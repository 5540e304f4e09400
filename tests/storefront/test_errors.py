import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from storefront.views import server_error

pytestmark = pytest.mark.django_db


def test_404_is_branded_with_search_and_uses(client, demo):
    """An unknown address gets the branded 404 page with search and the four uses."""
    response = client.get("/no/such/page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in page
    assert 'role="search"' in page
    assert page.count('class="use-tile ') == 4
    assert '<meta name="robots" content="noindex">' in page


def test_500_page_is_branded_and_never_touches_the_database(db):
    """The 500 page renders with no database query and no request context."""
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        response = server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert len(queries) == 0
    assert "Something went wrong on our side" in page
    assert "Paincare Drops" in page
    assert "<script" not in page and " style=" not in page


def test_500_page_still_answers_when_its_template_fails(db, monkeypatch):
    """If the error template itself cannot render, a bare page still answers 500."""
    from storefront import views

    def broken(name):
        raise RuntimeError("template storage is gone")

    monkeypatch.setattr(views.loader, "get_template", broken)
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_server_error_handler_is_wired(client, settings, monkeypatch):
    """An exception in a view answers with the branded 500 page."""
    from storefront import views

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.HomeView, "get", explode)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
