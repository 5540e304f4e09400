from django_filters import rest_framework as filters

from articles.models import Article


class ArticleFilter(filters.FilterSet):
    use = filters.CharFilter(
        field_name="use_categories__slug", help_text="Slug of a use: articles about it."
    )
    product = filters.CharFilter(
        field_name="product_links__product__slug",
        help_text="Slug of a product: articles recommending it.",
    )
    search = filters.CharFilter(
        method="filter_search", help_text="Words in the title, summary or body."
    )

    class Meta:
        model = Article
        fields = ["use", "product", "search"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)
