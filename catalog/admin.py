from adminsortable2.admin import CustomInlineFormSet, SortableTabularInline
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Min, Prefetch, Sum
from django.utils.html import format_html

from catalog.models import (
    Ingredient,
    Offer,
    Product,
    ProductImage,
    ProductLine,
    UseCategory,
    Variant,
)
from compliance.admin import HistoryAdmin
from compliance.reviewed_admin import (
    ReviewedAdminForm,
    ReviewedAdminMixin,
    ReviewedChildAdminMixin,
    ReviewedInlineMixin,
)
from core.images import rendition_urls
from core.sortable_admin import SortableAdminMixin


def thumbnail_html(renditions, alt: str, size: int = 64) -> str:
    urls = rendition_urls(renditions)
    if not urls:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}">',
        urls[0]["url"],
        alt,
        size,
        size,
    )


@admin.register(ProductLine)
class ProductLineAdmin(ReviewedAdminMixin, HistoryAdmin):
    list_display = ["name", "slug", "publication"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": [("name", "name_hi"), "slug", ("description", "description_hi")]}),
        ("Review", {"fields": ReviewedAdminMixin.review_fields}),
    ]


@admin.register(UseCategory)
class UseCategoryAdmin(ReviewedAdminMixin, SortableAdminMixin, HistoryAdmin):
    list_display = ["name", "slug", "colour", "position", "publication"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (
            None,
            {"fields": [("name", "name_hi"), "slug", ("short_intro", "short_intro_hi"), "colour"]},
        ),
        (
            "Search engines",
            {"fields": [("seo_title", "seo_title_hi"), ("seo_description", "seo_description_hi")]},
        ),
        ("Review", {"fields": ReviewedAdminMixin.review_fields}),
    ]


class VariantInline(ReviewedInlineMixin, SortableTabularInline):
    model = Variant
    extra = 0
    fields = [
        "sku",
        "pack_size",
        "price",
        "currency",
        "compare_at_price",
        "mrp",
        "gtin",
        "stock_quantity",
        "availability",
    ]


class IngredientInline(ReviewedInlineMixin, SortableTabularInline):
    model = Ingredient
    extra = 0
    fields = ["name", "botanical_name", "part_used", "quantity", "needs_medical_supervision"]
    verbose_name_plural = "ingredients (as the label declares them)"


class OfferInline(ReviewedInlineMixin, SortableTabularInline):
    model = Offer
    extra = 0
    fields = ["variant", "kind", "retailer", "url"]
    verbose_name_plural = "where to buy (a link per pack; save new packs first)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "variant":
            product_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Variant.objects.filter(product_id=product_id or None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProductImageFormSet(CustomInlineFormSet):
    def clean(self):
        super().clean()
        mains = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_main") and not form.cleaned_data.get("DELETE")
        ]
        if len(mains) > 1:
            raise ValidationError(f"Choose one main image: {len(mains)} are ticked.")


class ProductImageInline(ReviewedInlineMixin, SortableTabularInline):
    formset = ProductImageFormSet
    model = ProductImage
    extra = 0
    fields = ["thumbnail", "image", "alt_text", "alt_text_hi", "is_main"]
    readonly_fields = ["thumbnail"]

    @admin.display(description="Preview")
    def thumbnail(self, obj):
        return thumbnail_html(obj.renditions, obj.alt_text)


class ProductAdminForm(ReviewedAdminForm):
    class Meta:
        model = Product
        fields = "__all__"  # the admin's fieldsets choose what is shown

    def clean(self):
        cleaned = super().clean()
        primary, uses = cleaned.get("primary_use"), cleaned.get("use_categories")
        if primary is not None and uses is not None and primary not in uses:
            self.add_error("primary_use", "The primary use must be one of the product's uses.")
        return cleaned


@admin.register(Product)
class ProductAdmin(ReviewedAdminMixin, SortableAdminMixin, HistoryAdmin):
    form = ProductAdminForm
    list_display = [
        "thumbnail",
        "name",
        "primary_use",
        "publication",
        "lowest_price",
        "stock",
        "updated_at",
    ]
    list_display_links = ["thumbnail", "name"]
    list_filter = ["status", "age_restricted", "line", "use_categories", "variants__availability"]
    search_fields = ["name", "slug", "tagline", "variants__sku"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["use_categories"]
    autocomplete_fields = ["line", "primary_use"]
    date_hierarchy = "updated_at"
    readonly_fields = ["created_at", "updated_at"]
    inlines = [VariantInline, OfferInline, ProductImageInline, IngredientInline]
    fieldsets = [
        (None, {"fields": [("name", "name_hi"), "slug", "line", ("tagline", "tagline_hi")]}),
        ("Uses", {"fields": ["primary_use", "use_categories"]}),
        (
            "Shopper-visible text",
            {
                "fields": [
                    ("description", "description_hi"),
                    ("key_ingredients", "key_ingredients_hi"),
                    ("directions", "directions_hi"),
                    ("warnings", "warnings_hi"),
                ],
                "description": "Each text in English and, beside it, in Hindi for the Hindi "
                "pages (the English is shown there until the Hindi is written).",
            },
        ),
        (
            "Disclaimer and notices",
            {"fields": [("disclaimer_override", "disclaimer_override_hi"), "age_restricted"]},
        ),
        (
            "Product information required by law",
            {
                "fields": [
                    "generic_name",
                    "regulatory_category",
                    "licence_number",
                    "shelf_life_months",
                    ("manufacturer_name", "manufacturer_address"),
                    ("packer_name", "packer_address"),
                    ("marketer_name", "marketer_address"),
                    "country_of_origin",
                ],
                "description": "Shown on the product page under \u201cProduct information "
                "required by law\u201d. The brand's maker, marketer, country and consumer care "
                "come from Site settings unless set here. A product cannot be published "
                "while one is missing; the ingredients are listed below.",
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

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("primary_use", "line")
            .prefetch_related(Prefetch("images", queryset=ProductImage.objects.main_first()))
            .annotate(min_price=Min("variants__price"), total_stock=Sum("variants__stock_quantity"))
            .order_by(*Product._meta.ordering)  # GROUP BY queries drop Meta.ordering
        )

    @admin.display(description="Image")
    def thumbnail(self, obj):
        image = next(iter(obj.images.all()), None)
        return thumbnail_html(image.renditions, image.alt_text, 48) if image else "—"

    @admin.display(description="From", ordering="min_price")
    def lowest_price(self, obj):
        return obj.min_price if obj.min_price is not None else "—"

    @admin.display(description="Stock", ordering="total_stock")
    def stock(self, obj):
        return obj.total_stock if obj.total_stock is not None else 0


@admin.register(Variant)
class VariantAdmin(ReviewedChildAdminMixin, HistoryAdmin):
    parent_field = "product"
    relation = "variants"
    list_display = [
        "sku",
        "product",
        "pack_size",
        "mrp",
        "price",
        "currency",
        "stock_quantity",
        "availability",
    ]
    list_editable = ["price", "stock_quantity", "availability"]
    list_filter = ["availability", "currency", "product__line"]
    search_fields = ["sku", "product__name"]
    autocomplete_fields = ["product"]
    list_select_related = ["product"]


@admin.register(ProductImage)
class ProductImageAdmin(ReviewedChildAdminMixin, HistoryAdmin):
    parent_field = "product"
    relation = "images"
    list_display = ["thumbnail", "alt_text", "product", "is_main", "position", "width", "height"]
    search_fields = ["alt_text", "product__name"]
    autocomplete_fields = ["product"]
    list_select_related = ["product"]
    readonly_fields = ["thumbnail", "width", "height"]
    fields = [
        "product",
        "image",
        "thumbnail",
        "alt_text",
        "alt_text_hi",
        "is_main",
        "position",
        "width",
        "height",
    ]

    @admin.display(description="Preview")
    def thumbnail(self, obj):
        return thumbnail_html(obj.renditions, obj.alt_text)
