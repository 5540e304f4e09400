"""Render the public pages ahead of time, so that readers, crawlers included, are served
built pages from the first request (after a deployment, say)."""

import re
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
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

    def handle(self, *args, host=None, https=False, no_api=False, verbosity=1, **options):
        if not settings.BUILT_PAGES:
            raise CommandError("Built pages are off (DJANGO_BUILT_PAGES=0).")
        host = host or next((h for h in settings.ALLOWED_HOSTS if "*" not in h), "localhost")
        client = Client(HTTP_HOST=host)
        paths = self.paths(client, https, no_api)
        started = time.perf_counter()
        failed = 0
        with override_settings(BUILT_PAGES_ON_READ=True):
            for number, path in enumerate(paths, 1):
                response = client.get(path, secure=https)
                if response.status_code != 200:
                    failed += 1
                    self.stderr.write(f"{path} answered {response.status_code}")
                if verbosity > 1 and number % 500 == 0:
                    self.stdout.write(f"{number}/{len(paths)} built")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Built {len(paths) - failed} pages for {host} in {elapsed:.1f} s"
            + (f"; {failed} did not answer 200" if failed else "")
        )
        if failed:
            raise CommandError(f"{failed} pages could not be built.")

    @staticmethod
    def paths(client, https, no_api) -> list[str]:
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
