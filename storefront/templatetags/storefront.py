"""Filters the storefront templates use to print what views prepared."""

import json
import re
from decimal import Decimal

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from compliance.disclaimers import localized_text, site_texts
from core.i18n import localized, marked

register = template.Library()

# The same escapes as django.utils.html.json_script: the data can never close the
# <script> element or start a comment, whatever the staff typed.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

CURRENCY_SYMBOLS = {"INR": "₹", "USD": "$", "EUR": "€", "GBP": "£"}


@register.filter
def jsonld(data: dict) -> str:
    """A ``<script type="application/ld+json">`` data block for one JSON-LD dict."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # escaped just above
    )


@register.filter
def money(amount, currency: str = "INR") -> str:
    """``549.00, "INR"`` -> ``₹549``; pence and paise only when there are some."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    number = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


@register.filter
def delivery_charge(rule) -> str:
    """A shipping rule's charge as a shopper reads it: "₹49, free on orders from ₹499"."""
    if not rule.rate:
        return gettext("Free")
    charge = money(rule.rate, rule.currency)
    if rule.free_from is not None:
        charge = gettext("%(charge)s, free on orders from %(amount)s") % {
            "charge": charge,
            "amount": money(rule.free_from, rule.currency),
        }
    return charge


@register.filter
def delivery_time(rule) -> str:
    """From the order to the door: "3\u20138 business days"."""
    low, high = rule.delivery_days
    span = f"{low}\u2013{high}" if low != high else str(low)
    return ngettext("%(span)s business day", "%(span)s business days", high) % {"span": span}


@register.filter
def first_image(product):
    """The product's first image from its prefetched images, or None."""
    images = list(product.images.all())
    return images[0] if images else None


@register.filter
def rendition_src(image) -> str:
    """A middle-sized rendition for ``src`` (browsers without srcset), else the original."""
    from core.images import src_and_srcset

    return src_and_srcset(image.renditions)[0] or image.image.url


@register.filter
def first_clause(text: str, limit: int = 72) -> str:
    """The opening of an intro, for a one-line tile: up to its first colon or full
    stop, shortened at a word boundary when still long."""
    head = re.split(r"[:.]\s", text or "", maxsplit=1)[0].strip().rstrip(".:")
    if len(head) <= limit:
        return head
    return head[:limit].rsplit(" ", 1)[0].rstrip(",;") + "…"


CARD_IMAGE_SIZES = "(min-width: 64rem) 16rem, (min-width: 40rem) 30vw, 7rem"


@register.simple_tag(takes_context=True)
def product_card(context, product, note: str = "", level: int = 3) -> str:
    """A product's card for a listing (home, use pages, search, an article's
    recommendations): its first image, name and link, tagline, an optional note, the
    18+ notice of an age-restricted product, the lowest price and the primary use.
    Written in Python rather than as an included template: a page of a use lists 24
    cards, and the template engine spent ~0.3 ms on each, more than the rest of the
    page."""
    from core.images import src_and_srcset

    image = first_image(product)
    if image is None:
        picture = mark_safe('<span class="card__image card__image--empty"></span>')
    else:
        src, srcset = src_and_srcset(image.renditions)
        picture = format_html(
            '<img class="card__image" src="{}" srcset="{}" sizes="{}" width="{}" height="{}"'
            ' alt="{}" loading="lazy" decoding="async">',
            src or image.image.url,
            srcset,
            CARD_IMAGE_SIZES,
            image.width,
            image.height,
            localized(image, "alt_text"),
        )
    tagline = localized(product, "tagline")
    tagline = format_html('<p class="card__text">{}</p>', marked(tagline)) if tagline else ""
    note_html = format_html('<p class="card__note">{}</p>', marked(note)) if note else ""
    if getattr(product, "age_restricted", False):
        # The 18+ notice goes wherever the product is shown, not only on its own page.
        texts = context.get("site_texts") or site_texts()
        note_html = format_html(
            '{}<p class="card__notice"><strong class="notice__badge">18+</strong> {}</p>',
            note_html,
            marked(localized_text(texts, "age_restricted_notice")),
        )
    price = getattr(product, "min_price", None)
    price_html = (
        format_html(
            '<span class="price">{}</span>',
            gettext("from %(price)s") % {"price": money(price, context.get("currency"))},
        )
        if price is not None
        else ""
    )
    return format_html(
        '<article class="card product-card c-{}">\n{}\n<div class="card__body">\n'
        '<h{} class="card__title"><a class="card__link" href="{}">{}</a></h{}>\n'
        "{}\n{}\n"
        '<p class="card__meta">{}<span class="chip">{}</span></p>\n</div>\n</article>\n',
        product.primary_use.colour,
        picture,
        int(level),
        product.get_absolute_url(),
        marked(localized(product, "name")),
        int(level),
        tagline,
        note_html,
        price_html,
        marked(localized(product.primary_use, "name")),
    )
