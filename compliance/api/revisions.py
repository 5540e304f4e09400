"""An item's revisions in the API: list, read (with the difference from live and the
flagged phrases), approve and send back."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from compliance import workflow
from compliance.api.answers import STALE_REVISION, extend_schema_field_list, raise_refusal
from compliance.models import Revision
from core import snapshots
from core.api.errors import (
    CONDITIONAL_PARAMETERS,
    ERROR_RESPONSES,
    RETRY_AFTER,
    read_responses,
    write_responses,
)
from core.api.fields import UTCDateTimeField
from core.api.views import can_preview


class RevisionSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="created_by.username", default=None)
    created = UTCDateTimeField(source="created_at")
    changed_fields = serializers.ListField(source="changed", child=serializers.CharField())
    reviewed_by = serializers.CharField(source="reviewed_by.username", default=None)
    reviewed_at = UTCDateTimeField(allow_null=True)

    class Meta:
        model = Revision
        fields = [
            "id",
            "author",
            "created",
            "status",
            "changed_fields",
            "reviewed_by",
            "reviewed_at",
            "comment",
        ]


class ChangeSerializer(serializers.Serializer):
    path = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)


class FindingSerializer(serializers.Serializer):
    field = serializers.CharField()
    field_label = serializers.CharField()
    matched = serializers.CharField()
    severity = serializers.CharField()
    context = serializers.CharField()
    message = serializers.CharField()


class RevisionDetailSerializer(RevisionSerializer):
    diff = serializers.SerializerMethodField(help_text="What differs from the live version.")
    flagged = serializers.SerializerMethodField(help_text="Restricted phrases in this revision.")
    content = serializers.JSONField(help_text="The whole content, as it would go live.")

    class Meta(RevisionSerializer.Meta):
        fields = [*RevisionSerializer.Meta.fields, "diff", "flagged", "content"]

    @extend_schema_field_list(ChangeSerializer)
    def get_diff(self, revision) -> list[dict]:
        item = revision.item
        live = snapshots.capture(item, workflow.spec_of(item))
        changes = snapshots.diff(type(item), workflow.spec_of(item), live, revision.content)
        return [
            {"path": c.path, "label": c.label, "kind": c.kind, "before": c.before, "after": c.after}
            for c in changes
        ]

    @extend_schema_field_list(FindingSerializer)
    def get_flagged(self, revision) -> list[dict]:
        return [
            {
                "field": f.field,
                "field_label": f.field_label,
                "matched": f.matched,
                "severity": f.severity,
                "context": getattr(f, "context", ""),
                "message": f.message,
            }
            for f in workflow.content_findings(revision.item, revision.content)
        ]


class ApproveSerializer(serializers.Serializer):
    claims_sign_off = serializers.BooleanField(
        required=False, default=False, help_text="Sign off the flagged phrases in this revision."
    )


class SendBackSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=2000, help_text="What needs to change.")


REVISION_ID = OpenApiParameter("revision_id", int, OpenApiParameter.PATH)


class RevisionActionsMixin:
    """``revisions/``, ``revisions/{id}/``, ``revisions/{id}/approve/`` and
    ``revisions/{id}/send-back/`` under an item's detail address."""

    def _item_for_revisions(self):
        item = self.get_object()
        if not can_preview(self.request.user, type(item)):
            raise exceptions.NotFound()
        return item

    def _revision(self, item, revision_id):
        revision = workflow.revisions_of(item).filter(pk=revision_id).first()
        if revision is None:
            raise exceptions.NotFound("No such revision of this item.")
        return revision

    @extend_schema(
        summary="List an item's revisions (staff)",
        description="Newest first, at most 100: who asked, when, the status and what changed.",
        parameters=[*CONDITIONAL_PARAMETERS, RETRY_AFTER],
        responses={
            **read_responses(RevisionSerializer(many=True)),
            403: ERROR_RESPONSES["forbidden"],
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="revisions",
        permission_classes=[IsAuthenticated],
        pagination_class=None,
        filter_backends=[],
    )
    def revisions(self, request, *args, **kwargs):
        item = self._item_for_revisions()
        revisions = workflow.revisions_of(item).select_related("created_by", "reviewed_by")
        return Response(RevisionSerializer(revisions.order_by("-pk")[:100], many=True).data)

    @extend_schema(
        summary="One revision, with its difference from the live version (staff)",
        parameters=[REVISION_ID, *CONDITIONAL_PARAMETERS, RETRY_AFTER],
        responses={**read_responses(RevisionDetailSerializer), 403: ERROR_RESPONSES["forbidden"]},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"revisions/(?P<revision_id>[0-9]{1,18})",
        permission_classes=[IsAuthenticated],
        filter_backends=[],
    )
    def revision_detail(self, request, revision_id=None, *args, **kwargs):
        item = self._item_for_revisions()
        return Response(RevisionDetailSerializer(self._revision(item, revision_id)).data)

    @extend_schema(
        summary="Approve a revision: it goes live (claims reviewers)",
        description="Approves exactly this revision; refused with 409 when it is not the "
        "latest, or when the live version changed since it was made.",
        parameters=[REVISION_ID, RETRY_AFTER],
        responses={**write_responses(RevisionSerializer), 409: STALE_REVISION},
        request=ApproveSerializer,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"revisions/(?P<revision_id>[0-9]{1,18})/approve",
        permission_classes=[IsAuthenticated],
        filter_backends=[],
    )
    def approve_revision(self, request, revision_id=None, *args, **kwargs):
        item = self._item_for_revisions()
        revision = self._revision(item, revision_id)
        body = ApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            workflow.approve(
                revision=revision,
                user=request.user,
                signed_off=body.validated_data["claims_sign_off"],
            )
        except DjangoValidationError as exc:
            raise_refusal(exc)
        revision.refresh_from_db()
        return Response(RevisionSerializer(revision).data)

    @extend_schema(
        summary="Send a revision back to its author with a comment (claims reviewers)",
        parameters=[REVISION_ID, RETRY_AFTER],
        responses={**write_responses(RevisionSerializer), 409: STALE_REVISION},
        request=SendBackSerializer,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"revisions/(?P<revision_id>[0-9]{1,18})/send-back",
        permission_classes=[IsAuthenticated],
        filter_backends=[],
    )
    def send_back_revision(self, request, revision_id=None, *args, **kwargs):
        item = self._item_for_revisions()
        revision = self._revision(item, revision_id)
        body = SendBackSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            workflow.send_back(
                revision=revision, user=request.user, comment=body.validated_data["comment"]
            )
        except DjangoValidationError as exc:
            raise_refusal(exc)
        revision.refresh_from_db()
        return Response(RevisionSerializer(revision).data)
