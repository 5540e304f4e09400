"""The anonymous page cache: storefront pages and API responses, kept in the cache
(Redis in production) and dropped the moment staff change anything they show.

Every stored page carries the catalog's *generation* it was rendered in; any save or
delete of a model whose data a page or response shows starts a new generation, so the
next request is rendered afresh. A generation also ends when a scheduled publication time passes.
Signed-in users (a session cookie or an Authorization header) are never served from
or stored in the cache, and the cache is an optimisation only: when it cannot be
reached, every request is simply rendered (see config/cache.py).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response

GENERATION_KEY = "page-cache:generation"
CACHED_METHODS = {"GET", "HEAD"}
SKIPPED_PREFIXES = ("/static/", "/media/", "/healthz", "/readyz")
WATCHED_MODELS = [
    "catalog.ProductLine",
    "catalog.UseCategory",
    "catalog.Product",
    "catalog.Variant",
    "catalog.ProductImage",
    "articles.Article",
    "articles.ArticleProduct",
    "articles.Exercise",
    "compliance.SiteSettings",
]


def next_scheduled_publication() -> float | None:
    """When the next scheduled product or article goes live (a timestamp), if any."""
    from articles.models import Article
    from catalog.models import Product
    from compliance.models import PublicationStatus

    now = timezone.now()
    times = [
        model.objects.filter(status=PublicationStatus.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
        for model in (Product, Article)
    ]
    upcoming = [t for t in times if t is not None]
    return min(upcoming).timestamp() if upcoming else None


def new_generation() -> dict:
    generation = {"id": time.time_ns(), "until": next_scheduled_publication()}
    cache.set(GENERATION_KEY, generation, None)
    return generation


def is_current(generation: dict | None) -> bool:
    return generation is not None and not (
        generation["until"] and time.time() >= generation["until"]
    )


def invalidate(**kwargs) -> None:
    """Signal receiver: what pages show has changed."""
    cache.delete(GENERATION_KEY)


def connect_signals() -> None:
    from django.apps import apps

    for label in WATCHED_MODELS:
        model = apps.get_model(label)
        post_save.connect(invalidate, sender=model, dispatch_uid=f"page-cache-save-{label}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"page-cache-del-{label}")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                invalidate, sender=through, dispatch_uid=f"page-cache-m2m-{through}"
            )


def is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in CACHED_METHODS
        and not request.path.startswith(SKIPPED_PREFIXES)
        and not request.path.startswith(f"/{settings.ADMIN_URL}")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def cache_key(request) -> str:
    variant = "|".join(
        [
            request.method,
            request.scheme,  # plain HTTP never meets a page cached for HTTPS (SSL redirect)
            request.get_host(),
            request.get_full_path(),
            request.META.get("HTTP_ACCEPT", "") if request.path.startswith("/api/") else "",
        ]
    )
    digest = hashlib.sha256(variant.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page-cache:{digest}"


def over_api_rate(request) -> bool:
    """API responses served from the cache still count against the API's rate limits:
    runs the API's throttles as the API would for this (anonymous) client."""
    from django.contrib.auth.models import AnonymousUser
    from rest_framework.settings import api_settings

    request.user = AnonymousUser()  # cacheable requests carry no credentials
    return not all(
        throttle().allow_request(request, None)
        for throttle in api_settings.DEFAULT_THROTTLE_CLASSES
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        # One round trip for both: the generation, and the page with the generation it
        # was rendered in (a page from an earlier generation is a miss).
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if not is_current(generation):
            generation = new_generation()
        stored_in, cached = found.get(key) or (None, None)
        if stored_in != generation["id"]:
            cached = None
        if cached is not None and request.path.startswith("/api/") and over_api_rate(request):
            return self.get_response(request)  # the API itself answers 429 with Retry-After
        if cached is not None:
            cached["X-Cache"] = "hit"
            etag = cached.get("ETag")
            return get_conditional_response(request, etag=etag, response=cached) if etag else cached
        response = self.get_response(request)
        if self.storable(request, response):
            response["X-Cache"] = "miss"
            entry = (generation["id"], self.snapshot(response))
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def snapshot(response) -> HttpResponse:
        """Only the bytes and headers: a DRF response would otherwise carry its data and
        model instances into the cache, to be unpickled on every hit."""
        if hasattr(response, "render") and callable(response.render):
            response.render()
        lean = HttpResponse(response.content, status=response.status_code)
        for header, value in response.items():
            lean[header] = value
        return lean

    @staticmethod
    def storable(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
