"""What the catalog API reads and writes.

The product detail lists the published articles that recommend the product. catalog
may not import articles, so those rows arrive through Product's reverse relation
``article_links`` (prefetched by the view into ``published_article_links``) and are
read here as plain attributes: the article model is never named.
"""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from catalog.buying import where_to_buy
from catalog.declarations import declarations_for
from catalog.models import (
    DECLARATION_FIELDS,
    Ingredient,
    Offer,
    Product,
    ProductImage,
    ProductLine,
    UseCategory,
    Variant,
)
from compliance.api import ReviewedWriteMixin, ReviewInfoField
from compliance.disclaimers import disclaimer_for, notices_for
from core.api.fields import (
    FullCleanMixin,
    LocalizedField,
    ModelSerializer,
    PositionField,
    SlugRelatedField,
    UTCDateTimeField,
    WebUrlField,
)
from core.i18n import translations
from core.images import rendition_urls, validate_image_upload


class RenditionSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    url = serializers.URLField(help_text="Absolute URL of this WebP rendition.")


def absolute_renditions(renditions, request) -> list[dict]:
    return [
        {**r, "url": request.build_absolute_uri(r["url"]) if request else r["url"]}
        for r in rendition_urls(renditions)
    ]


class UseCategorySerializer(ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:use-detail", lookup_field="slug")

    class Meta:
        model = UseCategory
        fields = [
            "url",
            "slug",
            "name",
            "short_intro",
            "colour",
            "position",
            "seo_title",
            "seo_description",
        ]


class UseSummarySerializer(ModelSerializer):
    class Meta:
        model = UseCategory
        fields = ["slug", "name", "colour"]


class ProductLineSerializer(ModelSerializer):
    class Meta:
        model = ProductLine
        fields = ["slug", "name"]


class ProductImageSerializer(ModelSerializer):
    renditions = serializers.SerializerMethodField()

    class Meta:
        model = ProductImage
        fields = ["id", "alt_text", "is_main", "width", "height", "position", "renditions"]

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, image) -> list[dict]:
        return absolute_renditions(image.renditions, self.context.get("request"))


class OfferSerializer(ModelSerializer):
    retailer = serializers.SerializerMethodField()

    class Meta:
        model = Offer
        fields = ["kind", "retailer", "url"]

    def get_retailer(self, offer) -> str:
        return offer.retailer or settings.CATALOG_BRAND_NAME


class VariantSerializer(ModelSerializer):
    price = serializers.DecimalField(max_digits=10, decimal_places=2, coerce_to_string=True)
    mrp = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        coerce_to_string=True,
        help_text="Maximum retail price, inclusive of all taxes: show it with the price.",
    )
    offers = serializers.SerializerMethodField(
        help_text="Where this pack can be bought: our shop first, then marketplaces. Empty "
        "when it cannot be bought now."
    )

    class Meta:
        model = Variant
        fields = [
            "sku",
            "pack_size",
            "price",
            "mrp",
            "compare_at_price",
            "currency",
            "availability",
            "offers",
        ]

    @extend_schema_field(OfferSerializer(many=True))
    def get_offers(self, variant) -> list[dict]:
        product = variant.product
        [pack] = where_to_buy([variant], list(product.offers.all()), sold=not product.is_archived)
        chosen = [pack.buy, *pack.others] if pack.buy else []
        return OfferSerializer(chosen, many=True, context=self.context).data


class IngredientSerializer(ModelSerializer):
    class Meta:
        model = Ingredient
        fields = ["name", "botanical_name", "part_used", "quantity", "needs_medical_supervision"]


class PartySerializer(serializers.Serializer):
    role = serializers.CharField(help_text='"Manufactured by", "Packed by" or "Marketed by".')
    name = serializers.CharField()
    address = serializers.CharField()


class PackDeclarationSerializer(serializers.Serializer):
    sku = serializers.CharField()
    net_quantity = serializers.CharField()
    mrp = serializers.DecimalField(max_digits=10, decimal_places=2, coerce_to_string=True)
    currency = serializers.CharField()


class ConsumerCareSerializer(serializers.Serializer):
    phone = serializers.CharField(source="consumer_care_phone")
    email = serializers.CharField(source="consumer_care_email")
    address = serializers.CharField(source="consumer_care_address")
    hours = serializers.CharField(source="consumer_care_hours")


class DeclarationsSerializer(serializers.Serializer):
    """What a listing of the product must show in India (Legal Metrology rule 6(10); Drugs
    and Cosmetics rule 161 for Ayurvedic medicines). Partners who sell the product show
    all of it."""

    generic_name = serializers.CharField()
    regulatory_category = serializers.CharField(source="category")
    ayurvedic_medicine = serializers.BooleanField(
        source="ayurvedic", help_text='Show the words "Ayurvedic medicine".'
    )
    licence_number = serializers.CharField()
    parties = PartySerializer(many=True)
    country_of_origin = serializers.CharField()
    packs = PackDeclarationSerializer(many=True)
    best_before = serializers.CharField()
    consumer_care = ConsumerCareSerializer(source="*")
    ingredients = IngredientSerializer(many=True)
    cautions = serializers.SerializerMethodField(
        help_text="Caution lines to show as they are, each with its language."
    )

    def get_cautions(self, declarations) -> list[dict]:
        return [{"text": text, "language": lang} for text, lang in declarations.cautions]


class ProductListSerializer(ModelSerializer):
    """A product card: enough to list and link, with the lowest price and first image."""

    url = serializers.HyperlinkedIdentityField(view_name="api:product-detail", lookup_field="slug")
    web_url = WebUrlField()
    line = ProductLineSerializer()
    primary_use = UseSummarySerializer()
    uses = UseSummarySerializer(source="use_categories", many=True)
    price_from = serializers.SerializerMethodField()
    currency = serializers.SerializerMethodField()
    available = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = [
            "url",
            "web_url",
            "slug",
            "name",
            "tagline",
            "status",
            "age_restricted",
            "line",
            "primary_use",
            "uses",
            "price_from",
            "currency",
            "available",
            "image",
            "published_at",
        ]

    @staticmethod
    def _cheapest(product):
        return min(product.variants.all(), key=lambda v: v.price, default=None)

    @extend_schema_field(serializers.CharField(allow_null=True, help_text='e.g. "499.00"'))
    def get_price_from(self, product) -> str | None:
        cheapest = self._cheapest(product)
        return f"{cheapest.price:.2f}" if cheapest else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_currency(self, product) -> str | None:
        cheapest = self._cheapest(product)
        return cheapest.currency if cheapest else None

    def get_available(self, product) -> bool:
        return any(v.is_purchasable for v in product.variants.all())

    @extend_schema_field(ProductImageSerializer(allow_null=True))
    def get_image(self, product) -> dict | None:
        first = next(iter(product.images.all()), None)
        return ProductImageSerializer(first, context=self.context).data if first else None


class RelatedArticleSerializer(serializers.Serializer):
    """A published article recommending the product, read through the link row."""

    url = serializers.SerializerMethodField()
    slug = serializers.CharField(source="article.slug")
    title = LocalizedField("title", of="article")
    summary = LocalizedField("summary", of="article")
    published_at = UTCDateTimeField(source="article.published_at")
    note = LocalizedField("note", help_text="Why the article recommends this product.")

    def get_url(self, link) -> str:
        return reverse(
            "api:article-detail",
            kwargs={"slug": link.article.slug},
            request=self.context.get("request"),
        )


class ProductDetailSerializer(ProductListSerializer):
    variants = VariantSerializer(many=True)
    images = ProductImageSerializer(many=True)
    ingredients = serializers.ListField(
        source="ingredient_list", child=serializers.CharField(), read_only=True
    )
    disclaimer = serializers.SerializerMethodField(
        help_text="The health disclaimer to show with the product: its own, or the site's."
    )
    notices = serializers.SerializerMethodField(
        help_text="Further notices to show, such as the 18+ notice of age-restricted drops."
    )
    related_articles = serializers.SerializerMethodField()
    declarations = serializers.SerializerMethodField(
        help_text="The product information Indian law asks a listing to show."
    )
    review = ReviewInfoField()

    class Meta(ProductListSerializer.Meta):
        fields = [
            *ProductListSerializer.Meta.fields,
            "description",
            "description_html",
            "ingredients",
            "directions",
            "warnings",
            "seo_title",
            "seo_description",
            "variants",
            "images",
            "disclaimer",
            "notices",
            "related_articles",
            "declarations",
            "updated_at",
            "review",
        ]

    @extend_schema_field(DeclarationsSerializer)
    def get_declarations(self, product) -> dict:
        declared = declarations_for(product, product.variants.all(), product.ingredients.all())
        return DeclarationsSerializer(declared, context=self.context).data

    def get_disclaimer(self, product) -> str:
        return disclaimer_for(product)

    def get_notices(self, product) -> list[str]:
        return notices_for(product)

    @extend_schema_field(RelatedArticleSerializer(many=True))
    def get_related_articles(self, product) -> list[dict]:
        links = getattr(product, "published_article_links", [])
        return RelatedArticleSerializer(links, many=True, context=self.context).data


# --- Staff writes ------------------------------------------------------------
class ProductWriteSerializer(ReviewedWriteMixin, ModelSerializer):
    line = SlugRelatedField(slug_field="slug", queryset=ProductLine.objects.all())
    primary_use = SlugRelatedField(slug_field="slug", queryset=UseCategory.objects.all())
    use_categories = SlugRelatedField(
        slug_field="slug",
        queryset=UseCategory.objects.all(),
        many=True,
        required=False,
        help_text="Slugs of every use the product is listed under; the primary use is "
        "added when missing.",
    )

    class Meta:
        model = Product
        fields = [
            "name",
            "slug",
            "line",
            "primary_use",
            "use_categories",
            "tagline",
            "description",
            "key_ingredients",
            "directions",
            "warnings",
            "disclaimer_override",
            "age_restricted",
            "status",
            "published_at",
            "claims_sign_off",
            "seo_title",
            "seo_description",
            *DECLARATION_FIELDS,
            *translations(*Product.translated_fields),
        ]

    def validate(self, attrs):
        primary = attrs.get("primary_use") or getattr(self.instance, "primary_use", None)
        uses = attrs.get("use_categories")
        if uses is not None and primary is not None and primary not in uses:
            raise serializers.ValidationError(
                {"primary_use": "The primary use must be one of the product's uses."}
            )
        return super().validate(attrs)

    def complete_m2m(self, obj, m2m, attrs) -> None:
        """The primary use is added to the uses when the write leaves it out."""
        uses = m2m.setdefault("use_categories", [])
        if obj.primary_use_id and obj.primary_use_id not in uses:
            uses.append(obj.primary_use_id)


class VariantWriteSerializer(FullCleanMixin, ModelSerializer):
    product = SlugRelatedField(slug_field="slug", queryset=Product.objects.all())
    position = PositionField(required=False)
    price = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=0, coerce_to_string=True
    )

    class Meta:
        model = Variant
        fields = [
            "product",
            "sku",
            "pack_size",
            "price",
            "currency",
            "compare_at_price",
            "mrp",
            "stock_quantity",
            "availability",
            "position",
        ]


class OfferWriteSerializer(FullCleanMixin, ModelSerializer):
    product = SlugRelatedField(slug_field="slug", queryset=Product.objects.all())
    variant = SlugRelatedField(
        slug_field="sku", queryset=Variant.objects.all(), help_text="The pack's SKU."
    )
    position = PositionField(required=False)

    class Meta:
        model = Offer
        fields = ["id", "product", "variant", "position", "kind", "retailer", "url"]


class IngredientWriteSerializer(FullCleanMixin, ModelSerializer):
    product = SlugRelatedField(slug_field="slug", queryset=Product.objects.all())
    position = PositionField(required=False)

    class Meta:
        model = Ingredient
        fields = [
            "id",
            "product",
            "position",
            "name",
            "botanical_name",
            "part_used",
            "quantity",
            "needs_medical_supervision",
        ]


class StrictImageUploadField(serializers.ImageField):
    """The admin's image checks first, so a refused file says why (too many pixels,
    damaged, not an image) rather than Django's generic message."""

    def to_internal_value(self, data):
        if not hasattr(data, "read"):
            raise serializers.ValidationError("Send the image as a multipart file upload.")
        try:
            validate_image_upload(data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(list(exc.messages), code=exc.code) from exc
        return super().to_internal_value(data)


class ProductImageUploadSerializer(ModelSerializer):
    position = PositionField(
        required=False, help_text="Order among the product's images; empty puts it last."
    )
    image = StrictImageUploadField(
        help_text="JPEG, PNG or WebP, at most 10 MB and 40 megapixels.", validators=[]
    )

    class Meta:
        model = ProductImage
        fields = ["image", "alt_text", "alt_text_hi", "is_main", "position"]
