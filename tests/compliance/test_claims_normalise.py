"""The claims guard reads text as a shopper does: look-alike letters, invisible
characters, dashes, entities and Markdown tricks do not get a restricted phrase past it.

Decided: a plain field is shown as typed (and, in feeds and JSON-LD, with character
references decoded once), so Markdown syntax in it is what the shopper sees: "c**ur**e"
in a plain field reads with its asterisks and is not "cure". Markdown fields are checked
as rendered: there "c**ur**e" reads "cure".
"""

import pytest
from django.core.exceptions import ValidationError

from articles.demo import BODY
from articles.models import Article, ArticleProduct, Exercise
from catalog.models import Ingredient, Product, ProductImage, ProductLine, UseCategory, Variant
from compliance.claims import scan
from compliance.models import SiteSettings
from tests.factories import ArticleFactory, ExerciseFactory, ProductFactory

pytestmark = pytest.mark.django_db

BUILDERS = {
    "Product": lambda: ProductFactory.build(),
    "Variant": lambda: Variant(sku="T-1", pack_size="30 ml", price=1, mrp=1, stock_quantity=1),
    "Ingredient": lambda: Ingredient(name="Ginger", quantity="50 mg per ml"),
    "ProductImage": lambda: ProductImage(alt_text="Amber bottle"),
    "UseCategory": lambda: UseCategory(name="Back pain", slug="back-pain"),
    "ProductLine": lambda: ProductLine(name="Drops", slug="drops"),
    "Article": lambda: ArticleFactory.build(),
    "Exercise": lambda: ExerciseFactory.build(),
    "ArticleProduct": lambda: ArticleProduct(note="Recommended."),
    "SiteSettings": lambda: SiteSettings(disclaimer="Not advice.", age_restricted_notice="18+"),
}
MODELS = {
    "Product": Product,
    "Variant": Variant,
    "Ingredient": Ingredient,
    "ProductImage": ProductImage,
    "UseCategory": UseCategory,
    "ProductLine": ProductLine,
    "Article": Article,
    "Exercise": Exercise,
    "ArticleProduct": ArticleProduct,
    "SiteSettings": SiteSettings,
}
PLAIN_FIELDS = {
    "Product": [
        "name",
        "slug",
        "tagline",
        "key_ingredients",
        "directions",
        "warnings",
        "disclaimer_override",
        "seo_title",
        "seo_description",
        "generic_name",
        "manufacturer_name",
        "manufacturer_address",
        "packer_name",
        "packer_address",
        "marketer_name",
        "marketer_address",
    ],
    "Variant": ["pack_size"],
    "Ingredient": ["name", "botanical_name", "part_used", "quantity"],
    "ProductImage": ["alt_text"],
    "UseCategory": ["name", "slug", "short_intro", "seo_title", "seo_description"],
    "ProductLine": ["name", "slug", "description"],
    "Article": [
        "title",
        "slug",
        "summary",
        "warning_signs",
        "hero_alt",
        "author",
        "reviewer_name",
        "reviewer_credentials",
        "seo_title",
        "seo_description",
    ],
    "Exercise": ["name", "instructions", "benefit", "frequency", "safety_note"],
    "ArticleProduct": ["note"],
    "SiteSettings": [
        "disclaimer",
        "age_restricted_notice",
        "manufacturer_name",
        "manufacturer_address",
        "marketer_name",
        "marketer_address",
        "consumer_care_hours",
    ],
}
MARKDOWN_FIELDS = {"Product": ["description"], "Article": ["body"]}

# Each reads as a blocked phrase wherever it is shown.
OBFUSCATIONS = {
    "cyrillic es": "These drops \u0441ure back pain",
    "cyrillic o and e": "n\u043e side \u0435ffects",
    "greek omicron": "n\u03bf side effects",
    "small capitals": "\u1d04\u1d1c\u0280\u1d07",
    "full-width letters": "\uff43\uff55\uff52\uff45",
    "mathematical letters": "\U0001d41c\U0001d42e\U0001d42b\U0001d41e",
    "zero-width space": "cu\u200bre",
    "zero-width joiner and non-joiner": "c\u200cu\u200dre",
    "word joiner and BOM": "gua\u2060rant\ufeffeed",
    "soft hyphen": "mir\u00adacle",
    "non-breaking hyphen": "side\u2011effect\u2011free",
    "en dash for hyphen": "side\u2013effect free",
    "minus sign for hyphen": "no side\u2212effects",
    "hyphens for spaces": "no-side-effects",
    "nbsp between words": "no\u00a0side\u00a0effects",
    "thin and ideographic spaces": "no\u2009side\u3000effects",
    "line break inside phrase": "no side\neffects",
    "tab inside phrase": "no\tside effects",
    "mixed case": "CuRe",
    "entity decimal": "&#99;ure",
    "entity hex": "&#x63;ure",
    "entity named nbsp": "no&nbsp;side&nbsp;effects",
    "entity named percent": "100&percnt; effective",
    "entity named hyphen": "side&hyphen;effect free",
    "entity for a zero-width space": "cu&#8203;re",
}
# Read as a blocked phrase only once Markdown is rendered.
MARKDOWN_OBFUSCATIONS = {
    "strong inside the word": "c**ur**e",
    "emphasis inside the word": "c*ur*e",
    "underscore emphasis round a word": "no _side_ effects",
    "link splitting the word": "[cu](https://example.org)re",
    "link splitting the phrase": "no [side](https://example.org) effects",
    "backslash escape": "no side\\-effects",
    "escaped percent": "100\\% effective",
    "html comment splitting the word": "cu<!-- -->re",
    "raw tag splitting the word": "c<b>ur</b>e",
    "code span": "`cure`",
    "hard break inside phrase": "no side  \neffects",
    "backslash hard break inside phrase": "no side\\\neffects",
    "line break in a list item": "- no side\n  effects",
    "heading": "## Guaranteed",
}
# What a shopper sees literally: no restricted phrase.
LITERAL_IN_PLAIN = ["c**ur**e", "c*ur*e", "[cu](https://example.org)re", "c\\ure"]
INNOCENT = [
    "Secure packaging",
    "Procurement and accurate dosing",
    "Curry leaves and ginger",
    "\u0915\u092e\u0930 \u0926\u0930\u094d\u0926 \u0915\u0947 \u0932\u093f\u090f",
    "Side effects are rare; see warnings.",
    "Not intended to diagnose, treat, cure or prevent any disease.",
    "&amp;#99;ure",
    "c_ur_e",
]

PLAIN = [(model, field) for model, fields in PLAIN_FIELDS.items() for field in fields]
MARKDOWN = [(model, field) for model, fields in MARKDOWN_FIELDS.items() for field in fields]


def refused_fields(model: str, field: str, text: str) -> dict:
    instance = BUILDERS[model]()
    setattr(instance, field, text)
    try:
        instance.clean()
    except ValidationError as exc:
        return exc.message_dict
    return {}


def cases(fields, texts):
    return [
        pytest.param(model, field, text, id=f"{model}.{field}-{name}")
        for model, field in fields
        for name, text in texts.items()
    ]


def english(fields) -> list[str]:
    return [field for field in fields if not field.endswith("_hi")]


def test_every_checked_field_is_listed_here():
    """The table covers every English field the models check, and nothing else; each
    text shoppers read in Hindi is checked too, in its own column (the cases below run
    on the English columns: the Hindi ones go through the same code)."""
    for name, model in MODELS.items():
        assert english(model.claims_fields) == PLAIN_FIELDS[name]
        assert english(model.claims_markdown_fields) == MARKDOWN_FIELDS.get(name, [])
        checked = {*model.claims_fields, *model.claims_markdown_fields}
        translated = getattr(model, "translated_fields", ())
        assert {f"{field}_hi" for field in translated} <= checked, name
        assert {f for f in checked if f.endswith("_hi")} == {f"{f}_hi" for f in translated}


HINDI_COLUMNS = [
    ("Product", "name_hi"),
    ("Product", "description_hi"),
    ("Article", "summary_hi"),
    ("Article", "body_hi"),
    ("Exercise", "instructions_hi"),
    ("ArticleProduct", "note_hi"),
    ("SiteSettings", "disclaimer_hi"),
]


@pytest.mark.parametrize(("model", "field"), HINDI_COLUMNS)
def test_an_obfuscated_phrase_in_a_hindi_column_is_refused(model, field):
    instance = BUILDERS[model]()
    setattr(instance, field, "ये ड्रॉप्स c\u200cu\u200dre करती हैं")
    findings = instance.claims_findings()
    assert [f.field for f in findings if f.severity == "block"] == [field]


@pytest.mark.parametrize(
    ("model", "field", "text"),
    cases(PLAIN + MARKDOWN, OBFUSCATIONS) + cases(MARKDOWN, MARKDOWN_OBFUSCATIONS),
)
def test_obfuscated_phrase_is_refused_naming_the_field(model, field, text):
    """A blocked phrase spelled with look-alikes, invisible characters, odd dashes or
    spaces, entities or Markdown is refused on the field it is in."""
    errors = refused_fields(model, field, text)
    assert list(errors) == [field]
    label = str(MODELS[model]._meta.get_field(field).verbose_name)
    assert f"\u201d in {label}:" in errors[field][0]


@pytest.mark.parametrize(
    ("model", "field", "text"),
    [pytest.param(m, f, t, id=f"{m}.{f}-{t}") for m, f in PLAIN for t in LITERAL_IN_PLAIN],
)
def test_plain_fields_are_matched_as_shown(model, field, text):
    """In a plain field Markdown syntax is shown as typed, so "c**ur**e" is not "cure"."""
    assert refused_fields(model, field, text) == {}


@pytest.mark.parametrize(
    ("model", "field", "text"),
    [pytest.param(m, f, t, id=f"{m}.{f}-{t[:12]}") for m, f in PLAIN + MARKDOWN for t in INNOCENT],
)
def test_innocent_text_is_not_flagged(model, field, text):
    """Words containing a phrase, Hindi, talk of side effects, the required disclaimer
    wording and entities decoded only once are not flagged."""
    assert refused_fields(model, field, text) == {}


def test_a_demo_like_article_passes():
    """The demo article, checked field by field, has nothing to refuse or warn about."""
    article = ArticleFactory.build(body=BODY, summary="Why spasms happen and what helps.")
    article.clean()
    assert article.claims_warnings == []


def test_findings_show_the_phrase_as_written_in_context():
    """A finding keeps the matched text as written, a readable phrase label and the
    folded text around it."""
    [finding] = scan(
        {
            "tagline": (
                "tagline",
                "Our herbal drops, made with care, \u0441ur\u200bes back pain fast",
            )
        }
    )
    assert finding.matched == "\u0441ur\u200bes"
    assert finding.phrase_label == "cure, cures, cured, curing"
    assert finding.context == "our herbal drops, made with care, cures back pain fast"
    long = "word " * 30 + "guaranteed" + " word" * 30
    [finding] = scan({"body": ("body", long)})
    assert finding.context.startswith("\u2026") and finding.context.endswith("\u2026")
    assert "guaranteed" in finding.context and len(finding.context) <= 2 * 40 + 12
    assert {"phrase_label", "context", "matched", "message"} <= set(finding.as_dict())


def test_staff_phrases_are_folded_like_the_text():
    """A plain phrase staff type with a hyphen or odd spacing matches however it is spelled."""
    from compliance.models import RestrictedPhrase

    RestrictedPhrase.objects.create(
        phrase="Wonder\u2011herb  blend", severity="block", reason="Hype"
    )
    [finding] = scan({"name": ("name", "A w\u043ender herb blend")})
    assert finding.phrase == "Wonder\u2011herb  blend"


def test_full_clean_names_the_field():
    """full_clean runs the guard too, for the slug as well as the text fields."""
    product = ProductFactory.build(slug="no-side-effects-drops")
    with pytest.raises(ValidationError) as caught:
        product.full_clean(exclude=["line", "primary_use"], validate_unique=False)
    assert "slug" in caught.value.message_dict


def test_variant_checks_prices_and_claims_together():
    """Variant.clean reports its own rules and the claims guard in one go."""
    variant = Variant(
        sku="T-1", pack_size="Guaranteed 30 ml", price=10, compare_at_price=5, stock_quantity=1
    )
    with pytest.raises(ValidationError) as caught:
        variant.clean()
    assert set(caught.value.message_dict) == {"pack_size", "compare_at_price"}
