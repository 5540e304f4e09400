"""Revisions of reviewed content, and what every reviewed item records of its approval."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Reviewed(models.Model):
    """Content whose live version a claims reviewer approved."""

    content_version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Counts changes to the live content; a change based on an older count is "
        "refused.",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="The claims reviewer who approved the live version.",
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    claims_signed_off = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Flagged phrases a claims reviewer signed off for the live version.",
    )

    class Meta:
        abstract = True


class Revision(models.Model):
    """A version of an item's content: waiting for review, approved, sent back, replaced
    by a newer one, or withdrawn. ``content`` is a snapshot (core.snapshots) of everything
    shoppers read; ``base_version`` the live version it was made from."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Sent back"
        SUPERSEDED = "superseded", "Replaced by a newer revision"
        WITHDRAWN = "withdrawn", "Withdrawn"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField("item", max_length=200)
    content = models.JSONField()
    base_version = models.PositiveIntegerField()
    changed = models.JSONField(
        "what changed", default=list, blank=True, help_text="What differs from the live version."
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="asked by",
    )
    created_at = models.DateTimeField("asked at", default=timezone.now, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, help_text="The reviewer's word to the author.")
    signed_off = models.JSONField(
        default=list, blank=True, help_text="Flagged phrases the reviewer signed off."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "revision"
        verbose_name_plural = "review queue"
        indexes = [
            models.Index(fields=["content_type", "object_id", "-id"], name="revision_item_latest")
        ]

    def __str__(self):
        return f"Revision #{self.pk} of {self.object_repr}"
