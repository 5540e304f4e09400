"""The anonymous page cache: storefront pages and API responses, kept in the shared cache
(Redis) and ended, after each commit, exactly where they show what changed.

- **Tags.** Views name what a response shows (``core.cache_tags``): ``product:12`` for an
  item, ``products`` where a list's membership matters. A stored page keeps its tags and
  the time its rendering began. Each tag has a version in the cache: the time of the
  last change to what it names. A page is served only while none of its tags changed
  since it began rendering, so a page rendered from data read before a commit is never
  kept past it.
- **On commit.** Saves, deletes and relinks of what pages show bump their tags' versions
  in ``transaction.on_commit``: never inside a transaction that might roll back, and
  never before readers can see the change. The same tags go to a CDN's purge API when
  one is configured (``storefront.cdn``).
- **Coherent by default.** The cache is used only when it is shared by every worker
  (``settings.SHARED_CACHE``, true with Redis): with per-process memory one worker would
  keep serving what another has changed, so without Redis there is no page cache.
- A scheduled publication time passing ends every stored page (one generation), and
  signed-in users are never served from or stored in the cache. When the cache cannot
  be reached every request is simply rendered (config/cache.py).
"""

import contextlib
import hashlib
import logging
import threading
import time
from datetime import UTC, datetime
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

from core import built_pages, cache_tags
from core.i18n import requested_language

GENERATION_KEY = "page-cache:generation"
TAG_KEY = "page-cache:tag:{}"
CACHED_METHODS = {"GET", "HEAD"}
SKIPPED_PREFIXES = ("/static/", "/media/", "/healthz", "/readyz")
_local = threading.local()
# Per process: the tags each stored page was last seen with, so that a hit fetches the
# entry and its tags' versions in one round trip (a bounded map, emptied when full).
_known_tags: dict[str, tuple[str, ...]] = {}
logger = logging.getLogger("storefront.page_cache")


# --- What a change ends ----------------------------------------------------------------
def _product_tags(product_id):
    return [f"product:{product_id}", "feed"]


TAGS_FOR_CHANGE = {
    # model label: instance -> the tags of the responses that show it
    "catalog.ProductLine": lambda obj: ["lines"],
    "catalog.UseCategory": lambda obj: ["uses"],
    "catalog.Product": lambda obj: [*_product_tags(obj.pk), "products"],
    "catalog.Variant": lambda obj: _product_tags(obj.product_id),
    "catalog.ProductImage": lambda obj: _product_tags(obj.product_id),
    "catalog.Ingredient": lambda obj: _product_tags(obj.product_id),
    "catalog.Offer": lambda obj: _product_tags(obj.product_id),
    "articles.Article": lambda obj: [f"article:{obj.pk}", "articles"],
    "articles.ArticleProduct": lambda obj: [
        f"article:{obj.article_id}",
        f"product:{obj.product_id}",
    ],
    "articles.Exercise": lambda obj: [f"article:{obj.article_id}"],
    "compliance.SiteSettings": lambda obj: ["site"],
    # Every page's footer links the published store pages.
    "storefront.StorePage": lambda obj: ["site", f"storepage:{obj.pk}"],
    # Read by the shipping page, every product's structured data and the feed.
    "storefront.ShippingRule": lambda obj: ["site"],
}


def changed(sender, instance, **kwargs) -> None:
    """Signal receiver: ``instance`` changed; its tags end when the change commits."""
    end_on_commit(TAGS_FOR_CHANGE[sender._meta.label](instance))


def end_on_commit(tags) -> None:
    transaction.on_commit(partial(committed, tuple(tags)))


def relinker(owner):
    """A receiver for the many-to-many links of ``owner`` (a product's uses, say), which
    may be changed from either side."""

    def relinked(sender, instance, action, reverse, pk_set, **kwargs):
        if not action.startswith("post_"):
            return
        if isinstance(instance, owner):
            end_on_commit(TAGS_FOR_CHANGE[owner._meta.label](instance))
        elif pk_set:
            for pk in pk_set:
                end_on_commit(TAGS_FOR_CHANGE[owner._meta.label](owner(pk=pk)))
        else:  # cleared from the other side: which owners lost a link is not known
            transaction.on_commit(invalidate_all)

    return relinked


def connect_signals() -> None:
    from django.apps import apps

    for label in TAGS_FOR_CHANGE:
        model = apps.get_model(label)
        post_save.connect(changed, sender=model, dispatch_uid=f"page-cache-save-{label}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"page-cache-del-{label}")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                relinker(model),
                sender=through,
                dispatch_uid=f"page-cache-m2m-{through}",
                weak=False,
            )


def committed(tags) -> None:
    """A committed change: its tags' versions move on at once (the next request renders
    afresh), and a CDN in front is told, once per request."""
    purge(tags)
    from storefront import cdn

    pending = getattr(_local, "cdn_tags", None)
    if pending is None:
        cdn.purge(tags)
    else:
        pending.update(tags)


def purge(tags) -> list[tuple]:
    """End every stored and built page that shows what ``tags`` name, and have the built
    ones rendered again off the request; what was dropped."""
    if not tags:
        return []
    now = time.time_ns()
    cache.set_many({TAG_KEY.format(tag): now for tag in tags}, None)
    dropped = built_pages.drop(tags)
    if dropped and settings.BUILT_PAGES:
        from storefront.tasks import rebuild_later

        rebuild_later(dropped)
    return dropped


# --- Scheduled publication ---------------------------------------------------------------
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


def invalidate_all() -> None:
    """End every stored and built page (a new generation starts on the next request)."""
    cache.delete(GENERATION_KEY)
    built_pages.drop_all()


# --- Requests ------------------------------------------------------------------------------
def is_enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0 and settings.SHARED_CACHE


def is_anonymous_read(request) -> bool:
    return (
        request.method in CACHED_METHODS
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
            # The API's language comes from Accept-Language (a page's, from its address).
            requested_language(request) if request.path.startswith("/api/") else "",
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


def remember_tags(key: str, tag_keys: tuple[str, ...]) -> None:
    if len(_known_tags) >= settings.PAGE_CACHE_TAGS_REMEMBERED:
        _known_tags.clear()
    _known_tags[key] = tag_keys


def tag_headers(response, tags) -> None:
    """Name the tags for a CDN: Fastly and Varnish read Surrogate-Key, Cloudflare
    Cache-Tag."""
    ordered = sorted(tags)
    response["Surrogate-Key"] = " ".join(ordered)
    response["Cache-Tag"] = ",".join(ordered)
    if settings.CDN_MAX_AGE:
        response["Surrogate-Control"] = f"max-age={settings.CDN_MAX_AGE}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _local.cdn_tags = set()
        try:
            return self.answer(request)
        finally:
            from storefront import cdn

            tags, _local.cdn_tags = _local.cdn_tags, None
            if tags:
                cdn.purge(tags)

    def answer(self, request):
        if not is_anonymous_read(request):
            response = self.get_response(request)
            if "Cache-Control" not in response:
                # Staff previews and the like: never kept by a CDN or a shared proxy.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        started = time.time_ns()
        key = cache_key(request)
        shared = is_enabled()
        generation, found = None, {}
        if shared:
            guessed = _known_tags.get(key, ())
            found = cache.get_many([GENERATION_KEY, key, *guessed])
            generation = found.get(GENERATION_KEY)
            if not is_current(generation):
                generation = new_generation()
            cached = self.valid_entry(key, found.get(key), generation, found)
            if cached is not None:
                return self.serve(request, cached, "hit")
        built = self.built(key) if settings.BUILT_PAGES else None
        if built is not None:
            content, headers, tags, built_started = built
            response = HttpResponse(content, status=200)
            for name, value in headers:
                response[name] = value
            if shared:
                self.store(key, generation, built_started, tags, response, found)
            return self.serve(request, response, "built")
        response = self.get_response(request)
        if self.storable(request, response):
            tags = cache_tags.of(request)
            tag_headers(response, tags)
            if shared:
                self.store(key, generation, started, tags, response, found)
            if settings.BUILT_PAGES and settings.BUILT_PAGES_ON_READ:
                self.build(request, key, started, tags, response)
            if shared or settings.BUILT_PAGES:
                response["X-Cache"] = "miss"
        return response

    def serve(self, request, response, state):
        if request.path.startswith("/api/") and over_api_rate(request):
            return self.get_response(request)  # the API itself answers 429 with Retry-After
        response["X-Cache"] = state
        etag = response.get("ETag")
        return get_conditional_response(request, etag=etag, response=response) if etag else response

    @staticmethod
    def built(key):
        try:
            return built_pages.lookup(key)
        except DatabaseError:
            logger.warning("built pages unreadable; rendering", exc_info=True)
            return None

    def build(self, request, key, started, tags, response) -> None:
        """Keep this rendering as the built page (never failing the request)."""
        lean = self.snapshot(response)
        headers = [(k, v) for k, v in lean.items() if k not in {"X-Cache"}]
        until = next_scheduled_publication()
        # The page is stored and committed before it is checked against changes (see
        # core.built_pages); inside a transaction (tests) a savepoint keeps a failure from
        # spoiling it.
        inside = transaction.get_connection().in_atomic_block
        try:
            with transaction.atomic() if inside else contextlib.nullcontext():
                built_pages.store(
                    key=key,
                    scheme=request.scheme,
                    path=request.get_full_path(),
                    host=request.get_host(),
                    accept=request.META.get("HTTP_ACCEPT", "")
                    if request.path.startswith("/api/")
                    else "",
                    started=started,
                    tags=tags,
                    content=lean.content,
                    headers=headers,
                    expires_at=datetime.fromtimestamp(until, UTC) if until else None,
                )
        except DatabaseError:
            logger.warning("could not keep a built page", exc_info=True)

    @staticmethod
    def valid_entry(key, entry, generation, fetched):
        """The stored response, if it is of this generation and none of its tags changed
        since its rendering began. The tags' versions come with the entry (``fetched``,
        read in the same MGET) when the tags were guessed right, else in a second read."""
        if not entry:
            return None
        generation_id, started, tags, response = entry
        if generation_id != generation["id"]:
            return None
        if tags:
            keys = tuple(TAG_KEY.format(tag) for tag in tags)
            if _known_tags.get(key) == keys:
                versions = {k: fetched[k] for k in keys if k in fetched}
            else:
                versions = cache.get_many(keys)
                remember_tags(key, keys)
            if len(versions) != len(keys) or any(v > started for v in versions.values()):
                return None
        return response

    def store(self, key, generation, started, tags, response, known=None) -> None:
        """Keep ``response`` unless what it shows changed since ``started``. The tags'
        versions read with the entry (``known``) spare a round trip when they are all
        there: a change committed after that read is caught when the entry is next read,
        as every hit compares the versions again."""
        tags = tuple(sorted(tags))
        keys = [TAG_KEY.format(tag) for tag in tags]
        known = known or {}
        versions = {k: known[k] for k in keys if k in known}
        if len(versions) != len(keys):
            versions = cache.get_many(keys)
        missing = [k for k in keys if k not in versions]
        if missing:
            # A tag never seen (or evicted) starts at this rendering; a change committed
            # meanwhile has set it later, and add() leaves that in place.
            for key_ in missing:
                cache.add(key_, started, None)
            versions.update(cache.get_many(missing))
        if len(versions) != len(keys) or any(v > started for v in versions.values()):
            return  # what it shows changed while it was being rendered
        entry = (generation["id"], started, tags, self.snapshot(response))
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        remember_tags(key, tuple(keys))

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
