"""The publishing state every shopper-visible item shares.

Products and articles both move draft -> in review -> published -> archived.
Only published items whose ``published_at`` has come are public; archived items keep
their page (so links and search results do not break) but leave every listing.
"""

from django.db import models
from django.utils import timezone


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Items shoppers can find: published, and their publication time has come."""
        return self.filter(status=PublicationStatus.PUBLISHED, published_at__lte=timezone.now())

    def reachable(self):
        """Items whose page answers: the published ones plus archived ones."""
        return self.filter(
            models.Q(status=PublicationStatus.ARCHIVED)
            | models.Q(status=PublicationStatus.PUBLISHED, published_at__lte=timezone.now())
        )


class Publishable(models.Model):
    status = models.CharField(
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text="Only published items are shown to shoppers. Archived items keep their page "
        "but leave listings.",
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When the item goes live. Leave empty to publish now; a future time "
        "schedules it.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == PublicationStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now().replace(microsecond=0)  # as the admin shows it
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_archived(self) -> bool:
        return self.status == PublicationStatus.ARCHIVED
