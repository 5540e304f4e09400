"""The publishing workflow in the API: the serializer and viewset pieces the apps' write
endpoints use. Every decision is ``compliance.workflow``'s; this module only translates.

- A non-reviewer's write to a live item's content answers ``202 Accepted`` with
  ``{"revision": id, "status": "pending", "changed": [...]}``; the live item is unchanged
  until a claims reviewer approves that revision.
- ``If-Match`` with the ETag of the item's detail makes a write conditional: ``412`` when
  the item changed since (a pending revision or an approval counts as a change).
- Refusals keep their meaning: ``403`` for what the user may not do, ``409`` for a
  revision that can no longer be approved, ``400`` for invalid content.
"""

import hashlib

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from compliance import workflow
from compliance.models import Revision
from core import snapshots
from core.api.errors import (
    CONDITIONAL_PARAMETERS,
    ERROR_RESPONSES,
    RETRY_AFTER,
    error,
    read_responses,
    write_responses,
)
from core.api.fields import UTCDateTimeField
from core.api.views import can_preview

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


# --- Items ---------------------------------------------------------------------------------
class ReviewedWriteMixin(serializers.Serializer):
    """Writes of products and articles: the proposal is the item's current content (its
    changes waiting for review, if any) with the request's fields applied."""

    claims_sign_off = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Claims reviewers: approve the flagged phrases and let this go live with them.",
    )
    workflow_fields = ("status", "published_at")

    @property
    def user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def proposal(self, attrs) -> dict:
        """The whole content the write proposes, as a snapshot."""
        model = self.Meta.model
        spec = model.content_spec
        if self.instance is not None:
            content, _ = workflow.current_content(self.instance)
            built = snapshots.materialize(self.instance, spec, content)
        else:
            built = snapshots.Materialized(model(), {}, {})
        obj = built.obj
        for name, value in attrs.items():
            if name in spec.fields:
                setattr(obj, name, value)
        m2m = dict(built.m2m)
        for name in spec.m2m:
            if name in attrs:
                m2m[name] = [getattr(v, "pk", v) for v in attrs[name]]
        self.complete_m2m(obj, m2m, attrs)
        return snapshots.capture(obj, spec, m2m=m2m, children=built.children)

    def complete_m2m(self, obj, m2m, attrs) -> None:
        """Hook for rules such as "the primary use is one of the uses"."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            try:
                workflow.check_create(self.Meta.model, attrs.get("status", "draft"), self.user)
                workflow.check_publication_time(attrs.get("published_at"))
            except DjangoValidationError as exc:
                raise_refusal(exc)
            return attrs
        content = self.proposal(attrs)
        try:
            workflow.validate_content(
                self.instance,
                content,
                status=attrs.get("status", self.instance.status),
                published_at=attrs.get("published_at", self.instance.published_at),
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from exc
        self._content = content
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        signed_off = validated_data.pop("claims_sign_off", False)
        model = self.Meta.model
        m2m = {
            name: validated_data.pop(name)
            for name in model.content_spec.m2m
            if name in validated_data
        }
        item = model(**validated_data)
        item.full_clean(exclude=list(m2m))
        item.save()
        self.complete_m2m(item, m2m, validated_data)
        for name, values in m2m.items():
            getattr(item, name).set(values)
        try:
            self.outcome = workflow.created(item=item, user=self.user, signed_off=signed_off)
        except DjangoValidationError as exc:
            raise_refusal(exc)
        return item

    def update(self, instance, validated_data):
        try:
            self.outcome = workflow.submit(
                item=instance,
                user=self.user,
                content=self._content,
                status=validated_data.get("status", workflow.UNSET),
                published_at=validated_data.get("published_at", workflow.UNSET),
                signed_off=validated_data.get("claims_sign_off", False),
            )
        except DjangoValidationError as exc:
            raise_refusal(exc)
        return instance


def representation_etag(data) -> str:
    """The ETag a JSON GET of ``data`` carries (ConditionalGetMixin hashes the body)."""
    return f'"{hashlib.sha256(JSONRenderer().render(data)).hexdigest()[:32]}"'


def check_if_match(request, current_data) -> None:
    """Refuse with 412 a write whose If-Match names another version."""
    wanted = request.headers.get("If-Match")
    if not wanted or wanted.strip() == "*":
        return
    tags = {tag.strip().removeprefix("W/") for tag in wanted.split(",")}
    if representation_etag(current_data) not in tags:
        raise PreconditionFailed()


class ReviewInfoSerializer(serializers.Serializer):
    state = serializers.CharField(
        help_text='"Draft", "In review", "Live", "Scheduled for ..." or "Archived".'
    )
    pending_revision = serializers.IntegerField(
        allow_null=True, help_text="The revision waiting for review, if any."
    )
    version = serializers.CharField(help_text="Changes whenever the content or its review does.")


@extend_schema_field(ReviewInfoSerializer(allow_null=True))
class ReviewInfoField(serializers.Field):
    """Staff who may change the item see its review state (and so a new ETag when a
    change starts to wait for review)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Staff only (null for others): the publication state and the revision "
            "waiting for review, if any.",
        )
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, item):
        request = self.context.get("request")
        if request is None or not can_preview(request.user, type(item)):
            return None
        latest = workflow.latest_revision(item)
        open_ = workflow.open_revision(item, latest)
        return {
            "state": workflow.state_label(item),
            "pending_revision": open_.pk
            if open_ is not None and open_.status == "pending"
            else None,
            "version": workflow.edit_token(item, latest),
        }


# --- Revisions -----------------------------------------------------------------------------
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


# --- Child rows ------------------------------------------------------------------------------
class ReviewedChildViewSetMixin:
    """Endpoints of rows that are part of an item's content (exercises, links, packs,
    images): writes go through ``workflow.change_child`` and answer 202 while they wait
    for review."""

    parent_field = "article"
    relation = "exercises"

    def _values(self, serializer, instance=None) -> dict:
        model = serializer.Meta.model
        values = {}
        for name, value in serializer.validated_data.items():
            try:
                f = model._meta.get_field(name)
            except Exception:
                continue
            if name == self.parent_field:
                continue
            if instance is not None and getattr(instance, f.attname) == getattr(value, "pk", value):
                continue
            values[f.attname if f.is_relation else name] = (
                getattr(value, "pk", value) if f.is_relation else value
            )
        return values

    def _parent_moved(self, serializer, instance) -> bool:
        new = serializer.validated_data.get(self.parent_field)
        return new is not None and new.pk != getattr(instance, f"{self.parent_field}_id")

    def _run(self, **kwargs):
        try:
            return workflow.change_child(relation=self.relation, user=self.request.user, **kwargs)
        except DjangoValidationError as exc:
            raise_refusal(exc)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        parent = serializer.validated_data[self.parent_field]
        outcome = self._run(parent=parent, values=self._values(serializer))
        if outcome.pending:
            return pending_response(outcome)
        created = outcome.created.get(self.relation, [])
        if not created:
            raise exceptions.ValidationError({"non_field_errors": ["Nothing was added."]})
        data = self.get_serializer(created[0]).data
        return Response(data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(
            instance, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        if self._parent_moved(serializer, instance):
            raise exceptions.ValidationError(
                {
                    self.parent_field: [
                        "A row cannot move to another item: add it there, and remove it here."
                    ]
                }
            )
        outcome = self._run(
            parent=getattr(instance, self.parent_field),
            pk=instance.pk,
            values=self._values(serializer, instance),
        )
        if outcome.pending:
            return pending_response(outcome)
        instance = type(instance)._default_manager.get(pk=instance.pk)
        return Response(self.get_serializer(instance).data)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        outcome = self._run(
            parent=getattr(instance, self.parent_field), pk=instance.pk, delete=True
        )
        if outcome.pending:
            return pending_response(outcome)
        return Response(status=status.HTTP_204_NO_CONTENT)
