from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, ArticleProduct, Exercise
from catalog.models import Ingredient, Product, ProductImage, ProductLine, UseCategory, Variant
from compliance.models import PublicationStatus
from tests.images import image_bytes


class ProductLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductLine
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Line {n}")
    slug = factory.Sequence(lambda n: f"line-{n}")


class UseCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UseCategory
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Use {n}")
    slug = factory.Sequence(lambda n: f"use-{n}")
    short_intro = "Help for a common complaint."
    position = factory.Sequence(int)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Herbal Drops {n}")
    slug = factory.Sequence(lambda n: f"herbal-drops-{n}")
    line = factory.SubFactory(ProductLineFactory)
    primary_use = factory.SubFactory(UseCategoryFactory)
    tagline = "Herbal drops for everyday comfort."
    description = "Made with **herbs**."
    key_ingredients = "Ginger\nTurmeric"
    directions = "10 drops in water, twice a day."
    warnings = "For adults."
    generic_name = "Herbal oral drops"
    regulatory_category = "ayurvedic_proprietary"
    licence_number = "TEST-AYU-0001"
    shelf_life_months = 24
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) - timedelta(days=1)
    )

    @factory.post_generation
    def use_categories(self, create, extracted, **kwargs):
        if create:
            self.use_categories.add(self.primary_use, *(extracted or []))

    @factory.post_generation
    def ingredients(self, create, extracted, **kwargs):
        """The label's ingredients: two plants unless the test gives its own ([] none)."""
        if not create:
            return
        rows = (
            extracted
            if extracted is not None
            else [("Ginger", "Zingiber officinale", "rhizome", "50 mg per ml")]
        )
        for position, (name, botanical, part, quantity) in enumerate(rows):
            Ingredient.objects.create(
                product=self,
                name=name,
                botanical_name=botanical,
                part_used=part,
                quantity=quantity,
                position=position,
            )


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Variant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"TEST-{n:04d}")
    pack_size = "30 ml"
    price = Decimal("499.00")
    # Room above the price, as packs usually have: tests raise prices within the MRP.
    mrp = factory.LazyAttribute(
        lambda variant: max(
            Decimal(str(variant.price)),
            Decimal(str(variant.compare_at_price or 0)),
            Decimal("999.00"),
        )
    )
    currency = "INR"
    compare_at_price = None
    stock_quantity = 10
    availability = Variant.Availability.IN_STOCK


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    image = factory.LazyFunction(
        lambda: ContentFile(image_bytes("PNG", (700, 700)), name="bottle.png")
    )
    alt_text = "Amber dropper bottle"
    position = factory.Sequence(int)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "A short summary."
    body = "Some **helpful** advice.\n\n## Section\n\nMore advice."
    warning_signs = "Pain after a fall or an injury\nNumbness or weakness in a leg"
    author = "Editorial team"
    reviewer_name = "Dr. Test Reviewer"
    reviewer_credentials = "MBBS"
    reviewed_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    next_review_due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=300))
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) - timedelta(days=1)
    )

    @factory.post_generation
    def use_categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.use_categories.add(*extracted)


class ArticleProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleProduct

    article = factory.SubFactory(ArticleFactory)
    product = factory.SubFactory(ProductFactory)
    note = "Recommended."


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(int)
    name = factory.Sequence(lambda n: f"Stretch {n}")
    instructions = "Lie on your back and breathe."
    start_repetitions = 5
    target_repetitions = 30
    frequency = "a day"
