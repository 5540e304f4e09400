from django.db.models import Exists, OuterRef
from django_filters import rest_framework as filters

from catalog.models import Product, ProductLine, UseCategory, Variant

PRICE = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


def slug_filter(field_name: str, queryset, noun: str, listing: str, help_text: str):
    """A filter naming a public item by its slug: an unknown slug is a 400 that says so,
    as an unknown ordering is (not an empty list that looks like an answer)."""
    return filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=queryset,
        to_field_name="slug",
        help_text=help_text,
        error_messages={
            "invalid_choice": f"No {noun} has the slug \u201c%(value)s\u201d: {listing} lists them."
        },
    )


def use_filter(help_text: str):
    return slug_filter(
        "use_categories", UseCategory.objects.all(), "use", "/api/v1/uses/", help_text
    )


class ProductFilter(filters.FilterSet):
    use = use_filter("Slug of a use: products listed under it.")
    line = slug_filter(
        "line",
        ProductLine.objects.all(),
        "product line",
        "each product's \u201cline\u201d",
        "Slug of a product line.",
    )
    available = filters.ChoiceFilter(
        method="filter_available",
        choices=[("true", "true"), ("false", "false")],
        empty_label=None,
        help_text="true: at least one pack can be bought (in stock or pre-order); false: none.",
    )
    price_min = filters.NumberFilter(
        field_name="min_price", lookup_expr="gte", help_text="Lowest price at least this.", **PRICE
    )
    price_max = filters.NumberFilter(
        field_name="min_price", lookup_expr="lte", help_text="Lowest price at most this.", **PRICE
    )
    search = filters.CharFilter(
        method="filter_search", help_text="Words in the name, tagline, description or ingredients."
    )
    ordering = filters.ChoiceFilter(
        method="filter_ordering",
        choices=[
            ("name", "Name, A to Z"),
            ("-name", "Name, Z to A"),
            ("price", "Lowest price first"),
            ("-price", "Highest price first"),
            ("newest", "Most recently published first"),
            ("shop", "The shop's own order, as on its home and use pages"),
        ],
        empty_label=None,
        help_text="Sort order; by name when not given.",
    )

    class Meta:
        model = Product
        fields = ["use", "line", "available", "price_min", "price_max", "search", "ordering"]

    def filter_available(self, queryset, name, value):
        purchasable = Variant.objects.filter(product=OuterRef("pk")).exclude(
            availability=Variant.Availability.OUT_OF_STOCK
        )
        return queryset.filter(Exists(purchasable) if value == "true" else ~Exists(purchasable))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_ordering(self, queryset, name, value):
        order = {
            "name": ["name", "pk"],
            "-name": ["-name", "-pk"],
            "price": ["min_price", "name", "pk"],
            "-price": ["-min_price", "name", "pk"],
            "newest": ["-published_at", "-pk"],
            "shop": ["position", "name", "pk"],
        }[value]
        return queryset.order_by(*order)
