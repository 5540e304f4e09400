"""The public pages, for search engines: no drafts, nothing in review, nothing archived.

Every page is listed in each language (English at /, Hindi under /hi/), each entry with
its twins as hreflang alternates and the English as x-default.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article
from catalog.models import Product, UseCategory
from storefront.models import StorePage


class TwinSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(TwinSitemap):
    changefreq = "weekly"

    def items(self):
        return ["storefront:home", "storefront:article-list"]

    def location(self, item):
        return reverse(item)


class UseSitemap(TwinSitemap):
    changefreq = "weekly"

    def items(self):
        return UseCategory.objects.all()


class PublishedSitemap(TwinSitemap):
    """The published items of ``model``, each with its last change."""

    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ProductSitemap(PublishedSitemap):
    model = Product
    changefreq = "weekly"


class ArticleSitemap(PublishedSitemap):
    model = Article
    changefreq = "monthly"


class StorePageSitemap(PublishedSitemap):
    model = StorePage
    changefreq = "monthly"


SITEMAPS = {
    "pages": PagesSitemap,
    "uses": UseSitemap,
    "products": ProductSitemap,
    "articles": ArticleSitemap,
    "store": StorePageSitemap,
}
