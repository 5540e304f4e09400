"""The store's own pages (shipping, returns and refunds, payment, privacy, terms, contact
and the grievance officer: shopper text like any other, edited in the admin, reviewed
and published through the workflow, checked by the claims guard) and its shipping rules
(what delivery costs and takes: numbers and fixed labels, no free text)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from catalog.models import CURRENCY_CODE, default_currency
from compliance.claims import ClaimsChecked
from compliance.models import Publishable, PublishableQuerySet
from core.i18n import translation_of, translations
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
    title_hi = translation_of(title, "title")
    summary_hi = translation_of(summary, "summary")
    body_hi = translation_of(body, "body")
    body_html_hi = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["body_html", "body_html_hi"])
    objects = PublishableQuerySet.as_manager()

    translated_fields = ("title", "summary", "body")
    content_spec = ContentSpec(
        fields=("kind", "title", "slug", "summary", "body", *translations(*translated_fields))
    )
    claims_fields = ("title", "slug", "summary", *translations("title", "summary"))
    claims_markdown_fields = ("body", *translations("body"))

    class Meta:
        ordering = ["kind"]
        verbose_name = "store page"
        permissions = [("publish_storepage", "Can publish store pages (sign off their text)")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        self.body_html_hi = render_markdown(self.body_hi)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("storefront:store-page", kwargs={"slug": self.slug})

    @property
    def footer_position(self) -> int:
        return list(self.Kind.values).index(self.kind)


def default_country() -> str:
    return settings.CATALOG_COUNTRY


MAX_DAYS = 60
DAYS = [MaxValueValidator(MAX_DAYS)]


class ShippingRuleQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("position", "pk")


class ShippingRule(models.Model):
    """What one delivery service costs and takes to one country. The shipping page, each
    product's structured data and the Merchant feed all read these rows."""

    class Service(models.TextChoices):
        STANDARD = "standard", gettext_lazy("Standard delivery")
        EXPRESS = "express", gettext_lazy("Express delivery")

    service = models.CharField(max_length=16, choices=Service.choices, default=Service.STANDARD)
    country = models.CharField(
        max_length=2,
        default=default_country,
        validators=[RegexValidator(r"^[A-Z]{2}$", "Use a two-letter country code, e.g. IN.")],
        help_text="Where this delivery goes (ISO 3166-1 code, e.g. IN for India).",
    )
    rate = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text="What an order pays for delivery, taxes included. 0 for free delivery.",
    )
    currency = models.CharField(
        max_length=3,
        default=default_currency,
        validators=[CURRENCY_CODE],
    )
    free_from = models.DecimalField(
        "free from",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Orders of at least this amount are delivered free. Leave empty if none are.",
    )
    handling_days_min = models.PositiveSmallIntegerField(
        "handling days (fewest)",
        default=0,
        validators=DAYS,
        help_text="Business days from the order to handing it to the courier.",
    )
    handling_days_max = models.PositiveSmallIntegerField(
        "handling days (most)", default=1, validators=DAYS
    )
    transit_days_min = models.PositiveSmallIntegerField(
        "transit days (fewest)",
        default=2,
        validators=DAYS,
        help_text="Business days the courier takes to deliver.",
    )
    transit_days_max = models.PositiveSmallIntegerField(
        "transit days (most)", default=7, validators=DAYS
    )
    position = models.PositiveIntegerField(default=0, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ShippingRuleQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "country"],
                name="shippingrule_one_per_service_and_country",
                violation_error_message="This country already has a rule for this service: "
                "change that one instead.",
            ),
            models.CheckConstraint(
                condition=Q(handling_days_min__lte=F("handling_days_max")),
                name="shippingrule_handling_days_in_order",
            ),
            models.CheckConstraint(
                condition=Q(transit_days_min__lte=F("transit_days_max")),
                name="shippingrule_transit_days_in_order",
            ),
            models.CheckConstraint(condition=Q(rate__gte=0), name="shippingrule_rate_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_service_display()} to {self.country}"

    def clean(self):
        errors = {}
        for kind in ("handling", "transit"):
            low, high = getattr(self, f"{kind}_days_min"), getattr(self, f"{kind}_days_max")
            if low is not None and high is not None and low > high:
                errors[f"{kind}_days_max"] = (
                    f"The most {kind} days cannot be fewer than the fewest ({low})."
                )
        if self.free_from is not None and self.rate == 0:
            errors["free_from"] = "Delivery is already free: leave this empty."
        if errors:
            raise ValidationError(errors)

    def rate_for(self, amount, currency: str):
        """What delivering an order of ``amount`` (in ``currency``) costs under this rule:
        free from its free-delivery value, which is in the rule's own currency."""
        if (
            self.free_from is not None
            and amount is not None
            and currency == self.currency
            and amount >= self.free_from
        ):
            return Decimal("0.00")
        return self.rate

    @property
    def delivery_days(self) -> tuple[int, int]:
        """Business days from the order to the door, fewest and most."""
        return (
            self.handling_days_min + self.transit_days_min,
            self.handling_days_max + self.transit_days_max,
        )
