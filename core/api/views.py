"""View-level pieces: permissions, the staff-preview rule and conditional GET."""

import hashlib

from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from rest_framework import status
from rest_framework.permissions import DjangoModelPermissions

from core import cache_tags

PUBLIC_MAX_AGE = 60


class CacheTagsMixin:
    """Names what a read shows (``core.cache_tags``): the listed or retrieved objects,
    their related objects and the collections set on the view."""

    list_cache_tags: tuple[str, ...] = ()
    detail_cache_tags: tuple[str, ...] = ()

    def related_cache_objects(self, obj) -> list:
        return []

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            cache_tags.add(self.request, *self.list_cache_tags)
            cache_tags.add_objects(self.request, page)
        return page

    def get_object(self):
        obj = super().get_object()
        if self.request.method in ("GET", "HEAD"):
            cache_tags.add(self.request, *self.detail_cache_tags)
            cache_tags.add_objects(self.request, [obj, *self.related_cache_objects(obj)])
        return obj


class StaffModelPermissions(DjangoModelPermissions):
    """Model permissions for every method, reads included (view permission): for
    endpoints that only staff use."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


def can_preview(user, model) -> bool:
    """Staff who may change a model see its drafts and items in review."""
    opts = model._meta
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    )


class ConditionalGetMixin:
    """ETag on successful GETs, 304 for a matching If-None-Match, and Cache-Control that
    lets shared caches keep anonymous responses briefly but never a signed-in user's.

    The ETag is a hash of the body, so it changes with anything the response shows.
    Last-Modified (the item's ``updated_at``, on details) is informational only: a
    product's variants, images and related articles change without touching it, so
    If-Modified-Since alone never earns a 304.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != status.HTTP_200_OK:
            return response
        response.render()
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        response["ETag"] = etag
        last_modified = getattr(self, "last_modified", None)
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        if request.user and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
        conditional = get_conditional_response(request._request, etag=etag, response=response)
        if conditional is not response:
            for header in ("Cache-Control", "Vary"):
                conditional[header] = response[header]
        return conditional

    def get_object(self):
        obj = super().get_object()
        self.last_modified = getattr(obj, "updated_at", None)
        return obj
