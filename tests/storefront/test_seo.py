import pytest

from tests.factories import ArticleFactory, ProductFactory, VariantFactory
from tests.storefront.conftest import jsonld_of_type, parse_head

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/uses/muscle-joint-pain/",
    "/uses/acne/",
    "/products/muscle-joint-pain-drops/",
    "/products/muscle-pain-ayurvedic-cbd-drops/",
    "/articles/",
    "/articles/lower-back-spasms-exercises/",
    "/search/",
    "/pages/shipping/",
    "/pages/grievance-officer/",
]


def test_every_page_has_unique_title_description_and_canonical(client, demo):
    """Each page has its own title and meta description and an absolute canonical URL."""
    titles, descriptions = set(), set()
    for url in PUBLIC_PAGES:
        head = parse_head(client.get(url))
        assert head.title and head.meta["description"], url
        assert head.links["canonical"] == f"http://testserver{url}", url
        titles.add(head.title)
        descriptions.add(head.meta["description"])
    assert len(titles) == len(PUBLIC_PAGES)
    assert len(descriptions) >= len(PUBLIC_PAGES) - 1  # search shares none, but is noindex


def test_every_page_has_open_graph_and_twitter_tags(client, demo):
    """Each page carries Open Graph and Twitter card tags matching its title and URL."""
    for url in PUBLIC_PAGES:
        head = parse_head(client.get(url))
        assert head.meta["og:title"] == head.title, url
        assert head.meta["og:url"] == head.links["canonical"], url
        assert head.meta["og:description"] == head.meta["description"], url
        assert head.meta["og:site_name"] == "Paincare Drops"
        assert head.meta["twitter:card"] in {"summary", "summary_large_image"}
        assert head.meta["twitter:title"] == head.title


def test_product_page_preview_image_is_its_photo(client, demo):
    """A product's og:image is the widest rendition of its first image, absolute."""
    head = parse_head(client.get("/products/muscle-joint-pain-drops/"))
    assert head.meta["og:type"] == "product"
    assert head.meta["og:image"].startswith("http://testserver/media/renditions/")
    assert head.meta["og:image"].endswith("-1200w.webp")
    assert head.meta["og:image:alt"] == "30 ml amber dropper bottle of the muscle & joint drops"


def test_home_has_organization_jsonld(client, demo):
    """The home page describes the brand as a schema.org Organization."""
    [org] = jsonld_of_type(client.get("/"), "Organization")
    assert org["@context"] == "https://schema.org"
    assert org["name"] == "Paincare Drops"
    assert org["url"] == "http://testserver/"


def test_product_jsonld_has_offers_and_breadcrumbs(client, demo):
    """A product page with one pack has Product JSON-LD with its Offer (price, currency,
    availability as a schema.org URL, the pack's row as url, delivery from the shipping
    rules) and a BreadcrumbList home > use > product."""
    response = client.get("/products/anxiety-fear-panic-drops/")
    [product] = jsonld_of_type(response, "Product")
    assert product["url"] == "http://testserver/products/anxiety-fear-panic-drops/"
    [offer] = product["offers"]
    standard, express = offer.pop("shippingDetails")
    assert offer == {
        "@type": "Offer",
        "name": "30 ml",
        "sku": "DEMO-AX-30ML",
        "price": "549.00",
        "priceCurrency": "INR",
        "priceSpecification": {  # the MRP, where it is above the price
            "@type": "UnitPriceSpecification",
            "priceType": "https://schema.org/SRP",
            "price": "599.00",
            "priceCurrency": "INR",
            "valueAddedTaxIncluded": True,
        },
        "availability": "https://schema.org/InStock",
        "url": "http://testserver/products/anxiety-fear-panic-drops/#pack-demo-ax-30ml",
        "itemCondition": "https://schema.org/NewCondition",
    }
    # The pack alone reaches the demo's free-delivery amount (₹499) for standard delivery.
    assert standard["shippingRate"] == {
        "@type": "MonetaryAmount",
        "value": "0.00",
        "currency": "INR",
    }
    assert express["shippingRate"]["value"] == "129.00"
    assert 'id="pack-demo-ax-30ml"' in response.content.decode()
    response = client.get("/products/muscle-joint-pain-drops/")
    [product] = jsonld_of_type(response, "ProductGroup")
    assert product["name"] == "Paincare Drops for Muscle & Joint Pain"
    assert product["image"][0].startswith("http://testserver/media/")
    [crumbs] = jsonld_of_type(response, "BreadcrumbList")
    assert [(i["position"], i["name"], i["item"]) for i in crumbs["itemListElement"]] == [
        (1, "Home", "http://testserver/"),
        (2, "Muscle & joint pain", "http://testserver/uses/muscle-joint-pain/"),
        (
            3,
            "Paincare Drops for Muscle & Joint Pain",
            "http://testserver/products/muscle-joint-pain-drops/",
        ),
    ]


def test_offer_availability_urls_follow_each_variant(client, db):
    """Out-of-stock and pre-order variants map to their schema.org availability."""
    product = ProductFactory()
    VariantFactory(product=product, availability="out_of_stock")
    VariantFactory(product=product, availability="preorder", stock_quantity=0)
    [data] = jsonld_of_type(client.get(product.get_absolute_url()), "ProductGroup")
    assert [v["offers"]["availability"] for v in data["hasVariant"]] == [
        "https://schema.org/OutOfStock",
        "https://schema.org/PreOrder",
    ]


def test_archived_product_offers_are_discontinued(client, db):
    """An archived product's offers say Discontinued."""
    product = ProductFactory(status="archived")
    VariantFactory(product=product)
    [data] = jsonld_of_type(client.get(product.get_absolute_url()), "Product")
    assert data["offers"][0]["availability"] == "https://schema.org/Discontinued"


def test_article_jsonld_is_reviewed_medical_page_with_exercise_plans(client, demo):
    """An article page has MedicalWebPage JSON-LD with reviewedBy and lastReviewed,
    one ExercisePlan per exercise in order, and a BreadcrumbList."""
    response = client.get("/articles/lower-back-spasms-exercises/")
    [page] = jsonld_of_type(response, "MedicalWebPage")
    assert page["reviewedBy"]["@type"] == "Person"
    assert page["reviewedBy"]["name"] == "Dr. Asha Menon (demo reviewer)"
    assert page["reviewedBy"]["hasCredential"]["name"] == "BAMS, MD (Ayurveda)"
    assert page["lastReviewed"] == "2026-01-10"
    plans = page["hasPart"]
    assert [plan["@type"] for plan in plans] == ["ExercisePlan"] * 5
    assert plans[0]["name"] == "Knee-to-chest stretch"
    assert plans[2]["activityFrequency"] == "Start with 5 a day, build up to 30"
    assert plans[2]["repetitions"] == 30
    [crumbs] = jsonld_of_type(response, "BreadcrumbList")
    assert [i["name"] for i in crumbs["itemListElement"]][:2] == ["Home", "Articles"]


def test_jsonld_escapes_markup_in_staff_text(client, db):
    """Text that looks like markup cannot end the JSON-LD block; it still parses back
    to exactly what staff typed."""
    name = "</script><script>alert(1)</script> & <!--"
    article = ArticleFactory(title=name)
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert "</script><script>alert(1)" not in page
    [data] = jsonld_of_type(response, "MedicalWebPage")
    assert data["name"] == name


def test_pages_have_no_inline_scripts_or_style_attributes(client, demo):
    """Only JSON-LD data blocks appear as inline scripts, and no element has a style
    attribute, so a strict Content-Security-Policy can be set."""
    for url in [*PUBLIC_PAGES, "/search/?q=back", "/nowhere/"]:
        page = client.get(url).content.decode()
        assert page.count("<script") == page.count('<script type="application/ld+json">'), url
        assert " style=" not in page and "<style" not in page, url


def test_later_article_pages_have_their_own_title_and_canonical(client, db):
    """Page 2 of the article list has its own title and a canonical with ?page=2."""
    ArticleFactory.create_batch(13)
    first = parse_head(client.get("/articles/"))
    second = parse_head(client.get("/articles/?page=2"))
    assert second.title != first.title
    assert "page 2" in second.title
    assert second.links["canonical"] == "http://testserver/articles/?page=2"


def test_preview_and_search_pages_are_not_indexed(client, demo):
    """Search result pages ask search engines not to index them; public pages do not."""
    assert parse_head(client.get("/search/?q=back")).meta["robots"] == "noindex"
    assert "robots" not in parse_head(client.get("/products/acne-free-face-drops/")).meta
