"""The public pages, for search engines: no drafts, nothing in review, nothing archived."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article
from catalog.models import Product, UseCategory
from storefront.models import StorePage


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["storefront:home", "storefront:article-list"]

    def location(self, item):
        return reverse(item)


class UseSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return UseCategory.objects.all()


class ProductSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Product.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class StorePageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return StorePage.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": PagesSitemap,
    "uses": UseSitemap,
    "products": ProductSitemap,
    "articles": ArticleSitemap,
    "store": StorePageSitemap,
}
