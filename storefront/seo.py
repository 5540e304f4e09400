"""What search engines and link previews read: page meta and JSON-LD, built as dicts.

Views call these builders; templates only print the results (the ``jsonld`` filter
escapes them), so structured data is never assembled as text.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static

from catalog.models import Variant
from core.images import rendition_urls

SCHEMA = "https://schema.org"

AVAILABILITY = {
    Variant.Availability.IN_STOCK: f"{SCHEMA}/InStock",
    Variant.Availability.OUT_OF_STOCK: f"{SCHEMA}/OutOfStock",
    Variant.Availability.PREORDER: f"{SCHEMA}/PreOrder",
}
DISCONTINUED = f"{SCHEMA}/Discontinued"


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


def organization(request) -> dict:
    home = request.build_absolute_uri("/")
    return {
        "@context": SCHEMA,
        "@type": "Organization",
        "@id": f"{home}#organization",
        "name": brand_name(),
        "url": home,
        "logo": request.build_absolute_uri(static("img/logo.png")),
        "description": "Herbal oral drops for four everyday concerns: muscle and joint "
        "pain, acne-prone skin, stress and anxiety, and digestive comfort.",
    }


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
    lines = [line.strip() for line in text.splitlines() if line.strip()]
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


def product(request, product, variants, images, declarations=None) -> dict:
    url = request.build_absolute_uri(product.get_absolute_url())
    data = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": product.name,
        "description": product.seo_description or product.tagline,
        "url": url,
        "brand": {"@type": "Brand", "name": brand_name()},
        "category": product.primary_use.name,
        "image": [best_image_url(request, image.renditions, image.image.url) for image in images],
        "offers": [
            {
                "@type": "Offer",
                "name": variant.pack_size,
                "sku": variant.sku,
                **offer_prices(variant),
                "availability": DISCONTINUED
                if product.is_archived
                else AVAILABILITY.get(variant.availability, f"{SCHEMA}/OutOfStock"),
                "url": url,
                "itemCondition": f"{SCHEMA}/NewCondition",
            }
            for variant in variants
        ],
    }
    if variants:
        data["sku"] = variants[0].sku
    if declarations is not None:
        data.update(declared(declarations))
    return data


def exercise_plan(exercise) -> dict:
    data = {
        "@type": "ExercisePlan",
        "name": exercise.name,
        "description": exercise.instructions,
        "activityFrequency": exercise.dose,
    }
    reps = exercise.target_repetitions or exercise.start_repetitions
    if reps:
        data["repetitions"] = reps
    if exercise.benefit:
        data["about"] = exercise.benefit
    return data


def medical_web_page(request, article, exercises) -> dict:
    home = request.build_absolute_uri("/")
    data = {
        "@context": SCHEMA,
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "inLanguage": "en",
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
