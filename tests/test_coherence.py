"""Coherent by default: served as `make serve` serves it (gunicorn, two workers, no
Redis), a change through the API or the admin is what every following anonymous request
sees, whichever worker answers."""

import http.cookiejar
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.admin.forms import form_data

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PRODUCT = "/products/acne-free-face-drops/"
API = "/api/v1/products/acne-free-face-drops/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """A throwaway site: SQLite database, media and static files in a temporary folder,
    default settings (no REDIS_URL), served by gunicorn with two workers."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        keep = ("PATH", "HOME", "LANG", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV")
        self.env = {k: v for k, v in os.environ.items() if k in keep}
        self.env.update(
            DJANGO_SETTINGS_MODULE="config.settings.base",
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
            MEDIA_ROOT=str(tmp / "media"),
            STATIC_ROOT=str(tmp / "static"),
            DJANGO_LOG_LEVEL="WARNING",
            DJANGO_API_THROTTLE_ANON="100000/min",
            DJANGO_SUPERUSER_PASSWORD="correct horse battery",
            PORT=str(self.port),
            GUNICORN_WORKERS="2",
            DJANGO_SECURE_COOKIES="0",  # served over plain HTTP on loopback
        )
        self.tmp = tmp

    def manage(self, *args) -> str:
        return subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def start(self):
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("load_demo")
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.manage("createsuperuser", "--noinput", "--username", "boss", "--email", "b@x.test")
        self.token = self.manage("drf_create_token", "boss").split()[2]
        self.log = open(self.tmp / "gunicorn.log", "w")  # noqa: SIM115 - closed in stop()
        self.server = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(150):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError((self.tmp / "gunicorn.log").read_text()[-2000:])

    def stop(self):
        self.server.terminate()
        self.server.wait(10)
        self.log.close()

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return response.read().decode()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("coherence"))
    site.start()
    yield site
    site.stop()


def warm(site):
    for _ in range(12):  # both workers answer, and cache what they would cache
        site.get(PRODUCT)
        site.get(API)


def test_an_api_change_is_what_every_following_request_sees(site):
    """After a price change through the API, each of 12 anonymous reads of the API and of
    the product page (answered by either worker) shows the new price."""
    warm(site)
    sku = json.loads(site.get(API))["variants"][0]["sku"]
    request = urllib.request.Request(
        f"{site.base}/api/v1/variants/{sku}/",
        data=json.dumps({"price": "452.00"}).encode(),
        method="PATCH",
        headers={"Authorization": f"Token {site.token}", "Content-Type": "application/json"},
    )
    assert urllib.request.urlopen(request, timeout=10).status == 200
    for _ in range(12):
        assert json.loads(site.get(API))["variants"][0]["price"] == "452.00"
        assert "452" in site.get(PRODUCT)


class _Page:
    def __init__(self, content: bytes):
        self.content = content


def test_an_admin_change_is_what_every_following_request_sees(site):
    """After a price change in the admin (signed in through the real form), each of 12
    anonymous reads shows it."""
    warm(site)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(path, data, referer):
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(site.base + path, data=body, headers={"Referer": referer})
        return opener.open(request, timeout=10)

    login = site.base + "/admin/login/"
    page = _Page(opener.open(login, timeout=10).read())
    data = form_data(page, "login-form")
    data.update({"username": ["boss"], "password": ["correct horse battery"]})
    post("/admin/login/", data, login)
    changelist = opener.open(site.base + "/admin/catalog/variant/?q=DEMO-AC-30ML", timeout=10)
    path = next(
        line.split('href="')[1].split('"')[0]
        for line in changelist.read().decode().splitlines()
        if "/admin/catalog/variant/" in line and "/change/" in line
    )
    form = _Page(opener.open(site.base + path, timeout=10).read())
    data = form_data(form, "variant_form")
    data["price"] = ["433.00"]
    post(path, data, site.base + path)
    for _ in range(12):
        assert json.loads(site.get(API))["variants"][0]["price"] == "433.00"
        assert "433" in site.get(PRODUCT)
