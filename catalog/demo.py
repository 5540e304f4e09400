"""Demo catalog: the product lines, the four uses and five products, written from the
brand brief. Prices, pack sizes, SKUs (prefixed DEMO-) and ingredients are invented
for demonstration. ``manage.py load_demo`` creates what is missing and keeps what exists,
so staff's edits survive a restart; ``--reset`` writes the demo values back."""

import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from PIL import Image, ImageDraw, ImageFont

from catalog import demo_hindi as hindi
from catalog.models import (
    Ingredient,
    Offer,
    Product,
    ProductImage,
    ProductLine,
    UseCategory,
    Variant,
)
from compliance.models import PublicationStatus

DEMO_PUBLISHED_AT = datetime(2026, 1, 15, 10, 0, tzinfo=ZoneInfo("Asia/Kolkata"))

USE_COLOURS = {  # solid colours from the design tokens, for the bottle labels
    "teal": "#1D6A72",
    "rose": "#A23E5B",
    "indigo": "#4B4F9C",
    "ochre": "#7A5C12",
}

LINES = [
    {
        "slug": "paincare-dual-action-oral-drops",
        "name": "Bio-neuromodulation Paincare Dual-action advanced oral drops",
        "description": "A line of herbal oral drops in four formulations, each made for one "
        "everyday concern: sore muscles and joints, acne-prone skin, anxious moments and an "
        "unsettled stomach.",
    },
    {
        "slug": "ayurvedic-cbd-oil-drops",
        "name": "Ayurvedic CBD oil drops",
        "description": "Ayurvedic oil drops with cannabis leaf extract, for adults.",
    },
]

USES = [
    {
        "slug": "muscle-joint-pain",
        "name": "Muscle & joint pain",
        "colour": "teal",
        "short_intro": "Stiff back, sore shoulders, aching knees: herbal drops and simple "
        "movement advice for the aches that slow your day down.",
        "seo_title": "Herbal drops for muscle and joint pain",
        "seo_description": "Herbal oral drops and practical guides for sore muscles, stiff "
        "joints and back spasms.",
    },
    {
        "slug": "acne",
        "name": "Skin: acne",
        "colour": "rose",
        "short_intro": "Herbal drops taken by mouth, made to support clearer-looking, calmer "
        "skin alongside your usual skincare.",
        "seo_title": "Herbal drops for acne-prone skin",
        "seo_description": "Herbal oral drops that support clearer-looking skin, with advice "
        "on caring for acne-prone skin.",
    },
    {
        "slug": "anxiety-panic",
        "name": "Stress, anxiety & panic",
        "colour": "indigo",
        "short_intro": "For tense, anxious or panicky moments: calming herbs in drop form, and "
        "when to ask a professional for support.",
        "seo_title": "Herbal drops for stress, anxiety and panic",
        "seo_description": "Calming herbal oral drops for anxious moments, and guidance on "
        "when to seek support.",
    },
    {
        "slug": "digestive-comfort",
        "name": "Digestive comfort",
        "colour": "ochre",
        "short_intro": "Bloating, indigestion or an uncomfortable stomach after meals: herbs "
        "long used in Indian kitchens, in easy-to-take drops.",
        "seo_title": "Herbal drops for bloating and indigestion",
        "seo_description": "Herbal oral drops for bloating, indigestion and stomach "
        "discomfort after meals.",
    },
]

COMMON_WARNINGS = (
    "For adults. Do not use during pregnancy or while breastfeeding unless a doctor advises "
    "it. Tell your doctor if you take other medicines. Stop using the drops and seek advice "
    "if you notice any discomfort or allergic reaction. Keep out of the reach of children."
)

PRODUCTS = [
    {
        "slug": "muscle-joint-pain-drops",
        "ingredients": [
            ("Nirgundi", "Vitex negundo", "leaf", "100 mg per ml", False),
            ("Shallaki", "Boswellia serrata", "gum resin", "80 mg per ml", False),
            ("Ginger", "Zingiber officinale", "rhizome", "50 mg per ml", False),
            ("Turmeric", "Curcuma longa", "rhizome", "50 mg per ml", False),
            ("Purified water and glycerin", "", "", "to 1 ml", False),
        ],
        "mrp": "599.00",
        "line": "paincare-dual-action-oral-drops",
        "name": "Paincare Drops for Muscle & Joint Pain",
        "short_name": "Muscle & Joint",
        "alt_name": "muscle & joint drops",
        "uses": ["muscle-joint-pain"],
        "tagline": "Herbal dual-action drops for everyday muscle and joint aches.",
        "description": (
            "Aches in the back, neck, shoulders or knees are common, and most come from a "
            "minor strain rather than anything serious.\n\n"
            "These herbal oral drops are made to support comfort in tired, sore muscles and "
            "stiff joints, so that you can keep moving, which is itself one of the best "
            "things for recovery.\n\n"
            "## Why drops\n\n"
            "Drops are easy to measure and easy to take, on the tongue or in a little water, "
            "with no tablets to swallow."
        ),
        "key_ingredients": "Nirgundi (Vitex negundo)\nShallaki (Boswellia serrata)\n"
        "Ginger (Zingiber officinale)\nTurmeric (Curcuma longa)",
        "price": "549.00",
        "sku": "DEMO-MJ-30ML",
        "stock": 120,
        # The flagship also comes in a larger bottle: a product with several packs.
        "more_packs": [
            {
                "sku": "DEMO-MJ-60ML",
                "pack_size": "60 ml",
                "price": "949.00",
                "mrp": "1049.00",
                "stock": 60,
            }
        ],
    },
    {
        "slug": "acne-free-face-drops",
        "ingredients": [
            ("Neem", "Azadirachta indica", "leaf", "80 mg per ml", False),
            ("Manjistha", "Rubia cordifolia", "root", "80 mg per ml", False),
            ("Turmeric", "Curcuma longa", "rhizome", "50 mg per ml", False),
            ("Aloe vera", "Aloe barbadensis", "leaf pulp", "50 mg per ml", False),
            ("Purified water and glycerin", "", "", "to 1 ml", False),
        ],
        "mrp": "499.00",
        "line": "paincare-dual-action-oral-drops",
        "name": "Paincare Drops for Acne-Free Face",
        "short_name": "Clear Skin",
        "alt_name": "acne drops",
        "uses": ["acne"],
        "tagline": "Herbal drops that support clearer-looking skin from within.",
        "description": (
            "Breakouts have many causes, from hormones to stress to the weather. These herbal "
            "oral drops bring together plants traditionally used in Ayurveda for skin care, "
            "to support clearer-looking skin alongside a gentle skincare routine.\n\n"
            "Give them a few weeks: skin renews itself slowly."
        ),
        "key_ingredients": "Neem (Azadirachta indica)\nManjistha (Rubia cordifolia)\n"
        "Turmeric (Curcuma longa)\nAloe vera",
        "price": "499.00",
        "sku": "DEMO-AC-30ML",
        "stock": 80,
    },
    {
        "slug": "anxiety-fear-panic-drops",
        "ingredients": [
            ("Brahmi", "Bacopa monnieri", "whole plant", "100 mg per ml", False),
            ("Ashwagandha", "Withania somnifera", "root", "100 mg per ml", False),
            ("Jatamansi", "Nardostachys jatamansi", "rhizome", "50 mg per ml", False),
            ("Shankhpushpi", "Convolvulus pluricaulis", "whole plant", "50 mg per ml", False),
            ("Purified water and glycerin", "", "", "to 1 ml", False),
        ],
        "mrp": "599.00",
        "line": "paincare-dual-action-oral-drops",
        "name": "Paincare Drops for Anxiety, Fear or Panic",
        "short_name": "Calm",
        "alt_name": "anxiety and panic drops",
        "uses": ["anxiety-panic"],
        "tagline": "Calming herbal drops for tense and anxious moments.",
        "description": (
            "Everyone feels anxious sometimes. These herbal oral drops combine plants used in "
            "Ayurveda to support a calmer mind during stressful days.\n\n"
            "If anxiety or panic attacks are frequent, or get in the way of daily life, talk "
            "to a doctor or a mental health professional: effective support is available."
        ),
        "key_ingredients": "Brahmi (Bacopa monnieri)\nAshwagandha (Withania somnifera)\n"
        "Jatamansi (Nardostachys jatamansi)\nShankhpushpi (Convolvulus pluricaulis)",
        "price": "549.00",
        "sku": "DEMO-AX-30ML",
        "stock": 60,
    },
    {
        "slug": "bloating-indigestion-drops",
        "ingredients": [
            ("Ajwain", "Trachyspermum ammi", "fruit", "60 mg per ml", False),
            ("Fennel", "Foeniculum vulgare", "fruit", "60 mg per ml", False),
            ("Mint", "Mentha arvensis", "leaf", "40 mg per ml", False),
            ("Ginger", "Zingiber officinale", "rhizome", "40 mg per ml", False),
            ("Purified water and glycerin", "", "", "to 1 ml", False),
        ],
        "mrp": "449.00",
        "line": "paincare-dual-action-oral-drops",
        "name": "Paincare Drops for Bloating, Indigestion & Stomach Pain",
        "short_name": "Digest",
        "alt_name": "digestive comfort drops",
        "uses": ["digestive-comfort"],
        "tagline": "Herbal drops for a comfortable stomach after meals.",
        "description": (
            "Bloating, a heavy feeling after food and indigestion are common and usually "
            "short-lived. These herbal oral drops use spices long valued in Indian kitchens "
            "to support comfortable digestion.\n\n"
            "See a doctor if stomach pain is severe, keeps coming back, or comes with weight "
            "loss, vomiting or blood."
        ),
        "key_ingredients": "Ajwain (Trachyspermum ammi)\nFennel (Foeniculum vulgare)\n"
        "Mint (Mentha arvensis)\nGinger (Zingiber officinale)",
        "price": "449.00",
        "sku": "DEMO-DG-30ML",
        "stock": 150,
    },
    {
        "slug": "muscle-pain-ayurvedic-cbd-drops",
        "ingredients": [
            ("Vijaya (cannabis leaf extract)", "Cannabis sativa", "leaf", "10 mg per ml", True),
            ("Shallaki", "Boswellia serrata", "gum resin", "50 mg per ml", False),
            ("Hemp seed oil", "Cannabis sativa", "seed oil", "to 1 ml", False),
        ],
        "mrp": "1499.00",
        "line": "ayurvedic-cbd-oil-drops",
        "name": "Muscle Pain Ayurvedic CBD Oil Drops",
        "short_name": "CBD Muscle",
        "alt_name": "CBD muscle pain oil drops",
        "uses": ["muscle-joint-pain"],
        "tagline": "Ayurvedic CBD oil drops for comfort when muscles seize up.",
        "description": (
            "An Ayurvedic oil with cannabis leaf extract, made for adults looking for comfort "
            "from muscle and joint pain, such as a sudden back spasm.\n\n"
            "Sold only to adults aged 18 and over, and only where such products are permitted."
        ),
        "key_ingredients": "Cannabis leaf extract (Vijaya)\nShallaki (Boswellia serrata)\n"
        "Hemp seed oil",
        "price": "1299.00",
        "sku": "DEMO-CBD-30ML",
        "stock": 40,
        "second_band": "#1F2A24",
    },
]

DIRECTIONS = (
    "Shake well. Adults: 10 to 15 drops on the tongue or in a little water, up to three "
    "times a day, or as your doctor advises. Do not exceed the stated dose."
)
CBD_DIRECTIONS = (
    "Shake well. Adults only: 5 drops under the tongue, hold for a minute, then swallow; up "
    "to twice a day. Start low and do not exceed the stated dose. Do not drive or operate "
    "machinery if you feel drowsy."
)


# The brand's statutory details in Site settings, and each product's declarations: the
# licence numbers (DEMO-...), the company and its addresses are invented, marked "demo".
BRAND = {
    "manufacturer_name": "Demo Herbal Laboratories Pvt. Ltd. (demo)",
    "manufacturer_address": "Demo address: Plot 12, Example Industrial Area, Phase 2\n"
    "Bengaluru 560099, Karnataka, India",
    "marketer_name": "",
    "marketer_address": "",
    "country_of_origin": "India",
    "consumer_care_phone": "+91 80 0000 0000",
    "consumer_care_email": "care@example.com",
    "consumer_care_address": "",
    "consumer_care_hours": "Monday to Saturday, 10:00 to 18:00 IST (demo)",
    "grievance_officer_name": "A. Example (demo)",
    "grievance_officer_designation": "Grievance Officer",
    "grievance_officer_email": "grievance@example.com",
    "grievance_officer_phone": "+91 80 0000 0001",
    # The demo shop's returns page: unopened packs within 7 days, picked up free.
    "return_policy": "within_days",
    "return_days": 7,
    "return_fees": "free",
}
DECLARATIONS = {
    "generic_name": "Herbal oral drops",
    "regulatory_category": "ayurvedic_proprietary",
    "shelf_life_months": 24,
}


DEMO_APPROVAL = {"approved_by": None, "approved_at": DEMO_PUBLISHED_AT, "claims_signed_off": []}


@dataclass
class Report:
    """What a load wrote (items by kind) and what it had to leave out, with the reason."""

    written: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    @contextmanager
    def item(self, kind: str, key: str):
        """One demo item with its rows, in a savepoint: when staff's data stands in its way
        (a name or SKU already taken), the item is left out and reported, the rest loads."""
        self.written.setdefault(kind, 0)
        try:
            with transaction.atomic():
                yield
        except ValidationError as exc:
            self.skipped.append(f"{kind.removesuffix('s')} {key}: {' '.join(exc.messages)}")

    def wrote(self, kind: str, did: bool) -> None:
        self.written[kind] += did


def put(model, lookup: dict, values: dict, *, reset: bool = False) -> tuple[Any, str]:
    """The demo row with the natural key ``lookup``, and what was done: "created",
    "restored" or "" (nothing).

    A missing row is created from ``values``. An existing one is left exactly as it is
    (staff may have edited it), unless ``reset`` asks for the demo values back; even then
    it is saved only where something differs, so a repeat adds no history."""
    obj = model._default_manager.filter(**lookup).first()
    done = "created"
    if obj is None:
        obj = model(**lookup, **values)
    else:
        changed = [key for key, value in values.items() if getattr(obj, key) != value]
        if not (reset and changed):
            return obj, ""
        for key in changed:
            setattr(obj, key, values[key])
        done = "restored"
    obj.full_clean()
    obj.save()
    return obj, done


def new_content_version(item) -> None:
    """A reset rewrote live content outside the workflow: forms and revisions based on
    the version before it are refused as stale, as after any approved change."""
    type(item)._default_manager.filter(pk=item.pk).update(content_version=F("content_version") + 1)


def draw_bottle(label: str, colour: str, second_band: str | None = None) -> bytes:
    """A 1200 x 1200 PNG of an amber dropper bottle with a coloured label band."""
    size = 1200
    image = Image.new("RGB", (size, size), "#FBFAF6")
    draw = ImageDraw.Draw(image)
    amber, cap = "#8A5A12", "#2B2B2B"
    draw.rounded_rectangle((520, 150, 680, 330), radius=40, fill=cap)  # teat
    draw.rectangle((470, 320, 730, 420), fill=cap)  # cap
    draw.rectangle((540, 420, 660, 470), fill=amber)  # neck
    draw.rounded_rectangle((380, 460, 820, 1070), radius=70, fill=amber)  # body
    draw.rectangle((380, 640, 820, 880), fill=colour)  # label band
    if second_band:
        draw.rectangle((380, 880, 820, 920), fill=second_band)
    draw.rounded_rectangle((430, 500, 470, 620), radius=20, fill="#A87426")  # glass light
    font = ImageFont.load_default(size=52)
    small = ImageFont.load_default(size=30)
    draw.text((600, 735), label, fill="white", font=font, anchor="mm")
    draw.text((600, 810), "herbal oral drops  ·  30 ml", fill="white", font=small, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def load_catalog(report: Report, *, reset: bool = False) -> None:
    """The brand's details, lines, uses, and products with their pack, ingredients, uses
    and bottle image. Without ``reset`` only missing items are created, each with its
    rows; an existing product keeps its rows as they are (rows added to a live item
    would bypass review)."""
    load_brand(report, reset=reset)
    lines = {}
    for data in LINES:
        with report.item("product lines", data["slug"]):
            values = {"name": data["name"], "description": data["description"], **DEMO_APPROVAL}
            values.update(hindi.LINES.get(data["slug"], {}))
            line, done = put(ProductLine, {"slug": data["slug"]}, values, reset=reset)
            lines[line.slug] = line
            if done == "restored":
                new_content_version(line)
            report.wrote("product lines", bool(done))
    uses = {}
    for position, data in enumerate(USES, start=1):
        with report.item("uses", data["slug"]):
            values = {k: v for k, v in data.items() if k != "slug"}
            values.update(position=position, **DEMO_APPROVAL, **hindi.USES.get(data["slug"], {}))
            use, done = put(UseCategory, {"slug": data["slug"]}, values, reset=reset)
            uses[use.slug] = use
            if done == "restored":
                new_content_version(use)
            report.wrote("uses", bool(done))
    for position, data in enumerate(PRODUCTS, start=1):  # the flagship first
        with report.item("products", data["slug"]):
            data = {**data, "position": position}
            report.wrote("products", load_product(data, lines, uses, reset=reset))


def load_product(data: dict, lines: dict, uses: dict, *, reset: bool) -> bool:
    if not reset and Product.objects.filter(slug=data["slug"]).exists():
        return False
    missing = [slug for slug in [data["line"], *data["uses"]] if slug not in {**lines, **uses}]
    if missing:
        raise ValidationError(f"{', '.join(missing)} could not be loaded.")
    primary = uses[data["uses"][0]]
    is_cbd = data["slug"] == "muscle-pain-ayurvedic-cbd-drops"  # the age-restricted one
    cbd_warning = " Contains cannabis leaf extract: adults aged 18 and over only."
    product, done = put(
        Product,
        {"slug": data["slug"]},
        {
            "name": data["name"],
            "line": lines[data["line"]],
            "primary_use": primary,
            "tagline": data["tagline"],
            "description": data["description"],
            "key_ingredients": data["key_ingredients"],
            "directions": CBD_DIRECTIONS if is_cbd else DIRECTIONS,
            "warnings": COMMON_WARNINGS + (cbd_warning if is_cbd else ""),
            "disclaimer_override": "",
            "age_restricted": is_cbd,
            "position": data["position"],
            "status": PublicationStatus.PUBLISHED,
            "published_at": DEMO_PUBLISHED_AT,
            "seo_title": data["name"][:70],
            "seo_description": data["tagline"],
            **DECLARATIONS,
            "generic_name": "Ayurvedic oil drops" if is_cbd else DECLARATIONS["generic_name"],
            "licence_number": f"DEMO-AYU-{data['sku'].split('-')[1]}-2026",
            **DEMO_APPROVAL,
            **hindi.PRODUCTS.get(data["slug"], {}),
        },
        reset=reset,
    )
    created, did = done == "created", bool(done)
    wanted_uses = {uses[slug].pk for slug in data["uses"]}
    if set(product.use_categories.values_list("pk", flat=True)) != wanted_uses:
        product.use_categories.set(wanted_uses)
        did = True
    packs = [
        {
            "sku": data["sku"],
            "pack_size": "30 ml",
            "price": data["price"],
            "mrp": data["mrp"],
            "stock": data["stock"],
        },
        *data.get("more_packs", []),
    ]
    for position, pack in enumerate(packs, start=1):
        variant, done = put(
            Variant,
            {"sku": pack["sku"]},
            {
                "product": product,
                "pack_size": pack["pack_size"],
                "price": Decimal(pack["price"]),
                "currency": "INR",
                "compare_at_price": None,
                "mrp": Decimal(pack["mrp"]),
                "gtin": "",
                "stock_quantity": pack["stock"],
                "availability": Variant.Availability.IN_STOCK,
                "position": position,
            },
            reset=reset,
        )
        if variant.product_id != product.pk:  # without reset: staff gave it to another product
            raise ValidationError(
                f"its SKU {pack['sku']} belongs to \u201c{variant.product}\u201d."
            )
        did |= bool(done)
        did |= load_offers(product, variant, reset=reset or created)
    did |= load_ingredients(product, data, reset=reset or created)
    did |= load_bottle(product, data, primary)
    if did and not created:
        new_content_version(product)
    return did


def load_ingredients(product: Product, data: dict, *, reset: bool) -> bool:
    """The label's ingredient rows, written when the product is new or on reset (then
    only where they differ from the demo's)."""
    wanted = [
        {
            "name": name,
            "botanical_name": botanical,
            "part_used": part,
            "quantity": quantity,
            "needs_medical_supervision": supervised,
            "position": position,
        }
        for position, (name, botanical, part, quantity, supervised) in enumerate(
            data["ingredients"], start=1
        )
    ]
    fields = list(wanted[0])
    have = list(product.ingredients.order_by("position", "pk").values(*fields))
    if not reset or have == wanted:
        return False
    product.ingredients.all().delete()
    for values in wanted:
        ingredient = Ingredient(product=product, **values)
        ingredient.full_clean()
        ingredient.save()
    return True


# Where to buy, on example.com addresses: a demo shop's cart link for every pack, and a
# demo marketplace for the drops without an age restriction.
DEMO_SHOP = "https://shop.example.com/cart/add?sku={sku}"
DEMO_MARKETPLACE = ("Example Marketplace (demo)", "https://marketplace.example.com/p/{sku}")


def load_offers(product: Product, variant: Variant, *, reset: bool) -> bool:
    """The pack's where-to-buy links, written when the product is new or on reset."""
    wanted = [{"kind": Offer.Kind.SHOP, "retailer": "", "url": DEMO_SHOP.format(sku=variant.sku)}]
    if not product.age_restricted:
        name, url = DEMO_MARKETPLACE
        wanted.append(
            {"kind": Offer.Kind.MARKETPLACE, "retailer": name, "url": url.format(sku=variant.sku)}
        )
    have = list(variant.offers.order_by("position", "pk").values("kind", "retailer", "url"))
    if not reset or have == wanted:
        return False
    variant.offers.all().delete()
    for position, values in enumerate(wanted, start=1):
        offer = Offer(product=product, variant=variant, position=position, **values)
        offer.full_clean()
        offer.save()
    return True


def load_brand(report: Report, *, reset: bool) -> None:
    """The brand's details in Site settings: empty ones are filled; with ``reset`` the
    demo's are written back."""
    from compliance.disclaimers import forget_site_texts
    from compliance.models import SiteSettings

    with report.item("site settings", "brand"):
        row, _ = SiteSettings.objects.get_or_create(pk=1)
        brand = {**BRAND, **hindi.SITE_TEXTS}
        changed = [
            name
            for name, value in brand.items()
            if getattr(row, name) != value and (reset or not getattr(row, name))
        ]
        for name in changed:
            setattr(row, name, brand[name])
        if changed:
            row.full_clean()
            row.save()
            transaction.on_commit(forget_site_texts)
        report.wrote("site settings", bool(changed))


def load_bottle(product: Product, data: dict, use: UseCategory) -> bool:
    """The product's bottle image, found by its alt text: created when missing, made
    again when its file is not the demo's, shown first unless staff chose another image."""
    alt = f"30 ml amber dropper bottle of the {data['alt_name']}"
    png = draw_bottle(data["short_name"], USE_COLOURS[use.colour], data.get("second_band"))
    is_main = not product.images.filter(is_main=True).exclude(alt_text=alt).exists()
    image = product.images.filter(alt_text=alt).first()
    if image is not None:
        try:
            with default_storage.open(image.image.name, "rb") as stored:
                same_file = stored.read() == png
        except OSError:
            same_file = False
        if same_file:
            values = {"is_main": is_main, "position": 1}
            return bool(put(ProductImage, {"pk": image.pk}, values, reset=True)[1])
        image.delete()
    ProductImage.objects.create(
        product=product,
        image=ContentFile(png, name=f"{data['slug']}.png"),
        alt_text=alt,
        alt_text_hi=next(iter(hindi.IMAGE_ALTS.get(data["slug"], [])), ""),
        is_main=is_main,
        position=1,
    )
    return True
