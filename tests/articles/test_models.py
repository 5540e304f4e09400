from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, ArticleProduct
from compliance.models import PublicationStatus
from tests.factories import (
    ArticleFactory,
    ArticleProductFactory,
    ExerciseFactory,
    ProductFactory,
)
from tests.images import rotated_jpeg

pytestmark = pytest.mark.django_db


def test_article_product_pair_is_unique_in_the_database():
    """The same product cannot be linked twice to one article."""
    link = ArticleProductFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleProduct.objects.create(article=link.article, product=link.product)


def test_new_links_go_to_the_end_of_the_article_list():
    """A link saved without a position comes after the article's existing links."""
    article = ArticleFactory()
    first = ArticleProductFactory(article=article)
    second = ArticleProductFactory(article=article)
    assert (first.position, second.position) == (1, 2)
    assert list(article.product_links.all()) == [first, second]


def test_published_article_must_name_its_reviewer():
    """An article cannot be published without reviewer, credentials and review date."""
    article = ArticleFactory.build(
        reviewer_name="", reviewer_credentials="", reviewed_on=None, next_review_due=None
    )
    with pytest.raises(ValidationError) as caught:
        article.full_clean()
    assert set(caught.value.message_dict) >= {
        "reviewer_name",
        "reviewer_credentials",
        "reviewed_on",
    }
    article.status = PublicationStatus.DRAFT
    article.full_clean(exclude=["slug"])


def test_next_review_must_follow_the_review():
    """The next review date must be after the last review, in the model and the database."""
    article = ArticleFactory()
    article.next_review_due = article.reviewed_on
    with pytest.raises(ValidationError, match="after the last one"):
        article.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


def test_overdue_reviews_are_listed():
    """Articles past their next review date are flagged and found by review_overdue()."""
    today = timezone.localdate()
    overdue = ArticleFactory(
        reviewed_on=today - timedelta(days=400), next_review_due=today - timedelta(days=1)
    )
    ArticleFactory()
    assert overdue.review_overdue
    assert list(Article.objects.review_overdue()) == [overdue]


@pytest.mark.parametrize(
    ("start", "target", "frequency", "dose"),
    [
        (5, 30, "a day", "Start with 5 a day, build up to 30"),
        (5, 30, "twice a day", "Start with 5, build up to 30, twice a day"),
        (3, 5, "twice  a day", "Start with 3, build up to 5, twice a day"),
        (None, None, "morning and evening", "Morning and evening"),
        (10, None, "a day", "10 repetitions a day"),
        (None, 12, "every other day", "12 repetitions every other day"),
        (1, None, "morning and evening", "1 repetition, morning and evening"),
        (8, 8, "daily", "8 repetitions daily"),
    ],
)
def test_exercise_dose_reads_naturally(start, target, frequency, dose):
    """An exercise's dose is written as a reader would say it."""
    exercise = ExerciseFactory.build(
        start_repetitions=start, target_repetitions=target, frequency=frequency
    )
    assert exercise.dose == dose


def test_exercise_target_cannot_be_below_start():
    """Building up to fewer repetitions than the start is refused."""
    exercise = ExerciseFactory(start_repetitions=5, target_repetitions=30)
    exercise.target_repetitions = 2
    with pytest.raises(ValidationError, match="cannot be below"):
        exercise.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        exercise.save()


def test_body_is_rendered_on_save_and_reading_time_estimated():
    """The Markdown body is rendered once on save; reading time counts words."""
    article = ArticleFactory(body="word " * 450)
    assert article.body_html.startswith("<p>word")
    assert article.reading_minutes == 3


def test_links_follow_products_and_articles_on_delete():
    """Deleting a product removes its links; the article stays."""
    link = ArticleProductFactory(product=ProductFactory())
    link.product.delete()
    assert Article.objects.filter(pk=link.article_id).exists()
    assert not ArticleProduct.objects.exists()


def test_rotated_hero_image_is_stored_with_the_size_readers_see():
    """An article's hero photo saved sideways with an EXIF orientation is stored upright."""
    article = ArticleFactory(
        hero_image=ContentFile(rotated_jpeg((300, 200), orientation=6), name="hero.jpg"),
        hero_alt="Stretching on a mat",
    )
    article.refresh_from_db()
    assert (article.hero_width, article.hero_height) == (200, 300)
    assert [(r["width"], r["height"]) for r in article.renditions] == [(200, 300)]
