import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3v9-" + "x7Qp2mZr8Lw4" * 5,
    "DJANGO_ALLOWED_HOSTS": "shop.example",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_BEHIND_TLS_PROXY": "1",
    "DJANGO_HSTS_SECONDS": "31536000",
    "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "1",
    "DJANGO_HSTS_PRELOAD": "1",
}


def test_check_deploy_is_clean_with_production_settings():
    """manage.py check --deploy finds nothing with the documented production settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="config.settings.base")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client, demo):
    """Storefront pages send a strict CSP and the standard hardening headers."""
    response = client.get("/products/acne-free-face-drops/", secure=True)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "max-age=" in response["Strict-Transport-Security"]


@pytest.mark.django_db
def test_admin_pages_are_never_cached(admin_client):
    """Every admin page says private, no-store."""
    for url in [reverse("admin:index"), reverse("admin:catalog_product_changelist")]:
        cache_control = admin_client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control
    login = admin_client.get(reverse("admin:login"))
    assert "no-store" in login["Cache-Control"]


@pytest.mark.django_db
def test_admin_login_locks_out_after_repeated_failures(client, django_user_model, settings):
    """After the allowed number of wrong passwords, even the right one is refused for a while."""
    settings.AXES_FAILURE_LIMIT = 3
    django_user_model.objects.create_user("editor", password="right-password-123", is_staff=True)
    url = reverse("admin:login")
    for _ in range(3):
        response = client.post(url, {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    locked = client.post(url, {"username": "editor", "password": "right-password-123"})
    assert locked.status_code == 429
    assert b"Too many failed sign-in attempts" in locked.content
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_other_users_are_not_locked_out(client, django_user_model, settings):
    """A lockout is per user name and address: another account still signs in."""
    settings.AXES_FAILURE_LIMIT = 2
    django_user_model.objects.create_user("reviewer", password="right-password-123", is_staff=True)
    url = reverse("admin:login")
    for _ in range(2):
        client.post(url, {"username": "someone", "password": "wrong"})
    response = client.post(url, {"username": "reviewer", "password": "right-password-123"})
    assert response.status_code == 302


def test_admin_url_comes_from_the_environment():
    """DJANGO_ADMIN_URL moves the admin."""
    from tests.test_settings import load_settings

    code = "from django.conf import settings; print(settings.ADMIN_URL)"
    result = load_settings(code=code, DJANGO_DEBUG="1", DJANGO_ADMIN_URL="/staff-desk/")
    assert result.stdout.strip() == "staff-desk/"
