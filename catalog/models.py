from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from compliance.claims import ClaimsChecked
from compliance.models import Publishable, PublishableQuerySet, Reviewed, published_filter
from core.i18n import localized, translation_of, translations
from core.images import StrictImageField, refresh_renditions, srcset, store_displayed_size
from core.markdown import render_markdown, validate_markdown
from core.search import refresh_search_vectors, search
from core.snapshots import ChildSpec, ContentSpec
from core.text import non_empty_lines


def default_currency() -> str:
    return settings.CATALOG_DEFAULT_CURRENCY


CURRENCY_CODE = RegexValidator(r"^[A-Z]{3}$", "Use a three-letter ISO 4217 code, e.g. INR.")


class SeoFields(models.Model):
    seo_title = models.CharField(
        "SEO title",
        max_length=70,
        blank=True,
        help_text="Shown in search results and the browser tab. Leave empty to use the name. "
        "Up to 70 characters.",
    )
    seo_description = models.CharField(
        "SEO description",
        max_length=160,
        blank=True,
        help_text="The snippet search engines show under the title. Up to 160 characters.",
    )
    seo_title_hi = translation_of(seo_title, "SEO title")
    seo_description_hi = translation_of(seo_description, "SEO description")

    class Meta:
        abstract = True


class ProductLine(ClaimsChecked, Reviewed):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    name_hi = translation_of(name, "name")
    description_hi = translation_of(description, "description")

    history = HistoricalRecords()

    translated_fields = ("name", "description")
    content_spec = ContentSpec(
        fields=("name", "slug", "description", *translations(*translated_fields))
    )

    claims_fields = ("name", "slug", "description", *translations(*translated_fields))

    class Meta:
        ordering = ["name"]
        permissions = [
            ("publish_productline", "Can approve product lines (sign off health claims)")
        ]

    def __str__(self):
        return self.name


class UseCategory(ClaimsChecked, Reviewed, SeoFields):
    class Colour(models.TextChoices):
        TEAL = "teal", "Teal (muscle & joint)"
        ROSE = "rose", "Rose (skin)"
        INDIGO = "indigo", "Indigo (stress & anxiety)"
        OCHRE = "ochre", "Ochre (digestion)"

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    short_intro = models.TextField(
        blank=True, help_text="One or two sentences shown at the top of the use's page."
    )
    colour = models.CharField(
        max_length=16,
        choices=Colour.choices,
        default=Colour.TEAL,
        help_text="The accent used for this use's tile, chips and labels.",
    )
    position = models.PositiveIntegerField(default=0, db_index=True)
    name_hi = translation_of(name, "name")
    short_intro_hi = translation_of(short_intro, "short intro")

    history = HistoricalRecords()

    translated_fields = ("name", "short_intro", "seo_title", "seo_description")
    claims_fields = (
        "name",
        "slug",
        "short_intro",
        "seo_title",
        "seo_description",
        *translations(*translated_fields),
    )
    content_spec = ContentSpec(
        fields=(
            "name",
            "slug",
            "short_intro",
            "colour",
            "seo_title",
            "seo_description",
            *translations(*translated_fields),
        )
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "use category"
        verbose_name_plural = "use categories"
        permissions = [
            ("publish_usecategory", "Can approve use categories (sign off health claims)")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("storefront:use-detail", kwargs={"slug": self.slug})

    def shown_with(self) -> list[str]:
        """Published products and articles listed under this use (deleting it would
        change their pages)."""
        shown = [str(p) for p in self.products.filter(published_filter())[:3]]
        shown += [str(a) for a in self.articles.filter(published_filter())[:3]]
        return shown


class ProductQuerySet(PublishableQuerySet):
    def for_use(self, use):
        return self.filter(use_categories=use)

    def search(self, query: str):
        return search(
            self,
            query,
            weights=Product.SEARCH_WEIGHTS,
            title_fields=["name", "tagline"],
            related=["use_categories__name", "use_categories__name_hi"],
        )

    def feed_eligible(self):
        """Published products that may be advertised: age-restricted ones never are."""
        return self.published().filter(age_restricted=False)

    def for_listing(self):
        """What a product card needs: its line, primary use, first image and lowest price.

        The lowest price is a correlated subquery rather than an aggregate: grouping would
        price every product before a page is sliced, and make counting it a grouped scan.
        """
        cheapest = (
            Variant.objects.filter(product=OuterRef("pk")).order_by("price").values("price")[:1]
        )
        return (
            self.select_related("line", "primary_use")
            .prefetch_related(Prefetch("images", queryset=ProductImage.objects.main_first()))
            .annotate(min_price=Subquery(cheapest))
        )

    def for_detail(self):
        return self.select_related("line", "primary_use").prefetch_related(
            "use_categories",
            Prefetch("variants", queryset=Variant.objects.order_by("position", "pk")),
            Prefetch("images", queryset=ProductImage.objects.main_first()),
            "ingredients",
            "offers",
        )


class RegulatoryCategory(models.TextChoices):
    # Shown on the product page in its language (catalog.declarations).
    AYURVEDIC_PROPRIETARY = "ayurvedic_proprietary", gettext_lazy("Ayurvedic proprietary medicine")
    AYURVEDIC_CLASSICAL = (
        "ayurvedic_classical",
        gettext_lazy("Ayurvedic medicine (classical formulation)"),
    )
    HEALTH_SUPPLEMENT = "health_supplement", gettext_lazy("Health supplement (FSSAI)")

    @classmethod
    def ayurvedic(cls) -> set[str]:
        return {cls.AYURVEDIC_PROPRIETARY, cls.AYURVEDIC_CLASSICAL}


DECLARATION_FIELDS = (
    "generic_name",
    "regulatory_category",
    "licence_number",
    "shelf_life_months",
    "manufacturer_name",
    "manufacturer_address",
    "packer_name",
    "packer_address",
    "marketer_name",
    "marketer_address",
    "country_of_origin",
)


class Product(ClaimsChecked, Publishable, SeoFields):
    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Part of the product's web address. Changing it breaks links shoppers "
        "and search engines already have.",
    )
    line = models.ForeignKey(ProductLine, on_delete=models.PROTECT, related_name="products")
    use_categories = models.ManyToManyField(
        UseCategory,
        related_name="products",
        help_text="Every use this product is listed under.",
    )
    primary_use = models.ForeignKey(
        UseCategory,
        on_delete=models.PROTECT,
        related_name="primary_products",
        help_text="The main use: sets the product's colour and breadcrumb. Must be one of "
        "its uses.",
    )
    tagline = models.CharField(max_length=160, blank=True)
    description = models.TextField(
        blank=True,
        validators=[validate_markdown],
        help_text="Markdown. Use ## for section headings; HTML is removed.",
    )
    description_html = models.TextField(blank=True, editable=False)
    key_ingredients = models.TextField(blank=True, help_text="One ingredient per line.")
    directions = models.TextField("directions (dose)", blank=True)
    warnings = models.TextField(blank=True)
    disclaimer_override = models.TextField(
        "own disclaimer",
        blank=True,
        help_text="Leave empty to show the site-wide disclaimer (Compliance > Site settings).",
    )
    name_hi = translation_of(name, "name")
    tagline_hi = translation_of(tagline, "tagline")
    description_hi = translation_of(description, "description")
    description_html_hi = models.TextField(blank=True, editable=False)
    key_ingredients_hi = translation_of(key_ingredients, "key ingredients")
    directions_hi = translation_of(directions, "directions (dose)")
    warnings_hi = translation_of(warnings, "warnings")
    disclaimer_override_hi = translation_of(disclaimer_override, "own disclaimer")
    age_restricted = models.BooleanField(
        "age-restricted (CBD)",
        default=False,
        help_text="Adds the 18+ notice to the page and keeps the product out of the merchant feed.",
    )
    position = models.PositiveIntegerField(
        "order",
        default=0,
        help_text="Where the product comes on the home and use pages: drag the rows of the "
        "product list to change it.",
    )
    # What Indian law asks a listing to declare (catalog.declarations): the Legal
    # Metrology (Packaged Commodities) Rules 6(1) and 6(10), and for Ayurvedic
    # medicines the Drugs and Cosmetics Rules, rule 161. Brand-wide values (maker,
    # consumer care) come from Site settings unless set here.
    generic_name = models.CharField(
        "common or generic name",
        max_length=200,
        blank=True,
        help_text='What the product is, in plain words, e.g. "Herbal oral drops".',
    )
    regulatory_category = models.CharField(
        max_length=32,
        choices=RegulatoryCategory.choices,
        blank=True,
        help_text="Under which rules it is made and sold.",
    )
    licence_number = models.CharField(
        "manufacturing licence number",
        max_length=64,
        blank=True,
        help_text="As printed on the pack (the State licence for Ayurvedic medicines, the "
        "FSSAI licence for supplements).",
    )
    shelf_life_months = models.PositiveSmallIntegerField(
        "shelf life (months)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text='Shown as "Best before N months from the date of manufacture".',
    )
    manufacturer_name = models.CharField(
        max_length=200, blank=True, help_text="Leave empty to use the brand's (Site settings)."
    )
    manufacturer_address = models.TextField(
        blank=True, help_text="Leave empty to use the brand's (Site settings)."
    )
    packer_name = models.CharField(
        "packed by",
        max_length=200,
        blank=True,
        help_text="Only when another company packs it.",
    )
    packer_address = models.TextField("packer's address", blank=True)
    marketer_name = models.CharField(
        "marketed by", max_length=200, blank=True, help_text="Leave empty to use the brand's."
    )
    marketer_address = models.TextField("marketer's address", blank=True)
    country_of_origin = models.CharField(
        max_length=80, blank=True, help_text="Leave empty to use the brand's (Site settings)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["description_html", "description_html_hi", "search_vector"]
    )
    objects = ProductQuerySet.as_manager()

    translated_fields = (
        "name",
        "tagline",
        "description",
        "key_ingredients",
        "directions",
        "warnings",
        "disclaimer_override",
        "seo_title",
        "seo_description",
    )

    content_spec = ContentSpec(
        fields=(
            "name",
            "slug",
            "line",
            "primary_use",
            "tagline",
            "description",
            "key_ingredients",
            "directions",
            "warnings",
            "disclaimer_override",
            "age_restricted",
            "seo_title",
            "seo_description",
            *DECLARATION_FIELDS,
            *translations(*translated_fields),
        ),
        m2m=("use_categories",),
        children=(
            ChildSpec(
                "variants",
                fields=("pack_size",),
                direct=(
                    "sku",
                    "price",
                    "currency",
                    "compare_at_price",
                    "mrp",
                    "gtin",
                    "stock_quantity",
                    "availability",
                    "position",
                ),
                label="pack",
            ),
            ChildSpec(
                "images",
                fields=("image", "alt_text", "alt_text_hi", "is_main", "position"),
                label="image",
            ),
            ChildSpec(
                "offers",
                fields=("retailer", "url", "kind", "variant", "position"),
                label="where-to-buy link",
            ),
            ChildSpec(
                "ingredients",
                fields=(
                    "name",
                    "botanical_name",
                    "part_used",
                    "quantity",
                    "needs_medical_supervision",
                    "position",
                ),
                label="ingredient",
            ),
        ),
    )
    claims_fields = (
        "name",
        "slug",
        "tagline",
        "key_ingredients",
        "directions",
        "warnings",
        "disclaimer_override",
        "seo_title",
        "seo_description",
        "generic_name",
        "manufacturer_name",
        "manufacturer_address",
        "packer_name",
        "packer_address",
        "marketer_name",
        "marketer_address",
        *translations("name", "tagline", "key_ingredients", "directions", "warnings"),
        *translations("disclaimer_override", "seo_title", "seo_description"),
    )
    claims_markdown_fields = ("description", *translations("description"))

    class Meta:
        ordering = ["position", "name"]
        permissions = [("publish_product", "Can publish products (sign off health claims)")]
        # Listings page through products in staff's order, the API also by name: an index
        # for each keeps a page cheap at any size.
        indexes = [
            models.Index(fields=["position", "name", "id"], name="catalog_product_listing"),
            models.Index(fields=["name", "id"], name="catalog_product_name_id"),
            # What shoppers may see (published, its time come), counted from the index.
            models.Index(fields=["status", "published_at"], name="catalog_product_published"),
        ]

    def __str__(self):
        return self.name

    SEARCH_WEIGHTS = {
        "name": "A",
        "tagline": "B",
        "key_ingredients": "C",
        "description": "C",
        "name_hi": "A",
        "tagline_hi": "B",
        "key_ingredients_hi": "C",
        "description_hi": "C",
    }

    def save(self, *args, **kwargs):
        if self._state.adding and not self.position:  # a new product joins the end
            last = Product.objects.aggregate(last=models.Max("position"))["last"]
            self.position = (last or 0) + 1
        self.description_html = render_markdown(self.description)
        self.description_html_hi = render_markdown(self.description_hi)
        super().save(*args, **kwargs)
        refresh_search_vectors(Product.objects.filter(pk=self.pk), self.SEARCH_WEIGHTS)

    def get_absolute_url(self):
        return reverse("storefront:product-detail", kwargs={"slug": self.slug})

    def clean_children(self, children: dict) -> None:
        """Rules across the product's rows, checked on the content as it would be saved."""
        mains = [image for image in children.get("images", []) if image.is_main]
        if len(mains) > 1:
            raise ValidationError(
                "Choose one main image: %(n)s are ticked.", params={"n": len(mains)}
            )
        packs = {v.pk for v in children.get("variants", []) if v.pk}
        for offer in children.get("offers", []):
            if offer.variant_id is not None and offer.variant_id not in packs:
                raise ValidationError(
                    "The where-to-buy link \u201c%(offer)s\u201d is for a pack this product "
                    "no longer has: remove the link with the pack.",
                    params={"offer": offer.url},
                )

    def publication_problems(self, children: dict) -> list[str]:
        """What must be added before shoppers may see this product (the statutory
        declarations), checked on the content as it would go live."""
        from catalog.declarations import missing_declarations

        missing = missing_declarations(
            self, children.get("variants", []), children.get("ingredients", [])
        )
        if not missing:
            return []
        return [
            "Add what the law asks this listing to declare before it is published: "
            + "; ".join(missing)
            + "."
        ]

    @property
    def ingredient_list(self) -> list[str]:
        """The key ingredients, one per line, in the page's language."""
        return non_empty_lines(localized(self, "key_ingredients"))


class Variant(ClaimsChecked, models.Model):
    class Availability(models.TextChoices):
        IN_STOCK = "in_stock", "In stock"
        OUT_OF_STOCK = "out_of_stock", "Out of stock"
        PREORDER = "preorder", "Available to pre-order"

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(
        "SKU",
        max_length=64,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9][A-Z0-9-]*$",
                "Use capital letters, digits and hyphens, e.g. MJ-30ML.",
            )
        ],
    )
    pack_size = models.CharField(max_length=50, help_text='As printed on the pack, e.g. "30 ml".')
    price = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(
        max_length=3,
        default=default_currency,
        validators=[CURRENCY_CODE],
    )
    compare_at_price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="The earlier, higher price shown struck through. Leave empty when not on offer.",
    )
    mrp = models.DecimalField(
        "MRP",
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text="Maximum retail price, inclusive of all taxes, as printed on the pack. The "
        "price cannot be higher.",
    )
    gtin = models.CharField(
        "GTIN",
        max_length=14,
        blank=True,
        validators=[
            RegexValidator(
                r"^(\d{8}|\d{12}|\d{13}|\d{14})$",
                "A GTIN has 8, 12, 13 or 14 digits (the barcode number).",
            )
        ],
        help_text="The barcode number (EAN/UPC), if the pack has one. Used by the merchant feed.",
    )
    stock_quantity = models.PositiveIntegerField(default=0)
    availability = models.CharField(
        max_length=16, choices=Availability.choices, default=Availability.IN_STOCK
    )
    position = models.PositiveIntegerField(default=0, db_index=True)

    history = HistoricalRecords()

    claims_fields = ("pack_size",)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="variant_price_not_negative"),
            models.CheckConstraint(
                condition=Q(compare_at_price__isnull=True)
                | Q(compare_at_price__gt=models.F("price")),
                name="variant_compare_at_above_price",
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="variant_currency_iso_code"
            ),
            models.CheckConstraint(
                condition=Q(price__lte=models.F("mrp")), name="variant_price_within_mrp"
            ),
            models.CheckConstraint(
                condition=Q(compare_at_price__isnull=True)
                | Q(compare_at_price__lte=models.F("mrp")),
                name="variant_compare_at_within_mrp",
            ),
        ]

    def __str__(self):
        return f"{self.product.name} {self.pack_size} ({self.sku})"

    @property
    def anchor(self) -> str:
        """The id of the pack's row (with its Buy link) on the product page."""
        return f"pack-{self.sku.lower()}"

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if (
            self.compare_at_price is not None
            and self.price is not None
            and self.compare_at_price <= self.price
        ):
            errors["compare_at_price"] = "The compare-at price must be higher than the price."
        if self.mrp is not None and self.price is not None and self.price > self.mrp:
            errors["price"] = (
                f"The price cannot be above the MRP ({self.mrp}), which includes all taxes."
            )
        if (
            self.mrp is not None
            and self.compare_at_price is not None
            and self.compare_at_price > self.mrp
        ):
            errors["compare_at_price"] = (
                f"The compare-at price cannot be above the MRP ({self.mrp})."
            )
        if self.availability == self.Availability.IN_STOCK and self.stock_quantity == 0:
            errors["availability"] = (
                "Stock is 0: set the stock quantity, or mark it out of stock or available to "
                "pre-order."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_purchasable(self) -> bool:
        return self.availability != self.Availability.OUT_OF_STOCK


class ProductImageQuerySet(models.QuerySet):
    def main_first(self):
        """The order shoppers see: the main image, then the others in staff's order."""
        return self.order_by("-is_main", "position", "pk")


class ProductImage(ClaimsChecked, models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = StrictImageField(
        upload_to="products/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text="JPEG, PNG or WebP, at most 10 MB and 40 megapixels. Square images of "
        "at least 1200 px look best.",
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    alt_text = models.CharField(
        max_length=200,
        help_text="Describe what the image shows for people who cannot see it, e.g. "
        '"30 ml amber dropper bottle of the muscle & joint drops".',
    )
    alt_text_hi = translation_of(alt_text, "alt text")
    is_main = models.BooleanField(
        "main image",
        default=False,
        help_text="Shown first, on cards, in search results and in the merchant feed. Without "
        "one, the first image in order is used.",
    )
    position = models.PositiveIntegerField(default=0, db_index=True)
    renditions = models.JSONField(default=list, blank=True, editable=False)
    renditions_source = models.CharField(max_length=255, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["renditions", "renditions_source"])
    objects = ProductImageQuerySet.as_manager()

    translated_fields = ("alt_text",)
    claims_fields = ("alt_text", *translations("alt_text"))

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        refresh_renditions(self)
        store_displayed_size(self)

    @property
    def srcset(self) -> str:
        return srcset(self.renditions)


class Ingredient(ClaimsChecked, models.Model):
    """One line of the product's composition as the label declares it (rule 161:
    ingredients with their quantities and the part of the plant used)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="ingredients")
    name = models.CharField(max_length=120, help_text='As on the label, e.g. "Nirgundi".')
    botanical_name = models.CharField(
        max_length=160, blank=True, help_text='The plant\'s Latin name, e.g. "Vitex negundo".'
    )
    part_used = models.CharField(
        max_length=80,
        blank=True,
        help_text='e.g. "leaf", "root", "seed oil". Empty for ingredients that are not plants.',
    )
    quantity = models.CharField(
        max_length=80, help_text='How much is in each dose or unit, e.g. "50 mg per ml".'
    )
    needs_medical_supervision = models.BooleanField(
        "calls for medical supervision",
        default=False,
        help_text="A Schedule E(1) ingredient: the product page then shows the caution "
        "\u201cto be taken under medical supervision\u201d.",
    )
    position = models.PositiveIntegerField(default=0, db_index=True)

    history = HistoricalRecords()

    claims_fields = ("name", "botanical_name", "part_used", "quantity")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class HttpsURLField(models.URLField):
    """A web address whose form field reads a typed "shop.example/x" as https."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class Offer(ClaimsChecked, models.Model):
    """Where a shopper can buy one pack: the brand's own checkout, or a marketplace
    listing. Part of the product's content: a link on a live product waits for review."""

    class Kind(models.TextChoices):
        SHOP = "shop", "Our shop (checkout or cart link)"
        MARKETPLACE = "marketplace", "Marketplace listing"

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="offers")
    variant = models.ForeignKey(
        Variant, on_delete=models.CASCADE, related_name="offers", verbose_name="pack"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.SHOP)
    retailer = models.CharField(
        max_length=80,
        blank=True,
        help_text='Shown as "Buy at <retailer>", e.g. "Amazon.in". Leave empty for our shop.',
    )
    url = HttpsURLField(
        "link",
        max_length=500,
        validators=[URLValidator(schemes=["https"], message="Use the shop's https:// address.")],
        help_text="The product or cart page of this pack at the retailer (https).",
    )
    position = models.PositiveIntegerField(default=0, db_index=True)

    history = HistoricalRecords()

    claims_fields = ("retailer",)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "where-to-buy link"
        constraints = [
            models.UniqueConstraint(
                fields=["product", "variant", "retailer"], name="offer_one_per_retailer_and_pack"
            )
        ]

    def __str__(self):
        return self.retailer or "Our shop"

    def clean(self):
        errors = {}
        if self.kind == self.Kind.MARKETPLACE and not self.retailer.strip():
            errors["retailer"] = "Name the marketplace shoppers will buy from."
        if (
            self.variant_id is not None
            and self.product_id is not None
            and self.variant.product_id != self.product_id
        ):
            errors["variant"] = "Choose one of this product's packs."
        if errors:
            raise ValidationError(errors)

    @property
    def is_shop(self) -> bool:
        return self.kind == self.Kind.SHOP
