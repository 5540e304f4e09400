from django.db.models import Exists, OuterRef
from django_filters import rest_framework as filters

from catalog.models import Product, Variant

PRICE = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


class ProductFilter(filters.FilterSet):
    use = filters.CharFilter(
        field_name="use_categories__slug", help_text="Slug of a use: products listed under it."
    )
    line = filters.CharFilter(field_name="line__slug", help_text="Slug of a product line.")
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
        }[value]
        return queryset.order_by(*order)
