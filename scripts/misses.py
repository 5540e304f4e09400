"""What a miss costs, page by page: every kind of storefront page and API endpoint
rendered in-process with no cache and no built pages, against the database the
settings name (DATABASE_URL). Prints one JSON object: per URL the best time of several
renderings in milliseconds (after one that warms per-process state; the best is what
the work costs, the others add what else the machine was doing), the median, and the
queries the last one ran. scripts/bench.py runs it on the demo catalog and at scale to show
whether misses stay flat as the catalog grows.

    DATABASE_URL=postgres://... python scripts/misses.py --repeat 15
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The demo's own items: the same pages exist at every size. A detail shows the same
# content at every size; a listing shows up to a page of items, which the demo catalog
# (5 products, 1 article) cannot fill, so it is compared from +1,000/200 on.
DETAILS = [
    "/products/muscle-joint-pain-drops/",
    "/articles/lower-back-spasms-exercises/",
    "/api/v1/products/muscle-joint-pain-drops/",
    "/api/v1/articles/lower-back-spasms-exercises/",
    "/api/v1/uses/",
]
LISTINGS = [
    "/",
    "/uses/muscle-joint-pain/",
    "/uses/muscle-joint-pain/?page=2",
    "/articles/",
    "/search/?q=back+pain",
    "/api/v1/products/",
    "/api/v1/products/?use=muscle-joint-pain",
    "/api/v1/products/?search=back+pain",
    "/api/v1/articles/",
]
WHOLE_CATALOG = ["/sitemap.xml", "/feeds/products.xml"]
URLS = DETAILS + LISTINGS + WHOLE_CATALOG


def setup() -> None:
    """Django for this process, with no cache and no built pages."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SECRET_KEY", "misses-benchmark-only-" + "x" * 40)
    os.environ["DJANGO_CACHE_BACKEND"] = "dummy"
    os.environ["DJANGO_BUILT_PAGES"] = "0"
    import django

    django.setup()


def measure(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warms templates, URL resolvers, connections
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
    return {
        "status": response.status_code,
        "ms": round(min(times) * 1000, 2),
        "median_ms": round(statistics.median(times) * 1000, 2),
        "queries": len(queries.captured_queries),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("urls", nargs="*", default=URLS)
    args = parser.parse_args()
    setup()
    from django.test import Client

    client = Client(HTTP_HOST=args.host)
    results = {url: measure(client, url, args.repeat) for url in args.urls}
    print("BENCH " + json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
