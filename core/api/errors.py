"""One JSON shape for every API error, and the schema fragments that document it."""

from django.conf import settings
from django.core import signals
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.log import log_response
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

SERVER_ERROR_MESSAGE = "Something went wrong on our side. Please try again in a moment."


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
    serializers become 400s rather than 500s; any other exception is a 500 in the same
    shape (see ``server_error``).
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
        return server_error(exc, context)
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


def server_error(exc, context) -> Response | None:
    """An unexpected exception in an API view: logged with its traceback as Django logs
    one, and answered 500 in the error shape, its text never shown. With DEBUG (or
    DEBUG_PROPAGATE_EXCEPTIONS) on it is raised, for Django's own page."""
    if settings.DEBUG or settings.DEBUG_PROPAGATE_EXCEPTIONS:
        return None
    from rest_framework.views import set_rollback

    set_rollback()
    request = getattr(context.get("request"), "_request", context.get("request"))
    signals.got_request_exception.send(sender=None, request=request)
    response = Response(
        {"status": 500, "code": "server_error", "message": SERVER_ERROR_MESSAGE},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
    log_response(
        "%s: %s",
        "Internal Server Error",
        getattr(request, "path", ""),
        response=response,
        request=request,
        exception=exc,
    )
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
