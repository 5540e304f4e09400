"""Google Merchant Center product feed (RSS 2.0 with the g: namespace).

One item per variant of each published, feed-eligible product: age-restricted products
(the CBD drops) are never advertised. Each item states delivery from the shipping rules,
as the product page's structured data does; the return policy is the Organization's on
the home page, which Merchant Center reads (the feed has no attribute for its terms).
Built with ElementTree, never as text.
"""

from xml.etree import ElementTree as ET

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.html import strip_tags
from django.views.decorators.http import require_GET

from catalog.models import Product, ProductImage, Variant
from core import cache_tags
from storefront.models import ShippingRule

G = "http://base.google.com/ns/1.0"
ET.register_namespace("g", G)
FEED_AVAILABILITY = {
    Variant.Availability.IN_STOCK: "in_stock",
    Variant.Availability.OUT_OF_STOCK: "out_of_stock",
    Variant.Availability.PREORDER: "preorder",
}


def _g(parent, name: str, text: str) -> None:
    ET.SubElement(parent, f"{{{G}}}{name}").text = text


def _money(amount, currency: str) -> str:
    return f"{amount:.2f} {currency}"


def feed_products():
    return (
        Product.objects.feed_eligible()
        .prefetch_related(
            Prefetch("variants", queryset=Variant.objects.order_by("position", "pk")),
            Prefetch("images", queryset=ProductImage.objects.main_first()),
        )
        .order_by("name", "pk")
    )


def _shipping(item, rule, variant) -> None:
    """One g:shipping: country, service, the pack's delivery charge and the days."""
    shipping = ET.SubElement(item, f"{{{G}}}shipping")
    for name, value in (
        ("country", rule.country),
        ("service", rule.get_service_display()),
        ("price", _money(rule.rate_for(variant.price, variant.currency), rule.currency)),
        ("min_handling_time", rule.handling_days_min),
        ("max_handling_time", rule.handling_days_max),
        ("min_transit_time", rule.transit_days_min),
        ("max_transit_time", rule.transit_days_max),
    ):
        _g(shipping, name, str(value))


def build_feed(request, products, shipping=()) -> bytes:
    brand = settings.CATALOG_BRAND_NAME
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = f"{brand} products"
    ET.SubElement(channel, "link").text = request.build_absolute_uri("/")
    ET.SubElement(channel, "description").text = f"Herbal oral drops from {brand}."
    for product in products:
        images = list(product.images.all())
        if not images:
            continue  # Merchant Center refuses items without an image
        link = request.build_absolute_uri(product.get_absolute_url())
        description = strip_tags(product.description_html).strip() or product.tagline
        for variant in product.variants.all():
            item = ET.SubElement(channel, "item")
            _g(item, "id", variant.sku)
            _g(item, "item_group_id", product.slug)
            _g(item, "title", f"{product.name}, {variant.pack_size}"[:150])
            _g(item, "description", description[:5000])
            _g(item, "link", link)
            _g(item, "image_link", request.build_absolute_uri(images[0].image.url))
            for extra in images[1:11]:
                _g(item, "additional_image_link", request.build_absolute_uri(extra.image.url))
            _g(item, "availability", FEED_AVAILABILITY[variant.availability])
            if variant.compare_at_price is not None:
                _g(item, "price", _money(variant.compare_at_price, variant.currency))
                _g(item, "sale_price", _money(variant.price, variant.currency))
            else:
                _g(item, "price", _money(variant.price, variant.currency))
            _g(item, "brand", brand)
            _g(item, "condition", "new")
            if variant.gtin:
                _g(item, "gtin", variant.gtin)
            _g(item, "mpn", variant.sku)
            _g(item, "identifier_exists", "yes")
            for rule in shipping:
                _shipping(item, rule, variant)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


@require_GET
def merchant_feed(request):
    cache_tags.add(request, "feed", "products", "site")
    response = HttpResponse(
        build_feed(request, feed_products(), list(ShippingRule.objects.in_order())),
        content_type="application/rss+xml; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=900"
    return response
