import math

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from catalog.models import Product, SeoFields, UseCategory
from compliance.claims import ClaimsChecked
from compliance.models import PublicationStatus, Publishable, PublishableQuerySet
from core.i18n import localized, translation_of, translations
from core.images import StrictImageField, refresh_renditions, srcset, store_displayed_size
from core.markdown import render_markdown, validate_markdown
from core.search import refresh_search_vectors, search
from core.snapshots import ChildSpec, ContentSpec
from core.text import non_empty_lines

WORDS_PER_MINUTE = 200


class ArticleQuerySet(PublishableQuerySet):
    def for_use(self, use):
        return self.filter(use_categories=use)

    def search(self, query: str):
        return search(
            self,
            query,
            weights=Article.SEARCH_WEIGHTS,
            title_fields=["title"],
            related=["use_categories__name", "use_categories__name_hi"],
        )

    def review_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(next_review_due__lt=today)

    def for_detail(self):
        return self.prefetch_related(
            "use_categories",
            Prefetch("exercises", queryset=Exercise.objects.order_by("position", "pk")),
        )


class Article(ClaimsChecked, Publishable, SeoFields):
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Part of the article's web address. Changing it breaks existing links.",
    )
    summary = models.TextField(
        max_length=400, help_text="One or two sentences shown on cards and under the title."
    )
    body = models.TextField(
        validators=[validate_markdown],
        help_text="Markdown. Use ## for section headings; HTML is removed.",
    )
    body_html = models.TextField(blank=True, editable=False)
    warning_signs = models.TextField(
        "see a doctor if",
        blank=True,
        help_text="The signs that call for a doctor rather than self-care, one per line, "
        "e.g. \u201cNumbness or weakness in a leg\u201d. Shown before the exercises; an "
        "article with exercises cannot be published without them.",
    )
    hero_image = StrictImageField(
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
        help_text="Optional. JPEG, PNG or WebP, at most 10 MB and 40 megapixels.",
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=200,
        blank=True,
        help_text="Required with a hero image: what the image shows.",
    )
    renditions = models.JSONField(default=list, blank=True, editable=False)
    renditions_source = models.CharField(max_length=255, blank=True, editable=False)
    title_hi = translation_of(title, "title")
    summary_hi = translation_of(summary, "summary")
    body_hi = translation_of(body, "body")
    body_html_hi = models.TextField(blank=True, editable=False)
    warning_signs_hi = translation_of(warning_signs, "see a doctor if")
    hero_alt_hi = translation_of(hero_alt, "hero image alt text")
    author = models.CharField(max_length=120, help_text="The byline shown to readers.")
    reviewer_name = models.CharField(
        "medical reviewer", max_length=120, blank=True, help_text="Who checked the article."
    )
    reviewer_credentials = models.CharField(
        max_length=160, blank=True, help_text='e.g. "BAMS, MD (Ayurveda)" or "MBBS, MD".'
    )
    reviewed_on = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(
        null=True, blank=True, help_text="When the medical review should be repeated."
    )
    use_categories = models.ManyToManyField(UseCategory, related_name="articles", blank=True)
    products = models.ManyToManyField(
        Product, through="ArticleProduct", related_name="articles", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Its live exercises' names in both languages, one per line, kept by the exercises'
    # saves and deletes: searched with the article ("knee to chest"), in one query.
    exercise_names = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=[
            "body_html",
            "body_html_hi",
            "renditions",
            "renditions_source",
            "exercise_names",
            "search_vector",
        ]
    )
    objects = ArticleQuerySet.as_manager()

    translated_fields = (
        "title",
        "summary",
        "body",
        "warning_signs",
        "hero_alt",
        "seo_title",
        "seo_description",
    )

    content_spec = ContentSpec(
        fields=(
            "title",
            "slug",
            "summary",
            "body",
            "warning_signs",
            "hero_image",
            "hero_alt",
            "author",
            "reviewer_name",
            "reviewer_credentials",
            "reviewed_on",
            "next_review_due",
            "seo_title",
            "seo_description",
            *translations(*translated_fields),
        ),
        m2m=("use_categories",),
        children=(
            ChildSpec(
                "exercises",
                fields=(
                    "name",
                    "instructions",
                    "benefit",
                    "start_repetitions",
                    "target_repetitions",
                    "frequency",
                    "safety_note",
                    *translations("name", "instructions", "benefit", "frequency", "safety_note"),
                    "position",
                ),
                label="exercise",
            ),
            ChildSpec(
                "product_links",
                fields=("product", "note", "note_hi", "position"),
                label="recommended product",
            ),
        ),
    )
    claims_fields = (
        "title",
        "slug",
        "summary",
        "warning_signs",
        "hero_alt",
        "author",
        "reviewer_name",
        "reviewer_credentials",
        "seo_title",
        "seo_description",
        *translations("title", "summary", "warning_signs", "hero_alt"),
        *translations("seo_title", "seo_description"),
    )
    claims_markdown_fields = ("body", *translations("body"))

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", "Can publish articles (sign off health claims)")]
        # What shoppers may see (published, its time come), newest first, from the index.
        indexes = [models.Index(fields=["status", "published_at"], name="articles_published")]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_due__isnull=True)
                | Q(reviewed_on__isnull=True)
                | Q(next_review_due__gt=models.F("reviewed_on")),
                name="article_next_review_after_review",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if self.hero_image and not self.hero_alt.strip():
            errors["hero_alt"] = "Describe the hero image for people who cannot see it."
        if self.next_review_due and self.reviewed_on and self.next_review_due <= self.reviewed_on:
            errors["next_review_due"] = "The next review must be after the last one."
        if self.status == PublicationStatus.PUBLISHED:
            missing = [
                label
                for label, value in (
                    ("reviewer_name", self.reviewer_name),
                    ("reviewer_credentials", self.reviewer_credentials),
                    ("reviewed_on", self.reviewed_on),
                )
                if not value
            ]
            for field in missing:
                errors[field] = (
                    "A published article must say who reviewed it, with what credentials and when."
                )
        if errors:
            raise ValidationError(errors)

    SEARCH_WEIGHTS = {
        "title": "A",
        "summary": "B",
        "body": "C",
        "title_hi": "A",
        "summary_hi": "B",
        "body_hi": "C",
        "exercise_names": "B",
    }

    @property
    def warning_sign_list(self) -> list[str]:
        """The signs, one per line, in the page's language."""
        return non_empty_lines(localized(self, "warning_signs"))

    def publication_problems(self, children: dict) -> list[str]:
        """Exercises are shown only with the signs that call for a doctor instead."""
        if children.get("exercises") and not non_empty_lines(self.warning_signs):
            return [
                "Before publishing exercises, list the signs that call for a doctor rather "
                "than exercise (\u201cSee a doctor if\u201d)."
            ]
        return []

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        self.body_html_hi = render_markdown(self.body_hi)
        super().save(*args, **kwargs)
        refresh_renditions(self, "hero_image")
        store_displayed_size(self, "hero_width", "hero_height")
        refresh_search_vectors(Article.objects.filter(pk=self.pk), self.SEARCH_WEIGHTS)

    def get_absolute_url(self):
        return reverse("storefront:article-detail", kwargs={"slug": self.slug})

    def claims_children(self) -> list:
        """The exercises and link notes shoppers read on the article's page."""
        if not self.pk:
            return []
        return [*self.exercises.all(), *self.product_links.all()]

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(len(self.body.split()) / WORDS_PER_MINUTE))

    @property
    def review_overdue(self) -> bool:
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()

    @property
    def hero_srcset(self) -> str:
        return srcset(self.renditions)


class ArticleProduct(ClaimsChecked, models.Model):
    """A product an article recommends, in the article's order, with a note for shoppers."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="product_links")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="article_links")
    position = models.PositiveIntegerField(
        default=0,
        blank=True,
        db_index=True,
        help_text="Order in which the article recommends its products (1 comes first).",
    )
    note = models.CharField(
        max_length=160,
        blank=True,
        help_text='Shown to shoppers with the link, e.g. "a herbal option for muscle '
        'comfort after exercise".',
    )
    note_hi = translation_of(note, "note")

    history = HistoricalRecords()

    translated_fields = ("note",)
    claims_fields = ("note", *translations("note"))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "article-product link"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "product"], name="articleproduct_unique_pair"
            )
        ]

    def __str__(self):
        return f"{self.article} → {self.product}"

    def save(self, *args, **kwargs):
        if self.position or not self.article_id:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            # The article's row stays locked until the link is committed: two links
            # added at once would otherwise both read the same last position.
            list(Article.objects.select_for_update().filter(pk=self.article_id).values("pk"))
            last = (
                ArticleProduct.objects.filter(article_id=self.article_id)
                .exclude(pk=self.pk)
                .aggregate(models.Max("position"))["position__max"]
            )
            self.position = (last or 0) + 1
            super().save(*args, **kwargs)


# Frequencies read straight after a count ("10 repetitions twice a day").
PLAIN_FREQUENCY_OPENINGS = (
    "a ",
    "an ",
    "per ",
    "each ",
    "every ",
    "once",
    "twice",
    "three times",
    "daily",
)


class Exercise(ClaimsChecked, models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="exercises")
    position = models.PositiveIntegerField(default=0, db_index=True)
    name = models.CharField(max_length=120)
    instructions = models.TextField("how to do it")
    benefit = models.CharField(
        max_length=200, blank=True, help_text='What it helps with, e.g. "loosens the lower back".'
    )
    start_repetitions = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Repetitions to start with. Empty for a stretch held once."
    )
    target_repetitions = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Repetitions to build up to."
    )
    frequency = models.CharField(
        max_length=80, help_text='How often, e.g. "a day", "twice a day", "morning and evening".'
    )
    safety_note = models.CharField(max_length=300, blank=True)
    name_hi = translation_of(name, "name")
    instructions_hi = translation_of(instructions, "how to do it")
    benefit_hi = translation_of(benefit, "benefit")
    frequency_hi = translation_of(frequency, "frequency")
    safety_note_hi = translation_of(safety_note, "safety note")

    history = HistoricalRecords()

    translated_fields = ("name", "instructions", "benefit", "frequency", "safety_note")
    claims_fields = (*translated_fields, *translations(*translated_fields))

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_repetitions__isnull=True)
                | Q(start_repetitions__isnull=True)
                | Q(target_repetitions__gte=models.F("start_repetitions")),
                name="exercise_target_not_below_start",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if (
            self.start_repetitions is not None
            and self.target_repetitions is not None
            and self.target_repetitions < self.start_repetitions
        ):
            raise ValidationError(
                {"target_repetitions": "The target cannot be below the starting repetitions."}
            )

    @property
    def dose(self) -> str:
        """The dose as a reader says it, from the structured fields: "Start with 5 a day,
        build up to 30", "Start with 3, build up to 5, twice a day", "10 repetitions
        twice a day", "1 repetition, morning and evening", "Morning and evening"."""
        start, target = self.start_repetitions, self.target_repetitions
        english = " ".join(self.frequency.split())
        often = " ".join(localized(self, "frequency").split())
        # In English, "a day" reads after the count; other languages take it as written.
        daily = often == english and english.lower() in {"a day", "daily", "per day", "each day"}
        if start and target and target != start:
            if daily:
                return _("Start with %(start)s %(often)s, build up to %(target)s") % {
                    "start": start,
                    "often": often,
                    "target": target,
                }
            return _("Start with %(start)s, build up to %(target)s, %(often)s") % {
                "start": start,
                "often": often,
                "target": target,
            }
        reps = target or start
        if reps:
            times = ngettext("%(n)s repetition", "%(n)s repetitions", reps) % {"n": reps}
            # "twice a day", "a day", "daily" follow the count; anything else after a comma
            plain = often == english and often.lower().startswith(PLAIN_FREQUENCY_OPENINGS)
            return (
                f"{times} {often}"
                if plain
                else _("%(times)s, %(often)s")
                % {
                    "times": times,
                    "often": often,
                }
            )
        return often[:1].upper() + often[1:]


@receiver(post_save, sender=Exercise)
@receiver(post_delete, sender=Exercise)
def index_exercise_names(sender, instance, **kwargs) -> None:
    """An article's exercise names, as its search reads them, after any exercise of it
    is saved or deleted (also through a revision or a deleted article's cascade)."""
    names = Exercise.objects.filter(article_id=instance.article_id).order_by("position", "pk")
    text = "\n".join(name for pair in names.values_list("name", "name_hi") for name in pair if name)
    articles = Article.objects.filter(pk=instance.article_id)
    if articles.exclude(exercise_names=text).update(exercise_names=text):
        refresh_search_vectors(articles, Article.SEARCH_WEIGHTS)
