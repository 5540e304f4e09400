"""The claims guard reads Hindi as it reads English.

The Hindi phrases (compliance migration 0009_hindi_phrases) are refused with their
message however they are typed: nukta as one character or two or left out, joiners
inside a word, mixed with English, in Markdown. Words are whole words as a Hindi reader
sees them (Python's ``\\b`` falls after every vowel sign), and ordinary health-guide
Hindi passes. The doors shoppers' text goes through (the API, the admin) refuse it too.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import Article
from catalog.models import Product
from compliance.claims import scan
from compliance.models import RestrictedPhrase, Severity
from tests.admin.forms import form_data
from tests.factories import ArticleFactory, ProductFactory

pytestmark = pytest.mark.django_db

# The seeded rows, by the start of their "shown as" label.
CURE = "इलाज, इलाजों"
GUARANTEE = "गारंटी, गारंटीड"
HUNDRED = "100% असरदार"
SIDE_EFFECTS = "कोई साइड इफेक्ट"
MAGIC = "चमत्कार, चमत्कारी"
PERMANENT = "स्थायी राहत"
DISEASE_TREATED = "गठिया, मधुमेह, कैंसर, दमा और"
DISEASE_HEALED = "गठिया, मधुमेह, कैंसर, दमा…"
SPEED = "तुरंत, फ़ौरन"

# Text, and what each blocked phrase found in it reads as written.
BLOCKED = {
    "permanent cure": ("दर्द का स्थायी इलाज", {CURE: "इलाज", PERMANENT: "स्थायी इलाज"}),
    "cures for good": ("जोड़ों के दर्द को ठीक कर देता है", {CURE: "ठीक कर देता"}),
    "disease free": ("रोगमुक्त जीवन", {CURE: "रोगमुक्त"}),
    "guaranteed": ("गारंटीड आराम", {GUARANTEE: "गारंटीड"}),
    "sure effect": ("पक्का असर", {GUARANTEE: "पक्का असर"}),
    "100% effective": ("100% असरदार", {HUNDRED: "100% असरदार"}),
    "hundred per cent": ("सौ प्रतिशत असरदार", {HUNDRED: "सौ प्रतिशत असरदार"}),
    "no side effects": ("कोई साइड इफेक्ट नहीं", {SIDE_EFFECTS: "कोई साइड इफेक्ट नहीं"}),
    "no ill effects": ("कोई दुष्प्रभाव नहीं", {SIDE_EFFECTS: "कोई दुष्प्रभाव नहीं"}),
    "miraculous": ("चमत्कारी ड्रॉप्स", {MAGIC: "चमत्कारी"}),
    "magical": ("जादुई असर", {MAGIC: "जादुई"}),
    "rid for ever": ("हमेशा के लिए छुटकारा", {PERMANENT: "हमेशा के लिए छुटकारा"}),
    "from the root": ("जड़ से ख़त्म", {PERMANENT: "जड़ से ख़त्म"}),
    "treats diabetes": ("मधुमेह का उपचार", {DISEASE_TREATED: "मधुमेह का उपचार"}),
    "prevents cancer": ("कैंसर से बचाता है", {DISEASE_HEALED: "कैंसर से बचाता"}),
}


def row(label_start: str) -> RestrictedPhrase:
    return RestrictedPhrase.objects.get(label__startswith=label_start)


def refused(text: str, field: str = "tagline") -> list[str]:
    product = ProductFactory.build(**{field: text})
    with pytest.raises(ValidationError) as caught:
        product.clean()
    assert list(caught.value.message_dict) == [field]
    return caught.value.message_dict[field]


@pytest.mark.parametrize(("text", "found"), BLOCKED.values(), ids=BLOCKED)
def test_hindi_claims_are_refused_naming_field_rule_and_wording(text, found):
    """Each blocked Hindi phrase is refused with the phrase as written, the field, the
    reason, the rule it comes from and the suggested wording."""
    messages = refused(text)
    assert len(messages) == len(found)
    for label_start, matched in found.items():
        phrase = row(label_start)
        assert phrase.severity == Severity.BLOCK
        [message] = [m for m in messages if m.startswith(f"\u201c{matched}\u201d in tagline:")]
        assert f"{phrase.reason} ({phrase.rule}) Suggested wording: {phrase.suggestion}" in (
            message
        )


def test_rows_cite_indian_law_and_mirror_the_english_severities():
    """Every Hindi row cites the Act, the Drugs Rules or the consumer and advertising
    codes, and suggests Hindi wording; speed, clinical, safety and doctor claims warn as
    their English rows do, disease claims cite the Act's Schedule."""
    rows = list(RestrictedPhrase.objects.filter(phrase__regex="[\u0900-\u097f]"))
    assert len(rows) == 12
    for phrase in rows:
        assert any(law in phrase.rule for law in ("Act, 1954", "r. 170", "CCPA", "ASCI"))
        assert any("\u0900" <= c <= "\u097f" for c in phrase.suggestion)
    assert row(SPEED).severity == Severity.WARN
    assert "s. 3 and Schedule" in row(DISEASE_TREATED).rule
    assert "ss. 4 and 5" in row(MAGIC).rule
    assert "r. 170" in row(CURE).rule


# Each reads as a blocked Hindi phrase wherever it is shown.
TRICKS = {
    "nukta as one character": "डायबिटी\u095b का उपचार",
    "nukta as two": "डायबिटी\u091c\u093c का उपचार",
    "nukta left out": "जड से खत्म",
    "nukta added": "इलाज़",
    "chandrabindu for anusvara": "गारँटी",
    "zero-width joiner and non-joiner": "इ\u200dला\u200cज",
    "joiners in a conjunct": "चमत\u094d\u200dकारी",
    "zero-width space and soft hyphen": "स्था\u200bयी रा\u00adहत",
    "word joiner and BOM": "गा\u2060रं\ufeffटी",
    "stray mark on a Latin word": "These drops cure\u093c pain",
    "Devanagari digits": "\u0967\u0966\u0966% असरदार",
    "no-break space and line break": "कोई\u00a0साइड\nइफेक्ट नहीं",
    "hyphen": "रोग-मुक्त",
    "mixed with English": "Best drops, दर्द का permanent इलाज",
    "English words in Hindi": "कोई side effects नहीं",
    "plural": "सब इलाजों से बेहतर",
}
# Read as a blocked phrase once Markdown is rendered.
MARKDOWN_TRICKS = {
    "strong inside the word": "चम**त्कारी** असर",
    "emphasis round a word": "*स्थायी* राहत",
    "link splitting the phrase": "[जादुई](https://example.org) असर",
    "html comment in the word": "गारं<!-- -->टी",
    "heading": "## पक्का असर",
}


@pytest.mark.parametrize("text", TRICKS.values(), ids=TRICKS)
def test_tricks_do_not_get_a_hindi_claim_past(text):
    """Nukta, chandrabindu, joiners, invisible characters, digits, spacing and English
    mixed in: the phrase is still refused."""
    assert refused(text)


@pytest.mark.parametrize("text", MARKDOWN_TRICKS.values(), ids=MARKDOWN_TRICKS)
def test_markdown_does_not_get_a_hindi_claim_past(text):
    """In a Markdown field the phrase is refused as the shopper reads it, rendered."""
    assert refused(text, field="description")


# Ordinary health-guide Hindi: nothing to refuse or warn about.
INNOCENT = {
    "gentle exercise": "कमर दर्द में आराम के लिए हल्के व्यायाम",
    "see a doctor": "डॉक्टर से सलाह लें",
    "see a doctor at once": "दर्द बढ़े तो तुरंत डॉक्टर से संपर्क करें",
    "100% pure": "सौ प्रतिशत शुद्ध आयुर्वेदिक तेल",
    "a disease named": "कैंसर के मरीज़ इस्तेमाल से पहले डॉक्टर से पूछें",
    "relief from arthritis pain": "गठिया के दर्द से राहत के लिए हल्की कसरत",
    "made from the root": "अश्वगंधा की जड़ से बना",
    "if a side effect occurs": "कोई साइड इफेक्ट हो तो इस्तेमाल बंद करें",
    "to avoid side effects": "दुष्प्रभाव न हो, इसके लिए खुराक से अधिक न लें",
    "a longer word": "जादूगर",
    "the Hindi disclaimer": ("ये ड्रॉप्स किसी भी रोग के निदान, उपचार, इलाज या रोकथाम के लिए नहीं हैं।"),
}


@pytest.mark.parametrize("text", INNOCENT.values(), ids=INNOCENT)
def test_ordinary_hindi_is_not_flagged(text):
    """Health-guide Hindi, diseases named without a claim, and the disclaimer's wording
    (with इलाज in it) pass."""
    assert scan({"body": ("body", text)}) == []
    assert scan({"body": ("body", f"{text} और स्थायी इलाज")})  # the guard is on


def test_instant_relief_warns_as_in_english():
    """ "तुरंत आराम" saves, flagged for a claims reviewer, as "instant relief" does."""
    product = ProductFactory.build(tagline="तुरंत आराम देने वाली ड्रॉप्स")
    product.clean()
    [warning] = product.claims_warnings
    assert warning.matched == "तुरंत आराम" and warning.severity == Severity.WARN


def test_a_plain_staff_phrase_is_a_whole_hindi_word():
    """A phrase staff type matches whole Hindi words: not after a virama or before a vowel
    sign of a longer word, as Python's own word boundaries would."""
    RestrictedPhrase.objects.create(phrase="दर्द मुक्त", severity=Severity.BLOCK, reason="Cure.")
    RestrictedPhrase.objects.create(phrase="मुक्त", severity=Severity.WARN, reason="Cure.")
    assert {f.matched for f in scan({"t": ("t", "दर्द-मुक्त जीवन")})} == {"दर्द-मुक्त", "मुक्त"}
    assert scan({"t": ("t", "उन्मुक्त हँसी, दर्द से मुक्ति")}) == []


def test_findings_show_the_hindi_as_written():
    """The matched text keeps the writer's spelling, nukta and joiners included."""
    [finding] = scan({"t": ("t", "डायबिटी\u095b का प्राकृतिक उपचार")})
    assert finding.matched == "डायबिटी\u091c\u093c का प्राकृतिक उपचार"
    [finding] = scan({"t": ("t", "रामबाण औषधि")})
    assert finding.phrase_label.startswith(MAGIC)


# --- Through the doors ------------------------------------------------------------------
DOORS = [
    pytest.param("product", "tagline", "catalog_manager", id="product-tagline"),
    pytest.param("article", "summary", "content_editor", id="article-summary"),
]


def make_item(kind):
    if kind == "product":
        return ProductFactory(slug="drops", tagline="Herbal drops.")
    return ArticleFactory(slug="backs", summary="Live words.")


@pytest.mark.parametrize(("kind", "field", "role"), DOORS)
def test_api_refuses_a_hindi_claim(client_for, request, kind, field, role):
    """A PATCH with "दर्द का स्थायी इलाज" is a 400 naming the field and the phrase; the
    item is unchanged."""
    item = make_item(kind)
    api = client_for(request.getfixturevalue(role))
    response = api.patch(
        f"/api/v1/{kind}s/{item.slug}/", {field: "दर्द का स्थायी इलाज"}, format="json"
    )
    assert response.status_code == 400, response.json()
    messages = response.json()["errors"][field]
    assert any(m.startswith(f"\u201cस्थायी इलाज\u201d in {field}:") for m in messages)
    model = Product if kind == "product" else Article
    assert getattr(model.objects.get(pk=item.pk), field) == getattr(item, field)


@pytest.mark.parametrize(("kind", "field", "role"), DOORS)
def test_admin_form_refuses_a_hindi_claim_and_keeps_the_form(client, request, kind, field, role):
    """The change form is shown again with the error on the field and what was typed."""
    item = make_item(kind)
    client.force_login(request.getfixturevalue(role))
    url = reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])
    data = form_data(client.get(url), f"{item._meta.model_name}_form")
    data[field] = ["दर्द का स्थायी इलाज"]
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors[field]
    assert any("\u201cस्थायी इलाज\u201d in" in e and "r. 170" in e for e in errors)
    assert "दर्द का स्थायी इलाज".encode() in response.content
    assert getattr(type(item).objects.get(pk=item.pk), field) == getattr(item, field)
