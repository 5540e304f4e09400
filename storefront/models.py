"""The store's own pages: shipping, returns and refunds, payment, privacy, terms, contact
and the grievance officer. Shopper text like any other: edited in the admin, reviewed
and published through the workflow, checked by the claims guard."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from compliance.claims import ClaimsChecked
from compliance.models import Publishable, PublishableQuerySet
from core.markdown import render_markdown, validate_markdown
from core.snapshots import ContentSpec


class StorePage(ClaimsChecked, Publishable):
    class Kind(models.TextChoices):
        # In the footer's order.
        SHIPPING = "shipping", "Shipping"
        RETURNS = "returns", "Returns and refunds"
        PAYMENT = "payment", "Payment"
        CONTACT = "contact", "Contact"
        GRIEVANCE = "grievance", "Grievance officer"
        PRIVACY = "privacy", "Privacy"
        TERMS = "terms", "Terms of sale"

    kind = models.CharField(
        max_length=16,
        choices=Kind.choices,
        unique=True,
        help_text="Which page this is: each has its place in the footer and by the Buy links.",
    )
    title = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Part of the page's address, e.g. shipping. Changing it breaks links.",
    )
    summary = models.CharField(
        max_length=300, help_text="One sentence under the title and in search results."
    )
    body = models.TextField(
        validators=[validate_markdown],
        help_text="Markdown. Use ## for section headings; HTML is removed.",
    )
    body_html = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["body_html"])
    objects = PublishableQuerySet.as_manager()

    content_spec = ContentSpec(fields=("kind", "title", "slug", "summary", "body"))
    claims_fields = ("title", "slug", "summary")
    claims_markdown_fields = ("body",)

    class Meta:
        ordering = ["kind"]
        verbose_name = "store page"
        permissions = [("publish_storepage", "Can publish store pages (sign off their text)")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("storefront:store-page", kwargs={"slug": self.slug})

    @property
    def footer_position(self) -> int:
        return list(self.Kind.values).index(self.kind)
