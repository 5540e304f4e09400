from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from articles.models import Article, ArticleProduct, Exercise
from catalog.api.serializers import RenditionSerializer, UseSummarySerializer, absolute_renditions
from catalog.models import Product, UseCategory
from compliance.api import ReviewedWriteMixin, ReviewInfoField
from compliance.disclaimers import disclaimer_for
from core.api.fields import (
    FullCleanMixin,
    LocalizedField,
    ModelSerializer,
    PositionField,
    SlugRelatedField,
    WebUrlField,
)
from core.i18n import localized, translations


class HeroImageSerializer(serializers.Serializer):
    alt_text = serializers.CharField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    renditions = RenditionSerializer(many=True)


class ArticleListSerializer(ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:article-detail", lookup_field="slug")
    web_url = WebUrlField()
    uses = UseSummarySerializer(source="use_categories", many=True)
    hero_image = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "url",
            "web_url",
            "slug",
            "title",
            "summary",
            "status",
            "author",
            "reading_minutes",
            "uses",
            "hero_image",
            "published_at",
        ]

    @extend_schema_field(HeroImageSerializer(allow_null=True))
    def get_hero_image(self, article) -> dict | None:
        if not article.hero_image:
            return None
        return {
            "alt_text": localized(article, "hero_alt"),
            "width": article.hero_width,
            "height": article.hero_height,
            "renditions": absolute_renditions(article.renditions, self.context.get("request")),
        }


class ExerciseSerializer(ModelSerializer):
    dose = serializers.CharField(
        read_only=True,
        help_text='The dose as a reader says it, e.g. "Start with 5 a day, build up to 30".',
    )

    class Meta:
        model = Exercise
        fields = [
            "id",
            "position",
            "name",
            "instructions",
            "benefit",
            "start_repetitions",
            "target_repetitions",
            "frequency",
            "dose",
            "safety_note",
        ]


class RelatedProductSerializer(serializers.Serializer):
    """A published product the article recommends, read through the link row."""

    url = serializers.SerializerMethodField()
    slug = serializers.CharField(source="product.slug")
    name = LocalizedField("name", of="product")
    tagline = LocalizedField("tagline", of="product")
    position = serializers.IntegerField()
    note = LocalizedField("note", help_text="Why the article recommends this product.")

    def get_url(self, link) -> str:
        return reverse(
            "api:product-detail",
            kwargs={"slug": link.product.slug},
            request=self.context.get("request"),
        )


class ArticleDetailSerializer(ArticleListSerializer):
    exercises = ExerciseSerializer(many=True)
    related_products = serializers.SerializerMethodField()
    disclaimer = serializers.SerializerMethodField()
    body_html = serializers.CharField(
        read_only=True, help_text="The body as sanitised HTML, safe to insert in a page."
    )
    review = ReviewInfoField()
    warning_signs = serializers.ListField(
        source="warning_sign_list",
        child=serializers.CharField(),
        read_only=True,
        help_text="When a reader should see a doctor rather than follow the article: show "
        "them before its exercises.",
    )

    class Meta(ArticleListSerializer.Meta):
        fields = [
            *ArticleListSerializer.Meta.fields,
            "body_html",
            "warning_signs",
            "reviewer_name",
            "reviewer_credentials",
            "reviewed_on",
            "next_review_due",
            "review_overdue",
            "seo_title",
            "seo_description",
            "exercises",
            "related_products",
            "disclaimer",
            "updated_at",
            "review",
        ]

    @extend_schema_field(RelatedProductSerializer(many=True))
    def get_related_products(self, article) -> list[dict]:
        links = getattr(article, "published_product_links", [])
        return RelatedProductSerializer(links, many=True, context=self.context).data

    def get_disclaimer(self, article) -> str:
        return disclaimer_for(article)


# --- Staff writes ------------------------------------------------------------
class ArticleWriteSerializer(ReviewedWriteMixin, ModelSerializer):
    use_categories = SlugRelatedField(
        slug_field="slug", queryset=UseCategory.objects.all(), many=True, required=False
    )
    body = serializers.CharField(
        help_text="Markdown. Use ## for section headings; HTML is removed."
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "warning_signs",
            "author",
            "reviewer_name",
            "reviewer_credentials",
            "reviewed_on",
            "next_review_due",
            "use_categories",
            "status",
            "published_at",
            "claims_sign_off",
            "seo_title",
            "seo_description",
            *translations("title", "summary", "body", "warning_signs"),
            *translations("seo_title", "seo_description"),
        ]


class ArticleProductSerializer(FullCleanMixin, ModelSerializer):
    article = SlugRelatedField(slug_field="slug", queryset=Article.objects.all())
    product = SlugRelatedField(slug_field="slug", queryset=Product.objects.all())
    position = PositionField(
        required=False,
        help_text="Order within the article (1 first); 0 or empty puts it last.",
    )

    class Meta:
        model = ArticleProduct
        fields = ["id", "article", "product", "position", "note", "note_hi"]


class ExerciseWriteSerializer(FullCleanMixin, ModelSerializer):
    article = SlugRelatedField(slug_field="slug", queryset=Article.objects.all())
    position = PositionField(required=False)
    dose = serializers.CharField(read_only=True)

    class Meta:
        model = Exercise
        fields = [
            "id",
            "article",
            "position",
            "name",
            "instructions",
            "benefit",
            "start_repetitions",
            "target_repetitions",
            "frequency",
            "dose",
            "safety_note",
            *translations(*Exercise.translated_fields),
        ]
