"""What search engines and link previews read: page meta and JSON-LD, built as dicts.

Views call these builders; templates only print the results (the ``jsonld`` filter
escapes them), so structured data is never assembled as text.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import gettext as _

from catalog.models import Variant
from compliance.models import ReturnFees, ReturnPolicy
from core.i18n import first_localized, localized
from core.images import rendition_urls
from core.text import non_empty_lines

SCHEMA = "https://schema.org"

AVAILABILITY = {
    Variant.Availability.IN_STOCK: f"{SCHEMA}/InStock",
    Variant.Availability.OUT_OF_STOCK: f"{SCHEMA}/OutOfStock",
    Variant.Availability.PREORDER: f"{SCHEMA}/PreOrder",
}
DISCONTINUED = f"{SCHEMA}/Discontinued"
RETURN_CATEGORY = {
    ReturnPolicy.WITHIN_DAYS: f"{SCHEMA}/MerchantReturnFiniteReturnWindow",
    ReturnPolicy.ANY_TIME: f"{SCHEMA}/MerchantReturnUnlimitedWindow",
    ReturnPolicy.NOT_ACCEPTED: f"{SCHEMA}/MerchantReturnNotPermitted",
}
RETURN_FEES = {
    ReturnFees.FREE: f"{SCHEMA}/FreeReturn",
    ReturnFees.FIXED_FEE: f"{SCHEMA}/ReturnShippingFees",
    ReturnFees.SHOPPER_PAYS: f"{SCHEMA}/ReturnFeesCustomerResponsibility",
}


@dataclass
class PageMeta:
    """The head of one page: title, description, canonical and preview tags."""

    title: str
    description: str
    canonical: str
    og_type: str = "website"
    image: str = ""
    image_alt: str = ""
    noindex: bool = False
    jsonld: list[dict] = field(default_factory=list)


def brand_name() -> str:
    return settings.CATALOG_BRAND_NAME


def best_image_url(request, renditions: list[dict], fallback: str = "") -> str:
    """The widest rendition as an absolute URL (for link previews), else the fallback."""
    urls = rendition_urls(renditions)
    url = urls[-1]["url"] if urls else fallback
    return request.build_absolute_uri(url) if url else ""


def default_image(request) -> str:
    return request.build_absolute_uri(static("img/og-default.png"))


def money(amount, currency: str) -> dict:
    return {"@type": "MonetaryAmount", "value": f"{amount:.2f}", "currency": currency}


def organization(request, texts, pages) -> dict:
    """The brand as a merchant: who it is, how to reach consumer care and, once staff
    have decided it, its return policy (``texts`` are the site texts, ``pages`` the
    published store pages by kind)."""
    home = request.build_absolute_uri("/")
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "@id": f"{home}#organization",
        "name": brand_name(),
        "url": home,
        "logo": request.build_absolute_uri(static("img/logo.png")),
        "description": _(
            "Herbal oral drops for four everyday concerns: muscle and joint "
            "pain, acne-prone skin, stress and anxiety, and digestive comfort."
        ),
    }
    contact = pages.get("contact")
    point = contact_point(
        texts, request.build_absolute_uri(contact.get_absolute_url()) if contact else ""
    )
    if point:
        data["contactPoint"] = point
    returns = pages.get("returns")
    policy = return_policy(
        texts, request.build_absolute_uri(returns.get_absolute_url()) if returns else ""
    )
    if policy:
        data["hasMerchantReturnPolicy"] = policy
    return data


def contact_point(texts, contact_url: str = "") -> dict | None:
    """Consumer care, when Site settings give a phone number or an email address."""
    phone, email = texts["consumer_care_phone"], texts["consumer_care_email"]
    if not (phone or email):
        return None
    point = {
        "@type": "ContactPoint",
        "contactType": "customer service",
        "areaServed": settings.CATALOG_COUNTRY,
    }
    if phone:
        point["telephone"] = phone
    if email:
        point["email"] = email
    if contact_url:
        point["url"] = contact_url
    return point


def return_policy(texts, returns_url: str = "") -> dict | None:
    """The shop's one return policy, as Site settings state it; none until chosen."""
    category = texts["return_policy"]
    if category not in RETURN_CATEGORY:
        return None
    policy = {
        "@type": "MerchantReturnPolicy",
        "applicableCountry": settings.CATALOG_COUNTRY,
        "returnPolicyCategory": RETURN_CATEGORY[category],
    }
    if category != ReturnPolicy.NOT_ACCEPTED:
        if category == ReturnPolicy.WITHIN_DAYS:
            policy["merchantReturnDays"] = texts["return_days"]
        policy["returnMethod"] = f"{SCHEMA}/ReturnByMail"
        fees = texts["return_fees"]
        if fees in RETURN_FEES:
            policy["returnFees"] = RETURN_FEES[fees]
        if fees == ReturnFees.FIXED_FEE and texts["return_shipping_fee"] is not None:
            policy["returnShippingFeesAmount"] = money(
                texts["return_shipping_fee"], settings.CATALOG_DEFAULT_CURRENCY
            )
    if returns_url:
        policy["merchantReturnLink"] = returns_url
    return policy


def shipping_details(rules, price, currency: str) -> list[dict]:
    """Each shipping rule as schema.org OfferShippingDetails for one pack at ``price``
    (free when the pack alone reaches the rule's free-delivery amount)."""
    return [
        {
            "@type": "OfferShippingDetails",
            "shippingLabel": rule.get_service_display(),
            "shippingRate": money(rule.rate_for(price, currency), rule.currency),
            "shippingDestination": {"@type": "DefinedRegion", "addressCountry": rule.country},
            "deliveryTime": {
                "@type": "ShippingDeliveryTime",
                "handlingTime": days(rule.handling_days_min, rule.handling_days_max),
                "transitTime": days(rule.transit_days_min, rule.transit_days_max),
            },
        }
        for rule in rules
    ]


def days(low: int, high: int) -> dict:
    return {"@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitCode": "DAY"}


def breadcrumb_list(request, crumbs: list[tuple[str, str]]) -> dict:
    """``crumbs`` are ``(name, path)`` pairs from the home page down to this page."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def postal_address(text: str) -> dict:
    """An address staff wrote on several lines, as one line."""
    lines = non_empty_lines(text)
    return {"@type": "PostalAddress", "streetAddress": ", ".join(lines)}


def offer_prices(variant) -> dict:
    """The selling price, and the MRP as the suggested retail price where it differs."""
    prices = {"price": f"{variant.price:.2f}", "priceCurrency": variant.currency}
    if variant.mrp is not None and variant.mrp != variant.price:
        prices["priceSpecification"] = {
            "@type": "UnitPriceSpecification",
            "priceType": f"{SCHEMA}/SRP",
            "price": f"{variant.mrp:.2f}",
            "priceCurrency": variant.currency,
            "valueAddedTaxIncluded": True,
        }
    return prices


def declared(declarations) -> dict:
    """The statutory declarations schema.org has terms for."""
    data = {}
    maker = declarations.manufacturer
    if maker is not None and maker.name:
        data["manufacturer"] = {"@type": "Organization", "name": maker.name}
        if maker.address:
            data["manufacturer"]["address"] = postal_address(maker.address)
    if declarations.country_of_origin:
        data["countryOfOrigin"] = {"@type": "Country", "name": declarations.country_of_origin}
    return data


def offer(product, variant, url: str, shipping) -> dict:
    data = {
        "@type": "Offer",
        "name": variant.pack_size,
        "sku": variant.sku,
        **offer_prices(variant),
        "availability": DISCONTINUED
        if product.is_archived
        else AVAILABILITY.get(variant.availability, f"{SCHEMA}/OutOfStock"),
        # The pack's row on the product page, where its Buy link is.
        "url": f"{url}#{variant.anchor}",
        "itemCondition": f"{SCHEMA}/NewCondition",
    }
    if shipping and not product.is_archived:
        data["shippingDetails"] = shipping_details(shipping, variant.price, variant.currency)
    return data


def product(request, product, variants, images, declarations=None, shipping=()) -> dict:
    """A product with one pack as a schema.org Product; with several, a ProductGroup
    whose variants (one per pack) each carry their offer. ``shipping`` are the shipping
    rules every offer states."""
    url = request.build_absolute_uri(product.get_absolute_url())
    image_urls = [best_image_url(request, image.renditions, image.image.url) for image in images]
    data = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": str(localized(product, "name")),
        "description": str(first_localized(product, "seo_description", "tagline")),
        "url": url,
        "brand": {"@type": "Brand", "name": brand_name()},
        "category": str(localized(product.primary_use, "name")),
        "image": image_urls,
    }
    if declarations is not None:
        data.update(declared(declarations))
    if len(variants) > 1:
        data["@type"] = "ProductGroup"
        data["productGroupID"] = product.slug
        data["variesBy"] = [f"{SCHEMA}/size"]
        data["hasVariant"] = [
            {
                "@type": "Product",
                "name": f"{data['name']}, {variant.pack_size}",
                "sku": variant.sku,
                **gtin(variant),
                "size": variant.pack_size,
                "image": image_urls,
                "offers": offer(product, variant, url, shipping),
            }
            for variant in variants
        ]
        return data
    data["offers"] = [offer(product, variant, url, shipping) for variant in variants]
    if variants:
        data["sku"] = variants[0].sku
        data.update(gtin(variants[0]))
    return data


def gtin(variant) -> dict:
    """The pack's barcode number, only when staff set one."""
    return {"gtin": variant.gtin} if variant.gtin else {}


def exercise_plan(exercise) -> dict:
    data = {
        "@type": "ExercisePlan",
        "name": str(localized(exercise, "name")),
        "description": str(localized(exercise, "instructions")),
        "activityFrequency": exercise.dose,
    }
    reps = exercise.target_repetitions or exercise.start_repetitions
    if reps:
        data["repetitions"] = reps
    if exercise.benefit:
        data["about"] = str(localized(exercise, "benefit"))
    return data


def medical_web_page(request, article, exercises) -> dict:
    home = request.build_absolute_uri("/")
    data = {
        "@context": SCHEMA,
        "@type": "MedicalWebPage",
        "name": str(localized(article, "title")),
        "headline": str(localized(article, "title")),
        "description": str(localized(article, "summary")),
        "url": request.build_absolute_uri(article.get_absolute_url()),
        # The language of its text: a page whose title is not translated yet is English.
        "inLanguage": localized(article, "title").html_lang,
        "author": {"@type": "Organization", "name": article.author},
        "publisher": {"@type": "Organization", "name": brand_name(), "url": home},
        "dateModified": article.updated_at.isoformat(),
        "hasPart": [exercise_plan(exercise) for exercise in exercises],
    }
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
    if article.reviewer_name:
        data["reviewedBy"] = {
            "@type": "Person",
            "name": article.reviewer_name,
            "hasCredential": {
                "@type": "EducationalOccupationalCredential",
                "name": article.reviewer_credentials,
            },
        }
    if article.reviewed_on:
        data["lastReviewed"] = article.reviewed_on.isoformat()
    if article.renditions:
        data["image"] = best_image_url(request, article.renditions)
    return data
