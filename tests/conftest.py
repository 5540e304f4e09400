import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files and renditions go to a throwaway folder for every test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


BRAND_DETAILS = {
    "manufacturer_name": "Test Herbals Pvt. Ltd.",
    "manufacturer_address": "Plot 1, Test Industrial Area\nBengaluru 560001, India",
    "country_of_origin": "India",
    "consumer_care_phone": "+91 80 1234 5678",
    "consumer_care_email": "care@example.com",
}


@pytest.fixture(autouse=True)
def _brand_details(request):
    """Tests with a database start from a brand whose statutory details are set in Site
    settings, as a launched site's are (tests about missing ones empty them)."""
    uses_db = request.node.get_closest_marker("django_db") or any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server")
    )
    if not uses_db:
        return
    request.getfixturevalue("transactional_db" if _transactional(request) else "db")
    from compliance.models import SiteSettings

    SiteSettings.objects.filter(pk=1).update(**BRAND_DETAILS)


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
    )


@pytest.fixture
def demo(db):
    """The demo catalog, as `manage.py load_demo` loads it on a new site (whose Site
    settings hold no brand details yet: the demo's are written)."""
    from compliance.models import SiteSettings

    SiteSettings.objects.filter(pk=1).update(**dict.fromkeys(BRAND_DETAILS, ""))
    call_command("load_demo", verbosity=0)


@pytest.fixture
def make_staff(django_user_model):
    """Create an active staff user in one of the role groups."""

    def make(group: str | None = None, username: str | None = None):
        user = django_user_model.objects.create_user(
            username=username or (group or "staff").lower().replace(" ", "-"),
            password="correct horse battery",
            is_staff=True,
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def catalog_manager(make_staff):
    return make_staff("Catalog managers")


@pytest.fixture
def content_editor(make_staff):
    return make_staff("Content editors")


@pytest.fixture
def claims_reviewer(make_staff):
    return make_staff("Claims reviewers")


@pytest.fixture
def client_for():
    """An API client authenticated with the given user's token, as staff tools call it."""

    def make(user) -> APIClient:
        token, _ = Token.objects.get_or_create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
