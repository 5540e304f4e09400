from django.db.models import Q
from django_filters import rest_framework as filters

from articles.models import Article
from catalog.api.filters import use_filter
from catalog.models import Product
from compliance.models import published_filter
from core.api.views import can_preview


class ArticleFilter(filters.FilterSet):
    use = use_filter("Slug of a use: articles about it.")
    product = filters.CharFilter(
        method="filter_product",
        help_text="Slug of a product: articles recommending it.",
    )
    search = filters.CharFilter(
        method="filter_search", help_text="Words in the title, summary or body."
    )

    class Meta:
        model = Article
        fields = ["use", "product", "search"]

    def filter_product(self, queryset, name, value):
        """Only a product the caller may see counts: naming a draft answers exactly as
        naming nothing (as the article's page lists only published products)."""
        links = Q(product_links__product__slug=value)
        if not can_preview(getattr(self.request, "user", None), Product):
            links &= published_filter("product_links__product__")
        return queryset.filter(links)

    def filter_search(self, queryset, name, value):
        return queryset.search(value)
