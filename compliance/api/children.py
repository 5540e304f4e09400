"""Endpoints of rows that are part of an item's content (exercises, links, packs,
images): writes go through ``workflow.change_child``."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response

from compliance import workflow
from compliance.api.answers import pending_response, raise_refusal


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
