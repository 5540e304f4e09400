"""Built responses: pages and API answers rendered once and served to anonymous readers
until something they show changes (see ``core/built_pages.py``)."""

from django.db import models


class BuiltPage(models.Model):
    """One anonymous response, as served: its body and headers, the tags naming what it
    shows, and when its rendering began (nanoseconds since the epoch)."""

    key = models.CharField(max_length=100, unique=True)
    scheme = models.CharField(max_length=8, default="http")
    path = models.CharField(max_length=2000)
    host = models.CharField(max_length=255)
    accept = models.CharField(max_length=200, blank=True)
    content = models.BinaryField()
    headers = models.JSONField()
    tags = models.JSONField(default=list)
    started = models.BigIntegerField()
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="When something it would list becomes public."
    )

    class Meta:
        ordering = ["path"]

    def __str__(self):
        return self.path


class BuiltPageTag(models.Model):
    """One tag of a built page, to find the pages a change ends with one indexed query.
    Deleted before their pages (``core.built_pages.drop``), so pages delete in bulk."""

    page = models.ForeignKey(BuiltPage, on_delete=models.DO_NOTHING, related_name="tag_rows")
    tag = models.CharField(max_length=100, db_index=True)

    class Meta:
        ordering = ["tag"]
        constraints = [
            models.UniqueConstraint(fields=["page", "tag"], name="builtpagetag_unique_pair")
        ]

    def __str__(self):
        return self.tag


class TagChange(models.Model):
    """When what a tag names last changed (nanoseconds since the epoch): a page whose
    rendering began earlier is not kept."""

    tag = models.CharField(max_length=100, primary_key=True)
    changed = models.BigIntegerField()

    class Meta:
        ordering = ["tag"]

    def __str__(self):
        return f"{self.tag} @ {self.changed}"
