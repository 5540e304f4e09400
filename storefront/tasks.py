"""Rendering dropped pages again, off the request, on the task runner (django-tasks: in
production its database backend, with `manage.py db_worker` running beside the app).

Until a page is built again it is rendered for whoever asks, so a page is never served
older than the last committed change; the rebuild only makes the next reader's request
cheap. A change whose reach is wide (a use category's name is on every page) rebuilds at
most DJANGO_REBUILD_PAGES_MAX pages; the rest are built when first read. The documents
that list the whole catalog (the sitemap, the merchant feed) are never rebuilt ahead: a
search engine fetches them a few times a day, while a price sync changes something every
second, and each rendering costs seconds at 10,000 products.
"""

import logging

from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django_tasks import task

logger = logging.getLogger("storefront.tasks")
CHUNK = 50


@task()
def rebuild_pages(pages: list[list[str]]) -> int:
    """Render each (scheme, host, path, accept) as an anonymous reader gets it, keeping
    the result as its built page. Returns how many answered 200."""
    built = 0
    with override_settings(BUILT_PAGES_ON_READ=True):
        for scheme, host, path, accept in pages:
            headers = {"HTTP_ACCEPT": accept} if accept else {}
            try:
                response = Client(HTTP_HOST=host).get(path, secure=scheme == "https", **headers)
            except Exception:  # one page's failure must not stop the others
                logger.exception("rebuilding %s failed", path)
                continue
            built += response.status_code == 200
    return built


def rebuild_later(dropped) -> None:
    """Ask the task runner to render ``dropped`` pages again, in chunks."""
    whole_catalog = {reverse("storefront:sitemap"), reverse("merchant-feed")}
    wanted = [page for page in dropped if page[2] not in whole_catalog]
    pages = [list(page) for page in wanted[: settings.REBUILD_PAGES_MAX]]
    for start in range(0, len(pages), CHUNK):
        try:
            rebuild_pages.enqueue(pages[start : start + CHUNK])
        except Exception:  # a task runner that cannot take it leaves rendering on read
            logger.exception("could not ask for %d pages to be rebuilt", len(pages))
            return
