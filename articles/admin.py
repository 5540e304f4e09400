from adminsortable2.admin import SortableAdminBase, SortableStackedInline, SortableTabularInline
from django.contrib import admin
from django.utils import timezone

from articles.models import Article, ArticleProduct, Exercise
from catalog.admin import ProductAdmin, thumbnail_html
from catalog.models import Product
from compliance.admin import HistoryAdmin
from compliance.reviewed_admin import (
    ForeignChildInlineMixin,
    ReviewedAdminMixin,
    ReviewedChildAdminMixin,
    ReviewedInlineMixin,
)


class ReviewDueFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("current", "Up to date"), ("none", "No date set")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(next_review_due__lt=today)
        if self.value() == "current":
            return queryset.filter(next_review_due__gte=today)
        if self.value() == "none":
            return queryset.filter(next_review_due__isnull=True)
        return queryset


class ExerciseInline(ReviewedInlineMixin, SortableStackedInline):
    model = Exercise
    extra = 0
    fields = [
        ("name", "name_hi"),
        ("instructions", "instructions_hi"),
        ("benefit", "benefit_hi"),
        ("start_repetitions", "target_repetitions"),
        ("frequency", "frequency_hi"),
        ("safety_note", "safety_note_hi"),
    ]


class ArticleProductInline(ReviewedInlineMixin, SortableTabularInline):
    """The products an article recommends, dragged into the order shoppers see."""

    model = ArticleProduct
    extra = 0
    fields = ["product", "note", "note_hi"]
    autocomplete_fields = ["product"]
    verbose_name = "recommended product"
    verbose_name_plural = "recommended products (in the order shoppers see them)"


@admin.register(Article)
class ArticleAdmin(ReviewedAdminMixin, SortableAdminBase, HistoryAdmin):
    list_display = [
        "thumbnail",
        "title",
        "publication",
        "published_at",
        "reviewer_name",
        "reviewed_on",
        "next_review_due",
        "overdue",
    ]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["status", ReviewDueFilter, "use_categories"]
    search_fields = ["title", "slug", "summary", "author", "reviewer_name"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["use_categories"]
    date_hierarchy = "published_at"
    readonly_fields = ["hero_preview", "created_at", "updated_at"]
    inlines = [ArticleProductInline, ExerciseInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("title", "title_hi"),
                    "slug",
                    ("summary", "summary_hi"),
                    "author",
                    "use_categories",
                ]
            },
        ),
        (
            "Body",
            {
                "fields": [("body", "body_hi"), ("warning_signs", "warning_signs_hi")],
                "description": "In English and, beside it, in Hindi for the Hindi pages (the "
                "English is shown there until the Hindi is written).",
            },
        ),
        ("Hero image", {"fields": ["hero_image", "hero_preview", ("hero_alt", "hero_alt_hi")]}),
        (
            "Medical review",
            {
                "fields": [
                    ("reviewer_name", "reviewer_credentials"),
                    ("reviewed_on", "next_review_due"),
                ]
            },
        ),
        (
            "Publishing",
            {"fields": [*ReviewedAdminMixin.publishing_fields, "created_at", "updated_at"]},
        ),
        (
            "Search engines",
            {
                "fields": [
                    ("seo_title", "seo_title_hi"),
                    ("seo_description", "seo_description_hi"),
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    @admin.display(description="Image")
    def thumbnail(self, obj):
        return thumbnail_html(obj.renditions, obj.hero_alt, 48)

    @admin.display(description="Hero preview")
    def hero_preview(self, obj):
        return thumbnail_html(obj.renditions, obj.hero_alt, 160)

    @admin.display(description="Review overdue", boolean=True)
    def overdue(self, obj):
        return obj.review_overdue


@admin.register(ArticleProduct)
class ArticleProductAdmin(ReviewedChildAdminMixin, HistoryAdmin):
    relation = "product_links"
    list_display = ["article", "position", "product", "note"]
    list_filter = ["article", "product"]
    search_fields = ["article__title", "product__name", "note"]
    autocomplete_fields = ["article", "product"]
    list_select_related = ["article", "product"]
    ordering = ["article", "position"]


@admin.register(Exercise)
class ExerciseAdmin(ReviewedChildAdminMixin, HistoryAdmin):
    relation = "exercises"
    list_display = ["name", "article", "position", "dose"]
    list_filter = ["article"]
    search_fields = ["name", "instructions", "article__title"]
    autocomplete_fields = ["article"]
    list_select_related = ["article"]


class ArticleLinkInline(ForeignChildInlineMixin, admin.TabularInline):
    """On the product page: the articles recommending this product. Position is the
    product's place in that article's list; leave it empty to add it at the end."""

    model = ArticleProduct
    extra = 0
    fields = ["article", "position", "note", "note_hi"]
    autocomplete_fields = ["article"]
    verbose_name = "article recommending this product"
    verbose_name_plural = "articles recommending this product"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["position"].required = False
        return formset


# The catalog app cannot know about articles (the dependency runs articles -> catalog),
# so the product admin gains its "articles recommending this product" inline here.
admin.site.unregister(Product)


@admin.register(Product)
class ProductWithArticlesAdmin(ProductAdmin):
    inlines = [*ProductAdmin.inlines, ArticleLinkInline]
