"""Writes of reviewed items (products, articles): the proposal is the item's current
content with the request's fields applied, handed to ``workflow.submit``."""

import hashlib

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from compliance import workflow
from compliance.api.answers import PreconditionFailed, raise_refusal
from core import snapshots
from core.api.views import can_preview


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
    localize = False  # a write answers with each language's fields as written

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
