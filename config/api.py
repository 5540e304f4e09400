"""Pieces every app's API shares: the error shape, pagination, conditional GET, the
staff-preview rule, write validation and the schema fragments that document them."""

import hashlib
from datetime import UTC

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models
from django.http import Http404
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, serializers, status, throttling
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import DjangoModelPermissions
from rest_framework.settings import api_settings

PUBLIC_MAX_AGE = 60


# --- Errors ------------------------------------------------------------------
class ErrorSerializer(serializers.Serializer):
    """The body of every error response."""

    status = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    code = serializers.CharField(help_text='A stable machine-readable code, e.g. "not_found".')
    message = serializers.CharField(help_text="What went wrong, in a sentence.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid input: the messages for each field (non_field_errors for the "
        "request as a whole).",
    )


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _flatten(value)]
    return [str(detail)]


def _field_errors(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(field): _flatten(value) for field, value in detail.items()}
    return {"non_field_errors": _flatten(detail)}


def _first_code(detail) -> str:
    if isinstance(detail, dict):
        detail = next(iter(detail.values()), "invalid")
    if isinstance(detail, list):
        detail = detail[0] if detail else "invalid"
        return _first_code(detail)
    return getattr(detail, "code", None) or "invalid"


def api_exception_handler(exc, context):
    """DRF's handler, with every error answered in one shape:
    ``{"status", "code", "message", "errors"?}``.

    Model validation (full_clean) and database constraint failures that slip past the
    serializers become 400s rather than 500s.
    """
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ValidationError(
            {"non_field_errors": ["The request was refused as unsafe (e.g. a file name)."]},
            code="suspicious",
        )
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, IntegrityError):
        exc = exceptions.ValidationError(
            {"non_field_errors": ["This conflicts with data that already exists."]},
            code="conflict",
        )
    # Imported here: rest_framework.views reads the settings that name this module.
    from rest_framework.views import exception_handler

    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        field, messages = next(iter(errors.items()))
        prefix = "" if field == "non_field_errors" else f"{field}: "
        body = {
            "status": response.status_code,
            "code": _first_code(exc.detail),
            "message": f"{prefix}{messages[0]}" if messages else "Invalid input.",
            "errors": errors,
        }
    else:
        detail = getattr(exc, "detail", None)
        body = {
            "status": response.status_code,
            "code": getattr(detail, "code", None) or getattr(exc, "default_code", "error"),
            "message": " ".join(_flatten(detail)) if detail is not None else str(exc),
        }
    response.data = body
    return response


def error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


NOT_MODIFIED = OpenApiResponse(description="Not modified: the If-None-Match tag still matches.")
ERROR_RESPONSES = {
    "bad_request": error("Invalid input or filter value."),
    "unauthorised": error("Missing or invalid credentials."),
    "forbidden": error("The user lacks the permission for this action."),
    "not_found": error("No such item, or a page past the end."),
    "throttled": error("Too many requests: wait for Retry-After seconds."),
}


def read_responses(ok, *, bad_request: bool = False) -> dict:
    """Responses of a GET: the body, 304, and the errors any reader can meet."""
    responses = {
        200: ok,
        304: NOT_MODIFIED,
        401: ERROR_RESPONSES["unauthorised"],
        404: ERROR_RESPONSES["not_found"],
        429: ERROR_RESPONSES["throttled"],
    }
    if bad_request:
        responses[400] = ERROR_RESPONSES["bad_request"]
    return responses


def write_responses(ok, *, status_code: int = 200, lookup: bool = True) -> dict:
    """Responses of a staff write: the result and every error it can meet."""
    responses = {
        status_code: ok,
        400: ERROR_RESPONSES["bad_request"],
        401: ERROR_RESPONSES["unauthorised"],
        403: ERROR_RESPONSES["forbidden"],
        429: ERROR_RESPONSES["throttled"],
    }
    if lookup:
        responses[404] = ERROR_RESPONSES["not_found"]
    return responses


def delete_responses() -> dict:
    return write_responses(OpenApiResponse(description="Deleted."), status_code=204)


CONDITIONAL_PARAMETERS = [
    OpenApiParameter(
        "If-None-Match",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="An ETag from an earlier response: answered with 304 when unchanged.",
    ),
    OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description="Tag of this representation, for If-None-Match.",
    ),
    OpenApiParameter(
        "Cache-Control",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description='"public, max-age=60" for anonymous callers; "private, no-cache" for '
        "signed-in staff.",
    ),
]
# Public reads: anonymous callers are welcome, staff may send their token.
PUBLIC_READ_AUTH = [{"tokenAuth": []}, {"cookieAuth": []}, {}]
RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[429],
    description="Seconds to wait before the next request.",
)


# --- Serializers -------------------------------------------------------------
class UTCDateTimeField(serializers.DateTimeField):
    """Times in UTC ("Z"). The site's zone gives historic dates a local mean time
    offset with seconds (+05:53:28), which RFC 3339 date-times cannot carry."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default_timezone", UTC)
        super().__init__(*args, **kwargs)


class PositionField(serializers.IntegerField):
    """The order of a row within its parent. What a client may send is bounded well
    below the column's limit so that "put it last" (highest + 1) always fits. Stored
    positions can pass the bound that way, so the schema states none."""

    MAX = 32_767

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value > self.MAX:
            self.fail("max_value", max_value=self.MAX)
        return value


class SlugRelatedField(serializers.SlugRelatedField):
    """Refuses what no slug can be before asking the database: PostgreSQL rejects text
    with NUL characters outright."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


class ModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: UTCDateTimeField,
    }


# --- Pagination --------------------------------------------------------------
class PageNumberPagination(PageNumberPagination):
    """``?page=`` and ``?page_size=`` (up to 100); a page past the end is a 404."""

    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_page_message = "There is no page {page_number} here ({message})."


# --- Throttling --------------------------------------------------------------
class RatesFromSettingsMixin:
    """Read the rate when a request comes, not when the class is imported, so a
    settings change (tests, override_settings) takes effect."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class FixedWindowMixin:
    """Count a client's requests in fixed windows (a minute for "60/min") with one
    cache increment: constant cost whatever the rate, where DRF's default keeps, reads
    and writes back the time of every request in the window. A burst may reach twice
    the rate across a window's edge. When the cache cannot be reached, requests pass."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.window_ends = (window + 1) * self.duration
        key = f"{self.key}:{window}"
        try:
            count = self.cache.incr(key)  # one round trip while the window lasts
        except ValueError:  # the window's first request
            count = 1 if self.cache.add(key, 1, self.duration + 1) else self.cache.incr(key)
        return count is None or count <= self.num_requests

    def wait(self):
        return max(1.0, self.window_ends - self.timer())


class AnonRateThrottle(RatesFromSettingsMixin, FixedWindowMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(RatesFromSettingsMixin, FixedWindowMixin, throttling.UserRateThrottle):
    """Signed-in users' rate; anonymous clients are held to the (lower) anonymous rate
    alone, rather than counted twice by address."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


# --- Permissions -------------------------------------------------------------
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


def requested_status(request):
    """The publication status a write asks for, if it names one."""
    data = request.data
    return data.get("status") if hasattr(data, "get") else None


def require_publish_permission(user, model, status_value) -> None:
    """Only claims reviewers (the model's publish permission) may publish: anyone else
    is refused with 403 and told how to proceed."""
    from compliance.models import PublicationStatus
    from compliance.services import PUBLISH_ONLY_REVIEWERS

    opts = model._meta
    if status_value == PublicationStatus.PUBLISHED and not user.has_perm(
        f"{opts.app_label}.publish_{opts.model_name}"
    ):
        raise exceptions.PermissionDenied(PUBLISH_ONLY_REVIEWERS)


# --- Writes ------------------------------------------------------------------
class FullCleanMixin:
    """Run the model's own validation (field validators, clean() with the claims guard,
    check and unique constraints) on the instance a write would save, as the admin
    does, so a refused write is a 400 with a message rather than an IntegrityError."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        concrete = {f.name for f in model._meta.concrete_fields}
        instance = self.instance if self.instance is not None else model()
        original = {}
        for name, value in attrs.items():
            if name not in concrete:
                continue
            original[name] = getattr(instance, name, None)
            setattr(instance, name, value)
        try:
            instance.full_clean()
            self.review(instance, attrs)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from exc
        finally:
            if self.instance is not None:
                for name, value in original.items():
                    setattr(instance, name, value)
        return attrs

    def review(self, instance, attrs) -> None:
        """Further checks on the cleaned instance; raise Django's ValidationError."""

    @property
    def request_user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)


class PublishingWorkflowMixin(FullCleanMixin, serializers.Serializer):
    """Products and articles: the compliance workflow the admin runs. Only reviewers
    publish or change live text; flagged phrases go live only with ``claims_sign_off``;
    an approving save records who approved it."""

    claims_sign_off = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Claims reviewers: approve the flagged phrases and let this go live with them.",
    )
    approving = False

    def review(self, instance, attrs) -> None:
        from compliance.services import review_change

        previous = (
            type(instance)._default_manager.filter(pk=instance.pk).first() if instance.pk else None
        )
        self.approving = review_change(
            instance=instance,
            previous=previous,
            user=self.request_user,
            signed_off=attrs.get("claims_sign_off", False),
        )

    def save(self, **kwargs):
        self.validated_data.pop("claims_sign_off", None)
        if self.approving:
            kwargs |= {"approved_by": self.request_user, "approved_at": timezone.now()}
        return super().save(**kwargs)


class ReviewedChildMixin(FullCleanMixin):
    """Rows shoppers read on a live parent's page (exercises, link notes) change only
    on a claims reviewer's authority, as in the admin."""

    parent_field = "article"

    def review(self, instance, attrs) -> None:
        check_live_parent(getattr(instance, self.parent_field, None), self.request_user)
        if self.instance is not None and self.parent_field in attrs:
            previous_parent = getattr(
                type(self.instance)._default_manager.get(pk=self.instance.pk), self.parent_field
            )
            check_live_parent(previous_parent, self.request_user)


def check_live_parent(parent, user) -> None:
    from compliance.services import check_child_edit

    check_child_edit(parent=parent, user=user)


# --- Conditional GET ---------------------------------------------------------
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
