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


@pytest.fixture
def demo(db):
    """The demo catalog, as `manage.py load_demo` loads it."""
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
