"""The answers the workflow gives through the API: 202 for a change that waits, 412 for
a stale If-Match, and refusals with their meaning (403, 409, 400)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from core.api.errors import error

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag of the item's detail as you last read it: the write is refused "
    "with 412 if the item changed since (including changes waiting for review).",
)


def extend_schema_field_list(serializer_class):
    return extend_schema_field(serializer_class(many=True))


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The item changed since you read it: read it again and retry."
    default_code = "precondition_failed"


class PendingSerializer(serializers.Serializer):
    """The answer to a write that waits for a claims reviewer."""

    revision = serializers.IntegerField(help_text="The revision holding the change.")
    status = serializers.ChoiceField(choices=["pending"])
    changed = serializers.ListField(child=serializers.CharField(), help_text="What it changes.")
    message = serializers.CharField()


PENDING_RESPONSE = OpenApiResponse(
    PendingSerializer,
    description="Accepted: the change waits for a claims reviewer; the live item is unchanged.",
)
PRECONDITION_FAILED = error("The item changed since the ETag in If-Match was read.")
STALE_REVISION = error(
    "The revision can no longer be approved (not the latest, or the live "
    "version changed since it was made)."
)


def pending_response(outcome) -> Response:
    return Response(
        {
            "revision": outcome.revision.pk,
            "status": "pending",
            "changed": outcome.changed_labels,
            "message": "The change waits for a claims reviewer; the live version is unchanged.",
        },
        status=status.HTTP_202_ACCEPTED,
    )


def raise_refusal(exc: DjangoValidationError):
    """A workflow refusal as the API answers it (the error handler keeps the shape)."""
    http_status = getattr(exc, "http_status", 400)
    message = " ".join(exc.messages)
    code = getattr(exc, "code", None) or "invalid"
    if http_status == 403:
        raise exceptions.PermissionDenied(message, code=code) from exc
    if http_status == 409:
        conflict = exceptions.APIException(message, code=code)
        conflict.status_code = status.HTTP_409_CONFLICT
        raise conflict from exc
    if http_status == 412:
        raise PreconditionFailed(message, code=code) from exc
    raise serializers.ValidationError(serializers.as_serializer_error(exc)) from exc
