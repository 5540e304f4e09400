from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.core.paginator import InvalidPage
from django.db.models import Prefetch
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.generic import DetailView, ListView, TemplateView

from articles.models import Article, ArticleProduct
from catalog.buying import retailers, where_to_buy
from catalog.declarations import declarations_for
from catalog.models import Product, UseCategory
from compliance.disclaimers import disclaimer_for, notices_for
from compliance.models import published_filter
from core import cache_tags
from core.i18n import SOURCE, content_language, first_localized
from core.i18n import localized as tr
from core.pagination import Window, window
from core.search import normalise
from storefront import seo
from storefront.context_processors import pages_for, texts_for
from storefront.models import ShippingRule, StorePage
from storefront.sitemaps import SITEMAPS

SEARCH_RESULTS_MAX = 24
HOME_ARTICLES = 3
HOME_PRODUCTS = 8
USE_PRODUCTS_PER_PAGE = 24
USE_ARTICLES = 6


class PageMetaMixin:
    """Puts a ``seo.PageMeta`` in the context as ``meta``; views fill ``get_meta``."""

    def get_meta(self) -> seo.PageMeta:
        raise NotImplementedError

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.context = context
        context["meta"] = self.get_meta()
        # Every page prints the site's texts, and product cards and chips name uses.
        cache_tags.add(self.request, "site", "uses")
        return context


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
        obj = getattr(self, "object", None)
        self.is_preview = obj is not None and not (obj.is_public or obj.is_archived)
        context = super().get_context_data(**kwargs)
        context["is_preview"] = self.is_preview
        context["disclaimer"] = disclaimer_for(obj)
        context["disclaimer_in_page"] = True
        return context


def paginate(request, queryset, per_page: int, what: str) -> Window:
    """One page of ``queryset`` from ?page=, read without counting the listing (its cost
    stays that of one page as the catalog grows); a page that does not exist is a 404."""
    try:
        return window(queryset, request.GET.get("page"), per_page)
    except InvalidPage:
        raise Http404(_("There is no such page of %(what)s.") % {"what": what}) from None


class HomeView(PageMetaMixin, TemplateView):
    template_name = "storefront/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["uses"] = UseCategory.objects.all()
        context["products"] = list(Product.objects.published().for_listing()[:HOME_PRODUCTS])
        context["articles"] = list(Article.objects.published()[:HOME_ARTICLES])
        cache_tags.add(self.request, "products", "articles")
        cache_tags.add_objects(self.request, [*context["products"], *context["articles"]])
        return context

    def get_meta(self):
        brand = seo.brand_name()
        return seo.PageMeta(
            title=_("%(brand)s: herbal oral drops for pain, skin, calm and digestion")
            % {"brand": brand},
            description=_(
                "Herbal oral drops for sore muscles and joints, acne-prone skin, "
                "anxious moments and an unsettled stomach, with medically reviewed guides."
            ),
            canonical=self.absolute(reverse("storefront:home")),
            image=seo.default_image(self.request),
            jsonld=[
                seo.organization(self.request, texts_for(self.request), pages_for(self.request))
            ],
        )


class UseDetailView(PageMetaMixin, DetailView):
    model = UseCategory
    template_name = "storefront/use_detail.html"
    context_object_name = "use"

    def get_context_data(self, **kwargs):
        products = Product.objects.published().for_use(self.object).for_listing()
        self.page_obj = paginate(self.request, products, USE_PRODUCTS_PER_PAGE, _("drops"))
        context = super().get_context_data(**kwargs)
        context["page_obj"] = self.page_obj
        context["products"] = list(self.page_obj.object_list)
        context["articles"] = list(Article.objects.published().for_use(self.object)[:USE_ARTICLES])
        context["breadcrumbs"] = self.crumbs()
        cache_tags.add(self.request, "products", "articles")
        cache_tags.add_objects(self.request, [*context["products"], *context["articles"]])
        return context

    def crumbs(self):
        return [(_("Home"), reverse("storefront:home")), (tr(self.object, "name"), None)]

    def get_meta(self):
        use = self.object
        number = self.page_obj.number
        title = first_localized(use, "seo_title", "name")
        if number > 1:
            title = _("%(title)s, page %(number)s") % {"title": title, "number": number}
        path = use.get_absolute_url()
        return seo.PageMeta(
            title=f"{title} | {seo.brand_name()}",
            description=first_localized(use, "seo_description", "short_intro"),
            canonical=self.absolute(f"{path}?page={number}" if number > 1 else path),
            image=seo.default_image(self.request),
            jsonld=[
                seo.breadcrumb_list(
                    self.request,
                    [
                        (_("Home"), reverse("storefront:home")),
                        (tr(use, "name"), use.get_absolute_url()),
                    ],
                )
            ],
        )


class ProductDetailView(PreviewMixin, PageMetaMixin, DetailView):
    model = Product
    template_name = "storefront/product_detail.html"
    context_object_name = "product"

    def get_queryset(self):
        return self.visible_queryset(Product.objects.for_detail())

    def get_context_data(self, **kwargs):
        product = self.object
        self.variants = list(product.variants.all())
        self.images = list(product.images.all())
        self.declarations = declarations_for(
            product, self.variants, product.ingredients.all(), texts_for(self.request)
        )
        # Delivery, for the Buy area and each offer; an archived product sells nothing.
        self.shipping = [] if product.is_archived else list(ShippingRule.objects.in_order())
        context = super().get_context_data(**kwargs)
        context["variants"] = self.variants
        context["packs"] = where_to_buy(
            self.variants, list(product.offers.all()), sold=not product.is_archived
        )
        context["also_at"] = retailers(context["packs"])
        context["has_offers"] = any(p.buy for p in context["packs"])
        context["shipping"] = self.shipping
        pages = pages_for(self.request)
        context["buy_terms"] = [pages[k] for k in ("shipping", "returns", "payment") if k in pages]
        context["images"] = self.images
        context["uses"] = list(product.use_categories.all())
        context["notices"] = notices_for(product)
        context["declarations"] = self.declarations
        # The product admin's inline order: ArticleProduct.Meta.ordering.
        context["article_links"] = list(
            ArticleProduct.objects.filter(published_filter("article__"), product=product)
            .select_related("article")
            .order_by("position", "pk")
        )
        cache_tags.add_objects(
            self.request, [product, *(link.article for link in context["article_links"])]
        )
        if product.is_archived:
            context["alternatives"] = list(
                Product.objects.published()
                .for_use(product.primary_use)
                .exclude(pk=product.pk)
                .for_listing()
            )
            cache_tags.add(self.request, "products")
            cache_tags.add_objects(self.request, context["alternatives"])
        context["breadcrumbs"] = [
            (_("Home"), reverse("storefront:home")),
            (tr(product.primary_use, "name"), product.primary_use.get_absolute_url()),
            (tr(product, "name"), None),
        ]
        return context

    def get_meta(self):
        product = self.object
        first = self.images[0] if self.images else None
        crumbs = [
            (_("Home"), reverse("storefront:home")),
            (tr(product.primary_use, "name"), product.primary_use.get_absolute_url()),
            (tr(product, "name"), product.get_absolute_url()),
        ]
        return seo.PageMeta(
            title=f"{first_localized(product, 'seo_title', 'name')} | {seo.brand_name()}",
            description=first_localized(product, "seo_description", "tagline"),
            canonical=self.absolute(product.get_absolute_url()),
            og_type="product",
            image=seo.best_image_url(self.request, first.renditions, first.image.url)
            if first
            else seo.default_image(self.request),
            image_alt=tr(first, "alt_text") if first else "",
            noindex=self.is_preview or self.object.is_archived,
            jsonld=[
                seo.product(
                    self.request,
                    product,
                    self.variants,
                    self.images,
                    self.declarations,
                    self.shipping,
                ),
                seo.breadcrumb_list(self.request, crumbs),
            ],
        )


class StorePageView(PreviewMixin, PageMetaMixin, DetailView):
    """Shipping, returns, payment, privacy, terms, contact, grievance officer."""

    model = StorePage
    template_name = "storefront/store_page.html"
    context_object_name = "page"

    def get_queryset(self):
        # Archived pages leave the site: a policy no longer in force is not shown.
        return StorePage.objects.all() if self.can_preview() else StorePage.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["disclaimer_in_page"] = False  # the footer carries it, as on other pages
        # The officer, consumer care and return terms come from the site texts, which
        # every page has (the storefront context processor).
        if self.object.kind == StorePage.Kind.SHIPPING:
            context["shipping"] = list(ShippingRule.objects.in_order())
        context["breadcrumbs"] = [
            (_("Home"), reverse("storefront:home")),
            (tr(self.object, "title"), None),
        ]
        cache_tags.add_objects(self.request, [self.object])
        return context

    def get_meta(self):
        page = self.object
        return seo.PageMeta(
            title=f"{tr(page, 'title')} | {seo.brand_name()}",
            description=tr(page, "summary"),
            canonical=self.absolute(page.get_absolute_url()),
            image=seo.default_image(self.request),
            noindex=self.is_preview,
            jsonld=[
                seo.breadcrumb_list(
                    self.request,
                    [
                        (_("Home"), reverse("storefront:home")),
                        (tr(page, "title"), page.get_absolute_url()),
                    ],
                )
            ],
        )


class ArticleListView(PageMetaMixin, ListView):
    template_name = "storefront/article_list.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_queryset(self):
        return Article.objects.published()

    def paginate_queryset(self, queryset, page_size):
        page = paginate(self.request, queryset, page_size, _("articles"))
        cache_tags.add(self.request, "articles")
        cache_tags.add_objects(self.request, page.object_list)
        return None, page, page.object_list, page.has_other_pages()

    def get_meta(self):
        page = self.context["page_obj"]
        path = reverse("storefront:article-list")
        number = page.number if page else 1
        title = _("Health guides")
        if number > 1:
            title = _("%(title)s, page %(number)s") % {"title": title, "number": number}
        return seo.PageMeta(
            title=f"{title} | {seo.brand_name()}",
            description=_(
                "Medically reviewed guides on back pain, stress, skin and digestion: "
                "what helps, simple exercises, and when to see a professional."
            ),
            canonical=self.absolute(f"{path}?page={number}" if number > 1 else path),
            image=seo.default_image(self.request),
            jsonld=[
                seo.breadcrumb_list(
                    self.request, [(_("Home"), reverse("storefront:home")), (_("Articles"), path)]
                )
            ],
        )


class ArticleDetailView(PreviewMixin, PageMetaMixin, DetailView):
    model = Article
    template_name = "storefront/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return self.visible_queryset(Article.objects.for_detail())

    def get_context_data(self, **kwargs):
        self.exercises = list(self.object.exercises.all())
        context = super().get_context_data(**kwargs)
        context["exercises"] = self.exercises
        # The article admin's inline order: ArticleProduct.Meta.ordering.
        context["product_links"] = list(
            ArticleProduct.objects.filter(published_filter("product__"), article=self.object)
            .order_by("position", "pk")
            .prefetch_related(Prefetch("product", queryset=Product.objects.for_listing()))
        )
        cache_tags.add_objects(
            self.request, [self.object, *(link.product for link in context["product_links"])]
        )
        user = self.request.user
        context["show_review_overdue"] = self.object.review_overdue and user.is_staff
        context["breadcrumbs"] = [
            (_("Home"), reverse("storefront:home")),
            (_("Articles"), reverse("storefront:article-list")),
            (tr(self.object, "title"), None),
        ]
        return context

    def get_meta(self):
        article = self.object
        crumbs = [
            (_("Home"), reverse("storefront:home")),
            (_("Articles"), reverse("storefront:article-list")),
            (tr(article, "title"), article.get_absolute_url()),
        ]
        return seo.PageMeta(
            title=f"{first_localized(article, 'seo_title', 'title')} | {seo.brand_name()}",
            description=first_localized(article, "seo_description", "summary"),
            canonical=self.absolute(article.get_absolute_url()),
            og_type="article",
            image=seo.best_image_url(self.request, article.renditions)
            or seo.default_image(self.request),
            image_alt=tr(article, "hero_alt"),
            noindex=self.is_preview or self.object.is_archived,
            jsonld=[
                seo.medical_web_page(self.request, article, self.exercises),
                seo.breadcrumb_list(self.request, crumbs),
            ],
        )


class SearchView(PageMetaMixin, TemplateView):
    template_name = "storefront/search.html"

    def get_context_data(self, **kwargs):
        self.query = normalise(self.request.GET.get("q", ""))
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        products, articles = [], []
        if self.query:
            products = list(
                Product.objects.published().search(self.query).for_listing()[:SEARCH_RESULTS_MAX]
            )
            articles = list(Article.objects.published().search(self.query)[:SEARCH_RESULTS_MAX])
        context["products"] = products
        context["articles"] = articles
        context["uses"] = UseCategory.objects.all()
        cache_tags.add(self.request, "products", "articles")
        cache_tags.add_objects(self.request, [*products, *articles])
        context["hide_header_search"] = True  # the page's own field holds the query
        return context

    def get_meta(self):
        if self.query:
            title = _("Search results for “%(query)s”") % {"query": self.query}
        else:
            title = _("Search")
        return seo.PageMeta(
            title=f"{title} | {seo.brand_name()}",
            description=_("Search the herbal drops and health guides."),
            canonical=self.absolute(reverse("storefront:search")),
            noindex=True,
        )


def site_wide(view):
    """A file for the whole site, in every language (the sitemap, robots.txt): its
    address under /hi/ leads to the one at the root."""

    def one_for_all(request):
        if content_language() != SOURCE:
            with override(settings.LANGUAGE_CODE):
                return HttpResponsePermanentRedirect(reverse(request.resolver_match.view_name))
        return view(request)

    return one_for_all


@site_wide
def sitemap_xml(request):
    """The sitemap, tagged with the collections it lists: every page in each language,
    with its twins (storefront.sitemaps)."""
    cache_tags.add(request, "products", "articles", "uses")
    return sitemap(request, sitemaps=SITEMAPS)


@site_wide
def robots_txt(request):
    searches = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            searches.append(f"Disallow: {reverse('storefront:search')}")
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        *searches,
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('storefront:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    context = {
        "uses": UseCategory.objects.all(),
        "hide_header_search": True,
        "meta": seo.PageMeta(
            title=" | ".join([_("Page not found"), seo.brand_name()]),
            description=_("We could not find that page."),
            canonical=request.build_absolute_uri(request.path),
            noindex=True,
        ),
    }
    return render(request, "404.html", context, status=404)


def server_error(request):
    """Rendered without touching the database (it may be what failed) and without
    context processors; if even the template fails, a bare page still answers."""
    try:
        html = loader.get_template("500.html").render({"brand_name": seo.brand_name()})
    except Exception:  # the error page must not fail in turn
        html = (
            "<!doctype html><html lang=en><meta charset=utf-8><title>Something went wrong"
            "</title><h1>Something went wrong on our side</h1><p>Please try again in a moment."
        )
    return HttpResponseServerError(html)
