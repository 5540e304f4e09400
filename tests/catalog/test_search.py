import pytest
from django.db import connection

from articles.models import Article
from catalog.models import Product
from core.search import normalise

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram similarity needs PostgreSQL"
)


def product_slugs(query):
    return [p.slug for p in Product.objects.published().search(query)]


def article_slugs(query):
    return [a.slug for a in Article.objects.published().search(query)]


def test_back_pain_finds_the_spasm_article_and_the_muscle_drops(demo):
    """ "back pain" finds the lower back spasm article and the muscle & joint drops."""
    assert "muscle-joint-pain-drops" in product_slugs("back pain")
    assert article_slugs("back pain") == ["lower-back-spasms-exercises"]


def test_bloating_finds_the_digestive_drops(demo):
    """ "bloating" finds the digestive drops first."""
    assert product_slugs("bloating")[0] == "bloating-indigestion-drops"


def test_panic_finds_the_anxiety_drops(demo):
    """ "panic" finds the anxiety drops."""
    assert product_slugs("panic") == ["anxiety-fear-panic-drops"]


def test_ingredients_are_searchable(demo):
    """An ingredient name finds the drops that contain it."""
    assert product_slugs("ashwagandha") == ["anxiety-fear-panic-drops"]


@postgres_only
def test_misspellings_still_find_the_product(demo):
    """ "bloting" finds the digestive drops through trigram similarity."""
    assert product_slugs("bloting")[0] == "bloating-indigestion-drops"


@postgres_only
def test_stemming_matches_word_forms(demo):
    """ "spasm" and "spasms" find the same article."""
    assert article_slugs("spasm") == article_slugs("spasms") == ["lower-back-spasms-exercises"]


def test_drafts_and_nonsense_find_nothing(demo):
    """A search never surfaces drafts, and nonsense or empty input finds nothing."""
    Product.objects.filter(slug="anxiety-fear-panic-drops").update(status="draft")
    assert product_slugs("panic") == []
    assert product_slugs("zzqxv") == []
    assert product_slugs("   ") == []


@pytest.mark.parametrize("query", ["' OR 1=1 --", "\x00panic", "%_%", "a" * 5000, "(&|!)"])
def test_odd_input_is_harmless(demo, query):
    """Quotes, NUL bytes, wildcards, operators and very long input are searched safely."""
    assert isinstance(product_slugs(query), list)
    assert isinstance(article_slugs(query), list)


def test_saving_keeps_the_index_current(demo):
    """An edited product is found by its new words at once."""
    product = Product.objects.get(slug="acne-free-face-drops")
    product.tagline = "Now with tulsi leaf"
    product.save()
    assert product_slugs("tulsi") == ["acne-free-face-drops"]


def test_queries_are_normalised():
    """Control characters go, whitespace collapses, length is capped."""
    assert normalise("  back\x00 \t pain\n") == "back pain"
    assert len(normalise("x" * 500)) == 100


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram index on PostgreSQL")
def test_every_search_condition_is_one_an_index_answers(demo):
    """The title's word similarity is asked with <% (answered by the trigram index, at
    the threshold every connection sets), never computed row by row in the WHERE clause:
    a search costs the same on 5 products as on 10,000."""
    from core.search import MIN_WORD_SIMILARITY

    with connection.cursor() as cursor:
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        assert float(cursor.fetchone()[0]) == MIN_WORD_SIMILARITY
    sql = str(Product.objects.published().search("bloting").query)
    where = sql.split(" WHERE ", 1)[1].split(" ORDER BY ", 1)[0]
    assert "%>" in where and "WORD_SIMILARITY(" not in where.upper()
    assert "use_categories" not in where  # no use is named "bloting": no subquery
