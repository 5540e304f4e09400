"""Render the public pages ahead of time, so that readers, crawlers included, are served
built pages from the first request (after a deployment, say)."""

import multiprocessing
import re
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.test import Client, override_settings
from django.urls import reverse

from articles.models import Article
from catalog.models import Product


class Command(BaseCommand):
    help = (
        "Build the public pages (every page of the sitemap, the sitemap and the merchant "
        "feed, and the API's product and article details) for one host, as anonymous "
        "readers get them. Pages already built are rebuilt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=None,
            help="The host the site is served as (default: the first DJANGO_ALLOWED_HOSTS).",
        )
        parser.add_argument("--https", action="store_true", help="The site is served over HTTPS.")
        parser.add_argument("--no-api", action="store_true", help="Skip the API's details.")
        parser.add_argument(
            "--jobs", type=int, default=1, help="Processes building at once (one per core)."
        )

    def handle(self, *args, host=None, https=False, no_api=False, jobs=1, **options):
        if not settings.BUILT_PAGES:
            raise CommandError("Built pages are off (DJANGO_BUILT_PAGES=0).")
        host = host or next((h for h in settings.ALLOWED_HOSTS if "*" not in h), "localhost")
        paths = self.paths(Client(HTTP_HOST=host), https, no_api)
        started = time.perf_counter()
        jobs = max(1, min(jobs, len(paths)))
        if jobs == 1:
            refused = build(host, https, paths)
        else:
            connections.close_all()  # each process opens its own
            slices = [(host, https, paths[n::jobs]) for n in range(jobs)]
            context = multiprocessing.get_context("fork")
            with context.Pool(jobs, initializer=forget_inherited_connections) as pool:
                refused = [path for part in pool.starmap(build_apart, slices) for path in part]
        failed = len(refused)
        for path in refused:
            self.stderr.write(f"{path} did not answer 200")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Built {len(paths) - failed} pages for {host} in {elapsed:.1f} s"
            + (f"; {failed} did not answer 200" if failed else "")
        )
        if failed:
            raise CommandError(f"{failed} pages could not be built.")

    @staticmethod
    def paths(client, https, no_api) -> list[str]:
        """The sitemap's pages, the sitemap and the feed, and the API's details."""
        sitemap = client.get(reverse("storefront:sitemap"), secure=https).content.decode()
        pages = [
            re.sub(r"^https?://[^/]+", "", loc)
            for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)
        ]
        pages += [reverse("storefront:sitemap"), "/feeds/products.xml"]
        if not no_api:
            pages += [
                f"/api/v1/products/{slug}/"
                for slug in Product.objects.published().values_list("slug", flat=True)
            ]
            pages += [
                f"/api/v1/articles/{slug}/"
                for slug in Article.objects.published().values_list("slug", flat=True)
            ]
        return list(dict.fromkeys(pages))


def build(host: str, https: bool, paths: list[str]) -> list[str]:
    """Render ``paths`` as an anonymous reader gets them, keeping each; those refused."""
    client = Client(HTTP_HOST=host)
    refused = []
    with override_settings(BUILT_PAGES_ON_READ=True):
        for path in paths:
            if client.get(path, secure=https).status_code != 200:
                refused.append(path)
    return refused


_inherited = []  # in a forked process: the parent's connections, never used nor closed


def forget_inherited_connections() -> None:
    """In a forked process, set aside every database connection the parent had open:
    it shares the parent's socket, so neither using nor closing it here is safe (two
    processes on one socket read each other's answers). Django opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            _inherited.append(connection.connection)  # kept, so it is never finalised
            connection.connection = None
        connection.in_atomic_block = False
        connection.savepoint_ids = []
        connection.needs_rollback = False
        connection.closed_in_transaction = False


def build_apart(host: str, https: bool, paths: list[str]) -> list[str]:
    """``build`` in a process of its own, which closes its connections when done."""
    try:
        return build(host, https, paths)
    finally:
        connections.close_all()
