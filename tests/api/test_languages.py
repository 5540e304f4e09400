"""The API in Hindi: Accept-Language: hi or ?lang=hi gives the translated texts (the
English where one is missing), says so with Content-Language, and varies on it; staff
write each language's fields by name, and a Hindi change to live content waits for
review like an English one."""

import pytest
from django.utils import translation

from catalog.models import Product
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

PRODUCT = "/api/v1/products/muscle-joint-pain-drops/"
ARTICLE = "/api/v1/articles/lower-back-spasms-exercises/"


def hindi(message: str) -> str:
    with translation.override("hi"):
        return translation.gettext(message)


@pytest.mark.parametrize(
    ("url", "headers"),
    [(PRODUCT, {"HTTP_ACCEPT_LANGUAGE": "hi-IN,hi;q=0.9,en;q=0.8"}), (f"{PRODUCT}?lang=hi", {})],
)
def test_a_product_in_hindi(api, demo, url, headers):
    response = api.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Language"] == "hi"
    assert "Accept-Language" in response["Vary"]
    data = response.json()
    assert data["name"] == "Paincare ड्रॉप्स: मांसपेशियों और जोड़ों के दर्द के लिए"
    assert data["tagline"].startswith("मांसपेशियों")
    assert "<h2>ड्रॉप्स ही क्यों</h2>" in data["description_html"]
    assert data["ingredients"][0] == "निर्गुंडी (Vitex negundo)"
    assert data["primary_use"]["name"] == "मांसपेशियों और जोड़ों का दर्द"
    assert data["disclaimer"].startswith("यहाँ दी गई बातें")
    assert data["related_articles"][0]["title"].startswith("कमर की ऐंठन")
    assert data["images"][0]["alt_text"].startswith("मांसपेशी और जोड़")


def test_english_is_the_default_and_other_languages_get_english(api, demo):
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9"}, {"HTTP_ACCEPT_LANGUAGE": "*"}):
        response = api.get(PRODUCT, **headers)
        assert response["Content-Language"] == "en-GB"
        assert response.json()["name"] == "Paincare Drops for Muscle & Joint Pain"
    assert api.get(f"{PRODUCT}?lang=xx", HTTP_ACCEPT_LANGUAGE="hi").json()["name"] == (
        "Paincare Drops for Muscle & Joint Pain"
    )


def test_an_article_in_hindi_with_its_exercises(api, demo):
    data = api.get(ARTICLE, HTTP_ACCEPT_LANGUAGE="hi").json()
    assert data["title"].startswith("कमर की ऐंठन")
    assert all(any("\u0900" <= ch <= "\u097f" for ch in sign) for sign in data["warning_signs"])
    first = data["exercises"][0]
    assert first["name"].startswith("घुटना छाती तक")
    assert first["dose"] and "Start with" not in first["dose"]
    assert data["related_products"][0]["name"]
    listed = api.get("/api/v1/articles/?lang=hi").json()["results"][0]
    assert listed["title"] == data["title"]


def test_a_missing_translation_reads_in_english(api, demo):
    product = ProductFactory(name="Only English Drops", tagline="No Hindi yet.")
    data = api.get(f"/api/v1/products/{product.slug}/?lang=hi").json()
    assert (data["name"], data["tagline"]) == ("Only English Drops", "No Hindi yet.")


def test_cached_answers_keep_their_language(api, demo):
    """Anonymous reads may be served from the page cache: never in the wrong language."""
    for _ in range(2):
        assert api.get(PRODUCT).json()["name"].startswith("Paincare Drops")
        assert (
            api.get(PRODUCT, HTTP_ACCEPT_LANGUAGE="hi").json()["name"].startswith("Paincare ड्रॉप्स")
        )


def test_a_hindi_change_to_a_live_product_waits_for_review(client_for, api, demo, catalog_manager):
    product = Product.objects.get(slug="muscle-joint-pain-drops")
    response = client_for(catalog_manager).patch(
        PRODUCT, {"tagline_hi": "नई टैगलाइन, समीक्षा के बाद"}, format="json"
    )
    assert response.status_code == 202, response.json()
    product.refresh_from_db()
    assert product.tagline_hi.startswith("मांसपेशियों")  # live text unchanged until approved
    assert api.get(f"{PRODUCT}?lang=hi").json()["tagline"].startswith("मांसपेशियों")


def test_a_hindi_claim_is_refused_in_a_hindi_field(client_for, demo, catalog_manager):
    response = client_for(catalog_manager).patch(
        PRODUCT, {"tagline_hi": "दर्द का स्थायी इलाज"}, format="json"
    )
    assert response.status_code == 400
    [cure, permanent] = response.json()["errors"]["tagline_hi"]
    assert cure.startswith("“इलाज” in tagline (Hindi)") and "Magic Remedies" in cure
    assert permanent.startswith("“स्थायी इलाज” in tagline (Hindi)")
