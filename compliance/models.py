"""The publishing state every shopper-visible item shares.

Products and articles both move draft -> in review -> published -> archived.
Only published items whose ``published_at`` has come are public; archived items keep
their page (so links and search results do not break) but leave every listing.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from compliance.claims import ClaimsChecked, Severity
from compliance.revisions import Reviewed, Revision
from core.i18n import translation_of
from core.text import fold_for_matching

__all__ = ["PublicationStatus", "Publishable", "RestrictedPhrase", "Reviewed", "Revision"]


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


def published_filter(prefix: str = "") -> models.Q:
    """The condition "published, and its time has come", for a relation (``product__``)
    as well as for the model itself: a join, where ``__in`` would need a subquery."""
    return models.Q(
        **{
            f"{prefix}status": PublicationStatus.PUBLISHED,
            f"{prefix}published_at__lte": timezone.now(),
        }
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Items shoppers can find: published, and their publication time has come."""
        return self.filter(published_filter())

    def reachable(self):
        """Items whose page answers: the published ones plus archived ones."""
        return self.filter(
            models.Q(status=PublicationStatus.ARCHIVED)
            | models.Q(status=PublicationStatus.PUBLISHED, published_at__lte=timezone.now())
        )


class Publishable(Reviewed):
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


class RestrictedPhrase(models.Model):
    """A word or pattern shoppers must not read unreviewed: staff keep the list."""

    phrase = models.CharField(
        max_length=500,
        unique=True,
        help_text='Matched as whole words, ignoring case, e.g. "no side effects". With '
        '"regular expression" ticked, a Python regular expression.',
    )
    is_regex = models.BooleanField("regular expression", default=False)
    label = models.CharField(
        "shown as",
        max_length=300,
        blank=True,
        help_text='How staff see the phrase, e.g. "cure, cures, cured, curing" for a regular '
        "expression. Leave empty to show the phrase itself.",
    )
    severity = models.CharField(max_length=8, choices=Severity.choices, default=Severity.WARN)
    reason = models.CharField(max_length=300, help_text="Why shoppers must not read this.")
    rule = models.CharField(
        max_length=200, blank=True, help_text='The rule it comes from, e.g. "21 CFR 101.93(g)".'
    )
    suggestion = models.CharField(
        "suggested wording", max_length=300, blank=True, help_text="What to write instead."
    )
    is_active = models.BooleanField("active", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["severity", "phrase"]
        verbose_name = "restricted phrase"

    def __str__(self):
        return self.phrase

    def clean(self):
        if self.is_regex:
            try:
                re.compile(self.phrase)
            except re.error as exc:
                raise ValidationError(
                    {"phrase": f"Not a valid regular expression: {exc}."}
                ) from exc
        elif not fold_for_matching(self.phrase):
            raise ValidationError({"phrase": "Write at least one word."})

    @property
    def pattern(self) -> re.Pattern:
        """Matched against folded text (``core.text.fold_for_matching``): a plain phrase
        is folded the same way; a regular expression sees lower case, hyphens as spaces."""
        if self.is_regex:
            return re.compile(self.phrase, re.IGNORECASE)
        words = r"\s+".join(re.escape(word) for word in fold_for_matching(self.phrase).split())
        return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


PHONE_NUMBER = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{5,}$", "Write a phone number, e.g. +91 80 4567 8900."
)


class ReturnPolicy(models.TextChoices):
    WITHIN_DAYS = "within_days", "Returns accepted within a number of days"
    ANY_TIME = "any_time", "Returns accepted at any time"
    NOT_ACCEPTED = "not_accepted", "No returns"


class ReturnFees(models.TextChoices):
    FREE = "free", "Free: we pay the return shipping"
    FIXED_FEE = "fixed_fee", "The shopper pays a fixed return shipping fee"
    SHOPPER_PAYS = "shopper_pays", "The shopper sends it back at their own cost"


class SiteSettings(ClaimsChecked, models.Model):
    """Site-wide texts staff can edit: one row, created on first use."""

    disclaimer = models.TextField(
        help_text="Shown on every product and article page and in the API, unless a "
        "product has its own."
    )
    age_restricted_notice = models.TextField(
        "age-restricted product notice",
        help_text="Added to products flagged as age-restricted (the CBD drops).",
    )
    disclaimer_hi = translation_of(disclaimer, "disclaimer")
    age_restricted_notice_hi = translation_of(
        age_restricted_notice, "age-restricted product notice"
    )
    # The brand's statutory details: shown on every product page (Legal Metrology
    # (Packaged Commodities) Rules, rule 6) unless a product names its own.
    manufacturer_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The company that makes the products, as on the pack. A product can name "
        "another.",
    )
    manufacturer_address = models.TextField(
        blank=True, help_text="Its full postal address, as on the pack."
    )
    marketer_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The company that markets the products, if not the manufacturer.",
    )
    marketer_address = models.TextField(blank=True)
    country_of_origin = models.CharField(
        max_length=80, blank=True, default="India", help_text="Where the products are made."
    )
    consumer_care_phone = models.CharField(
        "consumer care phone",
        max_length=40,
        blank=True,
        validators=[PHONE_NUMBER],
    )
    consumer_care_email = models.EmailField("consumer care email", blank=True)
    consumer_care_address = models.TextField(
        "consumer care address",
        blank=True,
        help_text="Where shoppers can write about a product. Leave empty to use the "
        "manufacturer's address.",
    )
    consumer_care_hours = models.CharField(
        "consumer care hours",
        max_length=120,
        blank=True,
        help_text="When the phone is answered, e.g. \u201cMonday to Saturday, 10:00 to 18:00 "
        "IST\u201d.",
    )
    # Consumer Protection (E-Commerce) Rules 2020, rule 4(4) and 4(5): a grievance officer
    # whose name, designation and contact are shown, who acknowledges a complaint within
    # 48 hours and resolves it within one month.
    grievance_officer_name = models.CharField(max_length=120, blank=True)
    grievance_officer_designation = models.CharField(max_length=120, blank=True)
    grievance_officer_email = models.EmailField(blank=True)
    grievance_officer_phone = models.CharField(
        max_length=40,
        blank=True,
        validators=[PHONE_NUMBER],
    )
    grievance_acknowledge_hours = models.PositiveSmallIntegerField(
        default=48,
        validators=[MaxValueValidator(48)],
        help_text="A complaint is acknowledged within this many hours (at most 48).",
    )
    grievance_resolve_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MaxValueValidator(30)],
        help_text="And resolved within this many days (at most a month).",
    )
    # The return policy search engines and the returns page state (schema.org
    # MerchantReturnPolicy). Nothing is claimed until staff choose one.
    return_policy = models.CharField(
        max_length=16,
        choices=ReturnPolicy.choices,
        blank=True,
        help_text="Leave empty until the policy is decided: no return terms are published.",
    )
    return_days = models.PositiveSmallIntegerField(
        "days to return",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="How many days after delivery a shopper can start a return.",
    )
    return_fees = models.CharField(
        max_length=16,
        choices=ReturnFees.choices,
        blank=True,
        help_text="Who pays to send a return back.",
    )
    return_shipping_fee = models.DecimalField(
        "return shipping fee",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="What a return costs the shopper, in the shop's currency, when the fee is fixed.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    claims_fields = (
        "disclaimer",
        "age_restricted_notice",
        "manufacturer_name",
        "manufacturer_address",
        "marketer_name",
        "marketer_address",
        "consumer_care_hours",
        "disclaimer_hi",
        "age_restricted_notice_hi",
    )
    translated_fields = ("disclaimer", "age_restricted_notice")
    # What each product takes from here unless it names its own (catalog.declarations).
    brand_fields = (
        "manufacturer_name",
        "manufacturer_address",
        "marketer_name",
        "marketer_address",
        "country_of_origin",
        "consumer_care_phone",
        "consumer_care_email",
        "consumer_care_address",
        "consumer_care_hours",
        "grievance_officer_name",
        "grievance_officer_designation",
        "grievance_officer_email",
        "grievance_officer_phone",
        "grievance_acknowledge_hours",
        "grievance_resolve_days",
    )
    return_fields = ("return_policy", "return_days", "return_fees", "return_shipping_fee")

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def clean(self):
        """Apps that show these values add their rules here (a brand detail that live
        products rely on cannot be emptied, say)."""
        errors: dict[str, list[str]] = {}
        try:
            super().clean()  # the claims guard
        except ValidationError as exc:
            errors.update(exc.message_dict)
        for name, message in self.return_policy_problems().items():
            errors.setdefault(name, []).append(message)
        for check in SITE_SETTINGS_CHECKS:
            for name, messages in check(self).items():
                errors.setdefault(name, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def return_policy_problems(self) -> dict[str, str]:
        problems = {}
        if self.return_policy == ReturnPolicy.WITHIN_DAYS and not self.return_days:
            problems["return_days"] = "Say within how many days a shopper can return."
        if self.return_policy in (ReturnPolicy.WITHIN_DAYS, ReturnPolicy.ANY_TIME):
            if not self.return_fees:
                problems["return_fees"] = "Say who pays to send a return back."
            elif self.return_fees == ReturnFees.FIXED_FEE and self.return_shipping_fee is None:
                problems["return_shipping_fee"] = "Give the fee a return costs the shopper."
        return problems


# Checks of a site settings row about to be saved: ``check(row) -> {field: [message]}``.
# Apps above compliance register theirs when they are ready.
SITE_SETTINGS_CHECKS: list = []
