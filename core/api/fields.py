"""Serializer fields and base classes with the project's conventions."""

from datetime import UTC

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.i18n import SOURCE, content_language, localized


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
    """Reads give a model's translated fields (its ``translated_fields``, e.g. ``name``
    and ``name_hi``) in the request's language, the English where the translation is
    empty; writes (``localize = False``) name each language's field as it is."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: UTCDateTimeField,
    }
    localize = True

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.localize or content_language() == SOURCE:
            return data
        for name in getattr(instance, "translated_fields", ()):
            for key in (name, f"{name}_html"):
                if key in data and self.fields[key].source == key:
                    data[key] = localized(instance, key)
        return data


class FullCleanMixin:
    """Run the model's own validation (field validators, clean() with the claims guard,
    check and unique constraints) on the instance a write would save, as the admin
    does, so a refused write is a 400 with a message rather than an IntegrityError."""

    localize = False  # a write answers with the fields as written

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


@extend_schema_field(OpenApiTypes.URI)
class WebUrlField(serializers.Field):
    """The item's page on the storefront, absolute: where a partner links shoppers."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "The item's storefront page, for shoppers.")
        super().__init__(**kwargs)

    def to_representation(self, item) -> str:
        request = self.context.get("request")
        path = item.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class LocalizedField(serializers.CharField):
    """A translated text of a related object (``of``, e.g. "article") read in the
    request's language: ``LocalizedField("title", of="article")``."""

    def __init__(self, name: str, *, of: str = "", **kwargs):
        self.text_name, self.owner = name, of
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj) -> str:
        owner = getattr(obj, self.owner) if self.owner else obj
        return str(localized(owner, self.text_name))
