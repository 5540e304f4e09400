"""The storefront in Hindi: every page's /hi/ twin, its chrome and content in Hindi,
hreflang both ways, the sitemap's alternates, English shown (and marked) where a
translation is missing, and search in Hindi."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

from catalog.models import Product
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

DEVANAGARI = re.compile(r"[\u0900-\u097f]")
PAGES = [
    "/",
    "/uses/muscle-joint-pain/",
    "/products/muscle-joint-pain-drops/",
    "/articles/",
    "/articles/lower-back-spasms-exercises/",
    "/search/?q=back",
    "/pages/shipping/",
    "/pages/grievance-officer/",
]


def hindi(message: str) -> str:
    with translation.override("hi"):
        return translation.gettext(message)


def alternates(page: str) -> dict[str, str]:
    links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page)
    return dict(links)


def h1(page: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_hindi_twin_with_hreflang_both_ways(client, demo, path):
    english = client.get(path)
    twin = client.get(f"/hi{path}")
    assert english.status_code == twin.status_code == 200
    page = twin.content.decode()
    assert '<html lang="hi">' in page
    assert twin["Content-Language"] == "hi"
    # The chrome is Hindi: the header's and footer's words, none of the English ones.
    for message in ("Health guides", "Skip to content", "Home"):
        assert hindi(message) != message and hindi(message) in page
    assert "Skip to content" not in page
    # Each names the other and itself; x-default is the English page.
    canonical = path.split("?")[0]
    ours, theirs = alternates(page), alternates(english.content.decode())
    assert ours == theirs
    assert ours["hi"] == f"http://testserver/hi{canonical}"
    assert ours["en-GB"] == ours["x-default"] == f"http://testserver{canonical}"
    assert f'<link rel="canonical" href="http://testserver/hi{canonical}">' in page


def test_the_hindi_product_and_article_pages_read_in_hindi(client, demo):
    product = client.get("/hi/products/muscle-joint-pain-drops/").content.decode()
    article = client.get("/hi/articles/lower-back-spasms-exercises/").content.decode()
    for page in (product, article):
        assert DEVANAGARI.search(h1(page)) and 'lang="en' not in h1(page)
        headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
        assert headings and all(DEVANAGARI.search(heading) for heading in headings)
    assert "घुटना छाती तक लाना" in article  # an exercise, by its Hindi name
    assert hindi("See a doctor first if") in article
    assert "दोहरी क्रिया" in product  # the tagline
    # Text kept only in English (the pack's declarations as printed) says so.
    assert re.search(r'<tbody lang="en-GB">\s*<tr><th scope="row">Nirgundi', product)
    contact = client.get("/hi/pages/contact/").content.decode()
    assert '<dd lang="en-GB">+91 80 0000 0000 (Monday to Saturday' in contact


def test_a_missing_translation_shows_the_english_marked_as_english(client, demo):
    product = ProductFactory(name="Plain English Drops", tagline="Only in English for now.")
    page = client.get(f"/hi/products/{product.slug}/").content.decode()
    assert '<h1 class="product__name"><span lang="en-GB">Plain English Drops</span></h1>' in page
    assert '<span lang="en-GB">Only in English for now.</span>' in page
    assert '<html lang="hi">' in page  # the chrome around it is still Hindi
    english = client.get(f"/products/{product.slug}/").content.decode()
    assert '<h1 class="product__name">Plain English Drops</h1>' in english


def test_the_switcher_leads_to_the_same_page_in_the_other_language(client, demo):
    switch = '<a class="site-nav__language" href="{}" hreflang="{}" lang="{}">{}</a>'
    page = client.get("/search/?q=back+pain").content.decode()
    assert switch.format("/hi/search/?q=back+pain", "hi", "hi", "हिन्दी") in page
    page = client.get("/hi/products/muscle-joint-pain-drops/").content.decode()
    product = "/products/muscle-joint-pain-drops/"
    assert switch.format(product, "en-GB", "en-GB", "English") in page


def test_hindi_search_finds_the_back_spasm_article(client, demo):
    page = client.get("/hi/search/", {"q": "कमर दर्द"}).content.decode()
    assert 'href="/hi/articles/lower-back-spasms-exercises/"' in page
    # The same letters typed as decomposed code points find it too.
    decomposed = client.get("/hi/search/", {"q": "ऐंठन"}).content.decode()
    assert 'href="/hi/articles/lower-back-spasms-exercises/"' in decomposed


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("bloting", "/products/bloating-indigestion-drops/"),
        ("knee to chest", "/articles/lower-back-spasms-exercises/"),
        ("पेट फूलना", "/products/bloating-indigestion-drops/"),
    ],
)
def test_search_finds_misspellings_exercises_and_hindi_on_every_database(
    client, demo, query, found
):
    page = client.get("/search/", {"q": query}).content.decode()
    assert f'href="{found}"' in page


def test_the_sitemap_lists_each_page_in_both_languages_with_its_twins(client, demo):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [url.findtext("s:loc", namespaces=ns) for url in root.findall("s:url", ns)]
    product = "http://testserver/products/muscle-joint-pain-drops/"
    assert product in locations and product.replace("/products/", "/hi/products/") in locations
    for url in root.findall("s:url", ns):
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(links) == {"en-gb", "hi", "x-default"}
        assert links["x-default"] == links["en-gb"]
        assert url.findtext("s:loc", namespaces=ns) in links.values()
    # One sitemap and one robots.txt for the whole site.
    assert client.get("/hi/sitemap.xml")["Location"] == "/sitemap.xml"
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /search/" in robots and "Disallow: /hi/search/" in robots


def test_the_hindi_not_found_page_is_hindi(client, demo):
    response = client.get("/hi/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="hi">' in page
    assert hindi("We could not find that page") in page


def test_every_interface_message_is_translated():
    """No message is left empty or fuzzy, and each keeps its placeholders."""
    path = Path(settings.BASE_DIR) / "locale/hi/LC_MESSAGES/django.po"
    with path.open("rb") as po:
        catalog = read_po(po)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if message.pluralizable else [message.string]
        if message.fuzzy or not all(strings):
            problems.append(message.id)
        for string in strings:
            ids = message.id if message.pluralizable else [message.id]
            wanted = set(re.findall(r"%\(\w+\)s|\{\w+\}", " ".join(ids)))
            if set(re.findall(r"%\(\w+\)s|\{\w+\}", string)) != wanted:
                problems.append(message.id)
    assert problems == []


def test_hindi_pages_and_english_pages_are_cached_apart(client, demo):
    """Each address is its own page: reading one language never serves the other."""
    for _ in range(2):
        assert '<html lang="en-GB">' in client.get("/").content.decode()
        assert '<html lang="hi">' in client.get("/hi/").content.decode()


def test_a_product_saved_with_hindi_renders_its_hindi_description(demo):
    product = Product.objects.get(slug="muscle-joint-pain-drops")
    assert product.description_html_hi.startswith("<p>")
    assert "<h2>ड्रॉप्स ही क्यों</h2>" in product.description_html_hi


def test_an_exercise_name_finds_its_article_while_it_has_that_exercise(client, db):
    from articles.models import Article
    from tests.factories import ArticleFactory, ExerciseFactory

    article = ArticleFactory(title="Gentle stretches")
    exercise = ExerciseFactory(article=article, name="Pigeon pose", name_hi="कबूतर आसन")

    def found(query: str) -> bool:
        return article in Article.objects.published().search(query)

    assert found("pigeon pose") and found("कबूतर")
    exercise.name = "Seated twist"
    exercise.save()
    assert found("seated twist") and not found("pigeon pose")
    exercise.delete()
    assert not found("seated twist")
