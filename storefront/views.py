from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.views.generic import DetailView, ListView, TemplateView

from articles.models import Article, ArticleProduct
from catalog.models import Product, UseCategory
from compliance.disclaimers import DEFAULT_DISCLAIMER, SEE_A_PROFESSIONAL


class PreviewMixin:
    """Public visitors get published (and, for products, archived) items; staff who may
    change the model also see drafts and items in review, flagged as a preview."""

    def can_preview(self) -> bool:
        user = self.request.user
        opts = self.model._meta
        return (
            user.is_active
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        )

    def visible_queryset(self, queryset):
        return queryset if self.can_preview() else queryset.reachable()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = context.get("object")
        context["is_preview"] = obj is not None and not (obj.is_public or obj.is_archived)
        context["disclaimer"] = DEFAULT_DISCLAIMER
        return context


class HomeView(TemplateView):
    template_name = "storefront/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["uses"] = UseCategory.objects.all()
        context["products"] = Product.objects.published().for_listing()
        context["articles"] = Article.objects.published()[:3]
        context["disclaimer"] = DEFAULT_DISCLAIMER
        return context


class UseDetailView(DetailView):
    model = UseCategory
    template_name = "storefront/use_detail.html"
    context_object_name = "use"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["products"] = Product.objects.published().for_use(self.object).for_listing()
        context["articles"] = Article.objects.published().for_use(self.object)
        context["disclaimer"] = DEFAULT_DISCLAIMER
        return context


class ProductDetailView(PreviewMixin, DetailView):
    model = Product
    template_name = "storefront/product_detail.html"
    context_object_name = "product"

    def get_queryset(self):
        return self.visible_queryset(Product.objects.for_detail())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        context["article_links"] = (
            ArticleProduct.objects.filter(product=product, article__in=Article.objects.published())
            .select_related("article")
            .order_by("article__title")
        )
        if product.is_archived:
            context["alternatives"] = (
                Product.objects.published()
                .for_use(product.primary_use)
                .exclude(pk=product.pk)
                .for_listing()
            )
        return context


class ArticleListView(ListView):
    template_name = "storefront/article_list.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_queryset(self):
        return Article.objects.published()

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            raise Http404("There is no such page of articles.") from None


class ArticleDetailView(PreviewMixin, DetailView):
    model = Article
    template_name = "storefront/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return self.visible_queryset(Article.objects.for_detail())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["product_links"] = (
            ArticleProduct.objects.filter(
                article=self.object, product__in=Product.objects.published()
            )
            .select_related("product__primary_use")
            .prefetch_related("product__images")
        )
        context["see_a_professional"] = SEE_A_PROFESSIONAL
        return context


class SearchView(TemplateView):
    template_name = "storefront/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        context["query"] = query
        if query:
            context["products"] = (
                Product.objects.published()
                .for_listing()
                .filter(
                    Q(name__icontains=query)
                    | Q(tagline__icontains=query)
                    | Q(description__icontains=query)
                    | Q(use_categories__name__icontains=query)
                )
                .distinct()
            )
            context["articles"] = Article.objects.published().filter(
                Q(title__icontains=query) | Q(summary__icontains=query) | Q(body__icontains=query)
            )
        context["uses"] = UseCategory.objects.all()
        return context


def page_not_found(request, exception=None):
    context = {"uses": UseCategory.objects.all(), "disclaimer": DEFAULT_DISCLAIMER}
    return render(request, "404.html", context, status=404)


def server_error(request):
    """Rendered without touching the database: it may be what failed."""
    return render(request, "500.html", status=500)
