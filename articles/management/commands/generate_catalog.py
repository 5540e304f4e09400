"""A large, realistic catalog on top of the demo data, for measuring the site at scale.

Generated rows are marked by a prefix (slugs ``gen-...``, SKUs ``GEN-...``) so that
``--clear`` removes exactly them. Rows are written with ``bulk_create``, which skips
``save()``: the HTML and search vectors a save would make are made here, and every
generated image row points at the demo bottle image (and its renditions) of its primary
use.
"""

import random
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.test.utils import override_settings
from django.utils.text import slugify

from articles.models import Article, ArticleProduct, Exercise
from catalog.models import Ingredient, Product, ProductImage, ProductLine, UseCategory, Variant
from compliance.models import PublicationStatus
from core.markdown import render_markdown
from core.search import refresh_search_vectors

SLUG_PREFIX = "gen-"
SKU_PREFIX = "GEN-"
BATCH = 1000
EARLIEST = datetime(2024, 1, 1, 9, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
LATEST = datetime(2026, 10, 31, 18, 0, tzinfo=ZoneInfo("Asia/Kolkata"))

# Per use: herbs, what the drops are for, title topics and exercises. Uses without an
# entry (added by staff) borrow the generic one.
TEXTS = {
    "muscle-joint-pain": {
        "word": "Muscle & Joint",
        "herbs": ["Nirgundi", "Shallaki", "Ginger", "Turmeric", "Guggul", "Rasna", "Ashwagandha"],
        "for": "tired muscles and stiff joints",
        "topics": [
            "a stiff neck after desk work",
            "sore calves after running",
            "tight shoulders",
            "knee stiffness on the stairs",
            "an aching back after gardening",
            "sore muscles after the gym",
            "stiff hips after long drives",
            "a tense upper back",
            "wrist strain from typing",
            "aching feet after a long day",
        ],
    },
    "acne": {
        "word": "Clear Skin",
        "herbs": ["Neem", "Manjistha", "Turmeric", "Guduchi", "Amla", "Sariva"],
        "for": "clearer-looking, calmer skin",
        "topics": [
            "breakouts before exams",
            "oily skin in the monsoon",
            "skin after a change of diet",
            "a skincare routine for teenagers",
            "sleep, stress and your skin",
            "sweat and skin after exercise",
            "choosing a gentle cleanser",
        ],
    },
    "anxiety-panic": {
        "word": "Calm",
        "herbs": ["Brahmi", "Ashwagandha", "Jatamansi", "Shankhpushpi", "Tulsi", "Chamomile"],
        "for": "calm in tense and anxious moments",
        "topics": [
            "nerves before a presentation",
            "a racing mind at bedtime",
            "tension on the commute",
            "worry during exam season",
            "a busy week at work",
            "feeling on edge after news",
            "settling down after a long day",
        ],
    },
    "digestive-comfort": {
        "word": "Digest",
        "herbs": ["Ajwain", "Fennel", "Mint", "Ginger", "Hing", "Jeera", "Triphala"],
        "for": "a comfortable stomach after meals",
        "topics": [
            "bloating after festive meals",
            "a heavy feeling after dinner",
            "eating late at night",
            "travel and an unsettled stomach",
            "spicy food and indigestion",
            "eating too fast",
            "a comfortable stomach on busy days",
        ],
    },
}
GENERIC = {
    "word": "Daily",
    "herbs": ["Tulsi", "Ginger", "Turmeric", "Amla", "Ashwagandha"],
    "for": "everyday comfort",
    "topics": ["a busy week", "changing seasons", "long days at a desk", "travel"],
}
QUALIFIERS = ["Daily", "Night", "Active", "Gentle", "Classic", "Travel", "Forte", "Family"]
PACK_SIZES = [("10 ml", 10, Decimal("199.00")), ("30 ml", 30, Decimal("449.00")),
              ("60 ml", 60, Decimal("799.00"))]  # fmt: skip
DESCRIPTION_OPENINGS = [
    "These herbal oral drops bring together {herbs}, herbs long used in Ayurveda, to "
    "support {purpose}.",
    "Made with {herbs}, these drops are an easy way to support {purpose} as part of your day.",
    "A blend of {herbs} in drop form, made for {purpose}.",
]
DESCRIPTION_MIDDLES = [
    "## Why drops\n\nDrops are easy to measure and easy to take, on the tongue or in a "
    "little water, with no tablets to swallow.",
    "## How to use them\n\nTake them at the same times each day, and keep to the dose on "
    "the pack. Many people keep a bottle at work and one at home.",
    "## What is inside\n\n- Herbal extracts in a measured dose\n- No added sugar\n"
    "- An amber glass bottle that keeps out the light",
]
DESCRIPTION_ENDINGS = [
    "Results vary from person to person. If symptoms persist or get worse, talk to a doctor.",
    "Herbal products suit some people better than others. Ask a doctor or pharmacist if "
    "you take other medicines.",
    "Store below 25 °C, away from direct sunlight, and use within six months of opening.",
]
TITLES = [
    "{Topic}: what helps, and when to see a doctor",
    "Easing {topic}: {n} simple steps",
    "A week-long routine for {topic}",
    "{Topic}: a practical guide",
    "Small daily habits for {topic}",
]
SECTIONS = [
    "## Why it happens\n\nMost of the time {topic} comes from everyday strain, habits or "
    "stress rather than anything serious, and it settles within days.",
    "## What you can do today\n\nSmall changes add up: regular breaks, enough water, a "
    "steady sleep routine and a little movement each day.",
    "## Keep a simple diary\n\nNote when it starts, what you were doing and what helped. "
    "Patterns are easier to spot on paper, and a diary helps if you see a doctor.",
    "## Movement helps\n\nGentle, regular movement is one of the most useful things you "
    "can do. Start small and add a little more each week.",
    "## Food and drink\n\nRegular meals, plenty of water and less caffeine late in the "
    "day help many people feel better.",
    "## Herbal support\n\nSome people add herbal drops made for {purpose} to their "
    "routine. They are not a replacement for medical advice.",
    "## When to see a doctor\n\nSee a doctor if it is severe, keeps coming back, wakes "
    "you at night, or comes with a fever, weight loss or numbness.",
    "## Rest and recovery\n\nGood sleep gives the body time to recover. A regular "
    "bedtime and a dark, cool room help.",
]
EXERCISES = [
    ("Knee-to-chest stretch", "Lie on your back with your knees bent. Bring one knee "
     "towards your chest, hold for 20 seconds, then switch sides.",
     "Loosens the lower back and the hips.", None, None, "morning and evening"),
    ("Shoulder rolls", "Sit tall and roll both shoulders up, back and down in a slow "
     "circle, then reverse the direction.", "Eases tension in the neck and shoulders.",
     5, 15, "a day"),
    ("Calf stretch", "Stand facing a wall with one foot back, heel down, and lean "
     "forward until you feel a stretch in the calf. Hold, then switch sides.",
     "Keeps the calves supple.", 3, 6, "twice a day"),
    ("Box breathing", "Breathe in for a count of four, hold for four, breathe out for "
     "four and hold for four. Repeat at an easy pace.", "Slows the breath and settles "
     "the mind.", 4, 10, "whenever you feel tense"),
    ("Progressive muscle relaxation", "Tighten the muscles of your feet for five "
     "seconds, then let go. Work upwards through the legs, stomach, hands, arms, "
     "shoulders and face.", "Releases tension held in the body.", None, None,
     "once before bed"),
    ("After-meal walk", "Walk at an easy pace for ten to fifteen minutes after your main "
     "meal.", "Supports comfortable digestion.", None, None, "after lunch and dinner"),
    ("Seated twist", "Sit tall on a chair, turn gently to one side with a hand on the "
     "backrest, hold for a few breaths, then turn to the other side.",
     "Keeps the spine flexible.", 3, 6, "twice a day"),
    ("Cat stretch", "On all fours, round your back up towards the ceiling, then slowly "
     "let it sag while lifting your head.", "Keeps the spine flexible.", 3, 8,
     "twice a day"),
    ("Cooling breath", "Sit comfortably, breathe in slowly through pursed lips and out "
     "through the nose.", "A quiet moment that helps you unwind.", 5, 10, "a day"),
    ("Neck side stretch", "Sit tall and let one ear drop towards the shoulder. Hold for "
     "15 seconds, then switch sides.", "Eases a stiff neck.", 2, 5, "a day"),
]  # fmt: skip
SAFETY_NOTES = ["Move slowly and stop if it hurts.", "Only go as far as is comfortable.", ""]
LINK_NOTES = [
    "Everyday herbal support.", "Easy to keep in a bag.", "A gentle option to try.",
    "Often chosen alongside the routine above.", "",
]  # fmt: skip
AUTHORS = ["Paincare editorial team", "Meera Iyer", "Rohan Kapoor", "Anita Desai"]
REVIEWERS = [
    ("Dr. Kavita Rao (demo reviewer)", "BAMS, MD (Ayurveda)"),
    ("Dr. Arjun Nair (demo reviewer)", "MBBS, MD"),
    ("Dr. Farah Khan (demo reviewer)", "BPT, MPT (Physiotherapy)"),
]


@lru_cache(maxsize=4096)
def rendered(markdown_text: str) -> str:
    """Generated texts repeat their parts: each distinct text is rendered once."""
    return render_markdown(markdown_text)


def render_blocks(blocks: list[str]) -> tuple[str, str]:
    """Markdown joined from blank-line-separated blocks, and its HTML rendered block by
    block (the same HTML as rendering the whole, for these plain blocks)."""
    return "\n\n".join(blocks), "\n".join(rendered(block) for block in blocks)


def texts_for(use: UseCategory) -> dict:
    return TEXTS.get(use.slug, GENERIC)


def random_moment(rng: random.Random) -> datetime:
    span = int((LATEST - EARLIEST).total_seconds())
    return EARLIEST + timedelta(seconds=rng.randrange(span))


def generated_index(slug: str) -> int:
    """The running number in a generated slug: "gen-00042-..." -> 42."""
    try:
        return int(slug[len(SLUG_PREFIX) :].split("-", 1)[0].lstrip("a"))
    except ValueError:
        return 0


class Command(BaseCommand):
    help = (
        "Generate a large catalog on top of the demo data (run load_demo first): products "
        "over the existing uses and lines, each with 1-3 variants (SKUs GEN-...) and an "
        "image, and health articles with 2-5 exercises, each linked to several generated "
        "products at random (seeded). Slugs start with gen-. The numbers are totals: run "
        "again and it tops up to them, adding only what is missing (nothing, with the same "
        "numbers). --clear removes every generated row and adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=10_000, help="Total wanted.")
        parser.add_argument("--articles", type=int, default=2_000, help="Total wanted.")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random choices.")
        parser.add_argument(
            "--clear", action="store_true", help="Remove the generated rows, and stop."
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["clear"]:
            counts = self.clear()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Removed {counts['products']} generated products and "
                    f"{counts['articles']} generated articles "
                    f"({time.perf_counter() - started:.1f} s)."
                )
            )
            return
        if options["products"] < 0 or options["articles"] < 0:
            raise CommandError("--products and --articles cannot be negative.")
        uses = list(UseCategory.objects.order_by("position", "pk"))
        lines = list(ProductLine.objects.order_by("pk"))
        if not uses or not lines:
            raise CommandError("No uses or product lines: run `manage.py load_demo` first.")
        images = self.demo_images(uses)
        if not images:
            raise CommandError("No demo product image to reuse: run `manage.py load_demo` first.")
        with transaction.atomic():
            products = self.top_up_products(
                options["products"], options["seed"], uses, lines, images
            )
            articles = self.top_up_articles(options["articles"], options["seed"], uses)
        if connection.vendor == "postgresql":
            # After a bulk load, what autovacuum would do a while later: fresh planner
            # statistics (plans made for 10 rows are slow on 10,000) and the visibility
            # map that lets counts be read from an index alone.
            # VACUUM cannot run in a transaction (a caller's, as in tests): ANALYZE can.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {products} products and {articles} articles "
                f"({time.perf_counter() - started:.1f} s); "
                f"{Product.objects.filter(slug__startswith=SLUG_PREFIX).count()} generated "
                f"products and {Article.objects.filter(slug__startswith=SLUG_PREFIX).count()} "
                "generated articles in all."
            )
        )

    def clear(self) -> dict[str, int]:
        products = Product.objects.filter(slug__startswith=SLUG_PREFIX)
        articles = Article.objects.filter(slug__startswith=SLUG_PREFIX)
        counts = {"products": products.count(), "articles": articles.count()}
        with transaction.atomic():
            # The image rows share the demo image's renditions: detach them first, or the
            # post_delete signal would delete the demo's files with them.
            ProductImage.objects.filter(product__in=products).update(
                renditions=[], renditions_source=""
            )
            # Generated rows were written without history; deleting them writes none.
            with override_settings(SIMPLE_HISTORY_ENABLED=False):
                articles.delete()
                Variant.objects.filter(sku__startswith=SKU_PREFIX).delete()
                products.delete()
        return counts

    def demo_images(self, uses: list[UseCategory]) -> dict:
        """The first image of a non-generated product for each use, and a fallback."""
        images = {}
        for image in (
            ProductImage.objects.exclude(product__slug__startswith=SLUG_PREFIX)
            .exclude(renditions=[])
            .select_related("product")
            .order_by("product__pk", "position", "pk")
        ):
            images.setdefault(image.product.primary_use_id, image)
            images.setdefault(None, image)
        return images

    def top_up_products(self, wanted, seed, uses, lines, images) -> int:
        existing = list(
            Product.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
        )
        missing = wanted - len(existing)
        if missing <= 0:
            return 0
        first = max((generated_index(slug) for slug in existing), default=0) + 1
        rng = random.Random(f"products:{seed}:{first}")
        # After every existing product in the shop's order (bulk_create skips save()).
        last_position = Product.objects.aggregate(last=Max("position"))["last"] or 0
        new, extra_uses = [], []
        for number in range(first, first + missing):
            use = uses[(number - 1) % len(uses)]
            words = texts_for(use)
            herbs = rng.sample(words["herbs"], 2)
            line = rng.choice(lines)
            name = f"{herbs[0]} & {herbs[1]} {rng.choice(QUALIFIERS)} {words['word']} Drops"
            description, description_html = render_blocks(
                [
                    rng.choice(DESCRIPTION_OPENINGS).format(
                        herbs=f"{herbs[0].lower()} and {herbs[1].lower()}",
                        purpose=words["for"],
                    ),
                    rng.choice(DESCRIPTION_MIDDLES),
                    rng.choice(DESCRIPTION_ENDINGS),
                ]
            )
            cbd = "cbd" in line.slug
            new.append(
                Product(
                    name=name,
                    slug=f"{SLUG_PREFIX}{number:05d}-{slugify(name)}"[:200],
                    line=line,
                    primary_use=use,
                    tagline=f"Herbal drops with {herbs[0].lower()} for {words['for']}.",
                    description=description,
                    description_html=description_html,
                    key_ingredients="\n".join(herbs),
                    directions="Shake well. Adults: 10 to 15 drops in a little water, up to "
                    "three times a day. Do not exceed the stated dose.",
                    warnings="For adults. Ask a doctor before use if you are pregnant, "
                    "breastfeeding or take other medicines. Keep out of the reach of children."
                    + (" Adults aged 18 and over only." if cbd else ""),
                    age_restricted=cbd,
                    generic_name="Ayurvedic oil drops" if cbd else "Herbal oral drops",
                    regulatory_category="ayurvedic_proprietary",
                    licence_number=f"GEN-AYU-{number:05d}",
                    shelf_life_months=24,
                    status=PublicationStatus.PUBLISHED,
                    published_at=random_moment(rng),
                    position=last_position + len(new) + 1,
                )
            )
            extra_uses.append(rng.choice(uses) if rng.random() < 0.2 else None)
        Product.objects.bulk_create(new, batch_size=BATCH)

        through = Product.use_categories.through
        links, variants, pictures, ingredients = [], [], [], []
        for product, extra in zip(new, extra_uses, strict=True):
            links.append(through(product_id=product.pk, usecategory_id=product.primary_use_id))
            if extra is not None and extra.pk != product.primary_use_id:
                links.append(through(product_id=product.pk, usecategory_id=extra.pk))
            number = generated_index(product.slug)
            sizes = sorted(rng.sample(PACK_SIZES, rng.randint(1, 3)), key=lambda s: s[1])
            for position, (label, ml, base) in enumerate(sizes, start=1):
                price = base + Decimal(rng.randrange(0, 200, 10))
                compare_at = price + 100 if rng.random() < 0.15 else None
                stock = rng.choice([0, 5, 20, 60, 150])
                variants.append(
                    Variant(
                        product=product,
                        sku=f"{SKU_PREFIX}{number:05d}-{ml}ML",
                        pack_size=label,
                        price=price,
                        currency="INR",
                        compare_at_price=compare_at,
                        mrp=compare_at or price + 50,
                        stock_quantity=stock,
                        availability=Variant.Availability.IN_STOCK
                        if stock
                        else Variant.Availability.OUT_OF_STOCK,
                        position=position,
                    )
                )
            for position, herb in enumerate(product.key_ingredients.splitlines(), start=1):
                ingredients.append(
                    Ingredient(
                        product=product,
                        name=herb,
                        part_used=rng.choice(["leaf", "root", "rhizome", "seed", "fruit"]),
                        quantity=f"{rng.randrange(20, 120, 10)} mg per ml",
                        position=position,
                    )
                )
            source = images.get(product.primary_use_id) or images[None]
            pictures.append(
                ProductImage(
                    product=product,
                    image=source.image.name,
                    width=source.width,
                    height=source.height,
                    alt_text=f"30 ml amber dropper bottle of the {product.name}"[:200],
                    position=1,
                    renditions=source.renditions,
                    renditions_source=source.renditions_source,
                )
            )
        through.objects.bulk_create(links, batch_size=BATCH)
        Variant.objects.bulk_create(variants, batch_size=BATCH)
        Ingredient.objects.bulk_create(ingredients, batch_size=BATCH)
        ProductImage.objects.bulk_create(pictures, batch_size=BATCH)
        refresh_search_vectors(
            Product.objects.filter(slug__startswith=SLUG_PREFIX), Product.SEARCH_WEIGHTS
        )
        return len(new)

    def top_up_articles(self, wanted, seed, uses) -> int:
        existing = list(
            Article.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
        )
        missing = wanted - len(existing)
        if missing <= 0:
            return 0
        products_by_use: dict[int, list[int]] = {}
        for pk, use_id in Product.objects.filter(slug__startswith=SLUG_PREFIX).values_list(
            "pk", "primary_use_id"
        ):
            products_by_use.setdefault(use_id, []).append(pk)
        all_products = [pk for pks in products_by_use.values() for pk in pks]
        first = max((generated_index(slug) for slug in existing), default=0) + 1
        rng = random.Random(f"articles:{seed}:{first}")
        new, plans = [], []
        for number in range(first, first + missing):
            use = uses[(number - 1) % len(uses)]
            words = texts_for(use)
            topic = rng.choice(words["topics"])
            title = rng.choice(TITLES).format(
                topic=topic, Topic=topic[:1].upper() + topic[1:], n=rng.randint(3, 7)
            )
            sections = rng.sample(SECTIONS, 4)
            body, body_html = render_blocks(
                [
                    f"Many people deal with {topic} from time to time. This guide covers "
                    "what usually lies behind it, what you can do at home, and the signs "
                    "that mean it is time to see a doctor.",
                    *(s.format(topic=topic, purpose=words["for"]) for s in sections),
                    "## Exercises\n\nThe exercises below are gentle. Begin with a few "
                    "repetitions and add more as they get easier.",
                ]
            )
            reviewer, credentials = rng.choice(REVIEWERS)
            reviewed_on = date(2025, 1, 1) + timedelta(days=rng.randrange(600))
            new.append(
                Article(
                    title=title,
                    slug=f"{SLUG_PREFIX}a{number:05d}-{slugify(title)}"[:200],
                    summary=f"A practical guide to {topic}: what usually causes it, simple "
                    "steps that help at home, and when to ask a doctor.",
                    body=body,
                    body_html=body_html,
                    author=rng.choice(AUTHORS),
                    reviewer_name=reviewer,
                    reviewer_credentials=credentials,
                    reviewed_on=reviewed_on,
                    next_review_due=reviewed_on + timedelta(days=365),
                    status=PublicationStatus.PUBLISHED,
                    published_at=random_moment(rng),
                )
            )
            pool = products_by_use.get(use.pk) or all_products
            count = min(len(pool), rng.randint(2, 5))
            chosen = rng.sample(EXERCISES, rng.randint(2, 5))
            new[-1].exercise_names = "\n".join(exercise[0] for exercise in chosen)  # searched
            plans.append((use, rng.sample(pool, count), chosen))
        Article.objects.bulk_create(new, batch_size=BATCH)

        through = Article.use_categories.through
        use_links, exercises, links = [], [], []
        for article, (use, product_ids, chosen) in zip(new, plans, strict=True):
            use_links.append(through(article_id=article.pk, usecategory_id=use.pk))
            for position, (name, how, benefit, start, target, often) in enumerate(chosen, 1):
                exercises.append(
                    Exercise(
                        article=article,
                        position=position,
                        name=name,
                        instructions=how,
                        benefit=benefit,
                        start_repetitions=start,
                        target_repetitions=target,
                        frequency=often,
                        safety_note=rng.choice(SAFETY_NOTES),
                    )
                )
            for position, product_id in enumerate(product_ids, start=1):
                links.append(
                    ArticleProduct(
                        article=article,
                        product_id=product_id,
                        position=position,
                        note=rng.choice(LINK_NOTES),
                    )
                )
        through.objects.bulk_create(use_links, batch_size=BATCH)
        Exercise.objects.bulk_create(exercises, batch_size=BATCH)
        ArticleProduct.objects.bulk_create(links, batch_size=BATCH)
        refresh_search_vectors(
            Article.objects.filter(slug__startswith=SLUG_PREFIX), Article.SEARCH_WEIGHTS
        )
        return len(new)
