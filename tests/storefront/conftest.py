import json
from html.parser import HTMLParser

import pytest

from tests.factories import (
    ArticleFactory,
    ArticleProductFactory,
    ExerciseFactory,
    ProductFactory,
    ProductImageFactory,
    UseCategoryFactory,
    VariantFactory,
)


class HeadParser(HTMLParser):
    """Collects what tests read from a page: title, meta, links and JSON-LD blocks."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.jsonld: list[dict] = []
        self._in_title = False
        self._in_jsonld = False
        self._buffer = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "link" and attrs.get("rel"):
            self.links[attrs["rel"]] = attrs.get("href", "")
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_jsonld = True
            self._buffer = ""

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "script" and self._in_jsonld:
            self._in_jsonld = False
            self.jsonld.append(json.loads(self._buffer))

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif self._in_jsonld:
            self._buffer += data


def parse_head(response) -> HeadParser:
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def jsonld_of_type(response, kind: str) -> list[dict]:
    return [block for block in parse_head(response).jsonld if block.get("@type") == kind]


@pytest.fixture
def rich_product(db):
    """A published product with many uses, variants, images and recommending articles."""
    uses = UseCategoryFactory.create_batch(4)
    product = ProductFactory(primary_use=uses[0], use_categories=uses[1:])
    VariantFactory.create_batch(6, product=product)
    ProductImageFactory.create_batch(3, product=product)
    for article in ArticleFactory.create_batch(8):
        ArticleProductFactory(article=article, product=product)
    return product


@pytest.fixture
def rich_article(db):
    """A published article with many exercises and recommended products (with images)."""
    article = ArticleFactory()
    ExerciseFactory.create_batch(7, article=article)
    for _ in range(6):
        product = ProductFactory()
        VariantFactory.create_batch(2, product=product)
        ProductImageFactory(product=product)
        ArticleProductFactory(article=article, product=product)
    return article
