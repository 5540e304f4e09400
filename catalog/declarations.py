"""The declarations Indian law asks a product listing to carry, and what is missing.

Legal Metrology (Packaged Commodities) Rules 2011, rule 6(10): an online listing shows
every rule 6(1) declaration except the date of manufacture (the maker's or packer's name
and address, the country of origin, the common or generic name, the net quantity, the
MRP inclusive of all taxes, the consumer care contact, the best-before date). Drugs and
Cosmetics Rules 1945, rule 161, for Ayurvedic medicines: the manufacturing licence
number, the words "Ayurvedic medicine", the ingredients with their quantities and the
part used, and "Caution: to be taken under medical supervision" (in English and Hindi)
where an ingredient is in Schedule E(1).

One function reads them (``declarations_for``: the product page, the API and the
structured data all print its result) and one says what is missing
(``missing_declarations``: publishing is refused while anything is). Brand-wide values
come from Site settings (``compliance.disclaimers.site_texts``) unless the product
names its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from catalog.models import RegulatoryCategory
from compliance.disclaimers import site_texts

CAUTION = "Caution: to be taken under medical supervision."
CAUTION_HI = "सावधानी: केवल चिकित्सक की देखरेख में लें।"

# The parties' roles as the product page names them in its language; ``Party.role``
# keeps the English, which the API gives and the checks compare.
ROLE_LABELS = {
    "Manufactured by": gettext_lazy("Manufactured by"),
    "Packed by": gettext_lazy("Packed by"),
    "Marketed by": gettext_lazy("Marketed by"),
}


@dataclass(frozen=True)
class Party:
    role: str  # "Manufactured by", "Packed by", "Marketed by"
    name: str
    address: str

    @property
    def label(self) -> str:
        """The role in the active language, for the product page."""
        return str(ROLE_LABELS.get(self.role, self.role))


@dataclass(frozen=True)
class Pack:
    net_quantity: str
    mrp: object  # Decimal
    price: object
    currency: str
    sku: str


@dataclass(frozen=True)
class Declarations:
    generic_name: str
    category: str  # the regulatory category's label, "" when not chosen
    ayurvedic: bool
    licence_number: str
    parties: list[Party]
    country_of_origin: str
    consumer_care_phone: str
    consumer_care_email: str
    consumer_care_address: str
    consumer_care_hours: str
    shelf_life_months: int | None
    packs: list[Pack]
    ingredients: list = field(default_factory=list)  # Ingredient rows, in label order
    cautions: list[tuple[str, str]] = field(default_factory=list)  # (text, language)

    @property
    def manufacturer(self) -> Party | None:
        return next((p for p in self.parties if p.role == "Manufactured by"), None)

    @property
    def consumer_care_tel(self) -> str:
        """The phone number as a tel: link wants it."""
        return "".join(c for c in self.consumer_care_phone if c.isdigit() or c == "+")

    @property
    def best_before(self) -> str:
        if not self.shelf_life_months:
            return ""
        months = self.shelf_life_months
        return f"{months} month{'s' if months != 1 else ''} from the date of manufacture"


def _own_or_brand(product, name: str, texts: dict) -> str:
    return (getattr(product, name, "") or "").strip() or (texts.get(name) or "").strip()


def declarations_for(product, variants, ingredients, texts: dict | None = None) -> Declarations:
    """What the product's listing declares, from its own values and the brand's."""
    texts = site_texts() if texts is None else texts
    maker_name = _own_or_brand(product, "manufacturer_name", texts)
    maker_address = _own_or_brand(product, "manufacturer_address", texts)
    if (product.manufacturer_name or "").strip():  # a maker of its own: its own address
        maker_address = (product.manufacturer_address or "").strip()
    marketer_name = _own_or_brand(product, "marketer_name", texts)
    marketer_address = (
        (product.marketer_address or "").strip()
        if (product.marketer_name or "").strip()
        else (texts.get("marketer_address") or "").strip()
    )
    parties = [Party("Manufactured by", maker_name, maker_address)]
    if (product.packer_name or "").strip():
        parties.append(Party("Packed by", product.packer_name.strip(), product.packer_address))
    if marketer_name and marketer_name != maker_name:
        parties.append(Party("Marketed by", marketer_name, marketer_address))
    category = product.regulatory_category or ""
    ingredients = list(ingredients)
    supervised = any(i.needs_medical_supervision for i in ingredients)
    return Declarations(
        generic_name=(product.generic_name or "").strip(),
        category=RegulatoryCategory(category).label if category else "",
        ayurvedic=category in RegulatoryCategory.ayurvedic(),
        licence_number=(product.licence_number or "").strip(),
        parties=parties,
        country_of_origin=_own_or_brand(product, "country_of_origin", texts),
        consumer_care_phone=(texts.get("consumer_care_phone") or "").strip(),
        consumer_care_email=(texts.get("consumer_care_email") or "").strip(),
        consumer_care_address=(texts.get("consumer_care_address") or "").strip()
        or (texts.get("manufacturer_address") or "").strip(),
        consumer_care_hours=(texts.get("consumer_care_hours") or "").strip(),
        shelf_life_months=product.shelf_life_months,
        packs=[
            Pack(v.pack_size, v.mrp, v.price, v.currency, v.sku) for v in variants if v.pack_size
        ],
        ingredients=ingredients,
        cautions=[(CAUTION, "en"), (CAUTION_HI, "hi")] if supervised else [],
    )


def missing_declarations(product, variants, ingredients, texts: dict | None = None) -> list[str]:
    """Each mandatory declaration the listing would lack, named as staff know it."""
    d = declarations_for(product, variants, ingredients, texts)
    missing = []
    if not d.generic_name:
        missing.append("the common or generic name")
    if not d.category:
        missing.append("the regulatory category")
    if not d.licence_number:
        missing.append("the manufacturing licence number")
    maker = d.manufacturer
    if not maker.name:
        missing.append("the manufacturer's name (on the product or in Site settings)")
    if not maker.address:
        missing.append("the manufacturer's address")
    for party in d.parties[1:]:
        if not party.address.strip():
            missing.append(f"the address of \u201c{party.name}\u201d ({party.role.lower()})")
    if not d.country_of_origin:
        missing.append("the country of origin")
    if not (d.consumer_care_phone or d.consumer_care_email):
        missing.append("a consumer care phone number or email (Site settings)")
    if not d.shelf_life_months:
        missing.append("the shelf life (best before)")
    for variant in variants:
        if variant.mrp is None:
            missing.append(f"the MRP of the {variant.pack_size or 'new'} pack")
    if not d.ingredients:
        missing.append("the ingredients with their quantities")
    elif d.ayurvedic:  # a plant (it has a botanical name) is declared with the part used
        lacking = [
            i.name
            for i in d.ingredients
            if (i.botanical_name or "").strip() and not (i.part_used or "").strip()
        ]
        if lacking:
            missing.append("the part used of " + ", ".join(f"\u201c{n}\u201d" for n in lacking))
    return missing


def brand_details_in_use(row) -> dict[str, list[str]]:
    """A Site settings row about to be saved may not take from live products a
    declaration they show from it (compliance.models.SITE_SETTINGS_CHECKS)."""
    from catalog.models import Product

    texts = site_texts(cached=False)
    proposed = {**texts, **{name: getattr(row, name) for name in type(row).brand_fields}}
    if all(
        str(proposed[name] or "").strip() == str(texts.get(name) or "").strip()
        for name in type(row).brand_fields
    ):
        return {}
    affected = []
    for product in Product.objects.published().prefetch_related("variants", "ingredients"):
        variants, ingredients = product.variants.all(), product.ingredients.all()
        before = set(missing_declarations(product, variants, ingredients, texts))
        after = missing_declarations(product, variants, ingredients, proposed)
        lost = [m for m in after if m not in before]
        if lost:
            affected.append((product, lost))
    if not affected:
        return {}
    names = ", ".join(f"\u201c{product}\u201d" for product, _ in affected[:3])
    more = f" and {len(affected) - 3} more" if len(affected) > 3 else ""
    lost = sorted({m for _, missing in affected for m in missing})
    return {
        "__all__": [
            f"Live products show these details from here: {names}{more} would lose "
            f"{'; '.join(lost)}. Fill them in, or give those products their own first."
        ]
    }
