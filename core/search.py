"""Full-text search for products and articles.

On PostgreSQL: a stored, weighted ``tsvector`` per row (GIN-indexed), queried with
``websearch_to_tsquery`` and ranked, plus trigram word similarity on the title fields
so that a misspelling ("bloting") still finds its product. Every condition is one an
index answers (``@@`` on the vector's GIN index, ``<%`` on the titles' trigram index),
so a search reads the rows that match rather than every row (ranking the matches still
grows with their number). ``<%`` compares with the session setting
``pg_trgm.word_similarity_threshold``, which the database settings set to
MIN_WORD_SIMILARITY for every connection. On SQLite: every word must appear in one of
the fields (case-insensitive), names first.
"""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Greatest

CONFIG = "english"
MAX_QUERY_LENGTH = 100
MIN_WORD_SIMILARITY = 0.5


def normalise(query: str) -> str:
    """Collapse whitespace, drop NUL and control characters, cap the length."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in query or "")
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def weighted_vector(weights: dict[str, str]):
    vectors = [
        SearchVector(field, weight=weight, config=CONFIG) for field, weight in weights.items()
    ]
    return reduce(lambda a, b: a + b, vectors)


def refresh_search_vectors(queryset, weights: dict[str, str]) -> int:
    """Recompute the stored vectors of ``queryset`` (one UPDATE); no-op off PostgreSQL."""
    if not uses_postgres():
        return 0
    return queryset.update(search_vector=weighted_vector(weights))


def _related(queryset, lookups: list[str], text: str) -> Q:
    """Rows whose related names (e.g. their uses) contain ``text``, without duplicates.

    On PostgreSQL each lookup's related table is asked first (one small query): a query
    that names no use, the usual case, then adds no condition the indexes cannot answer,
    where an ``IN (subquery)`` beside them would have the planner scan every row."""
    model = queryset.model
    conditions = []
    for lookup in lookups:
        if uses_postgres():
            relation, _, field = lookup.partition("__")
            related_model = model._meta.get_field(relation).related_model
            if not related_model._default_manager.filter(**{f"{field}__icontains": text}).exists():
                continue
        matching = model._default_manager.filter(**{f"{lookup}__icontains": text})
        conditions.append(Q(pk__in=matching.values("pk")))
    return reduce(or_, conditions, Q(pk__in=[]))


def search(
    queryset,
    query: str,
    *,
    weights: dict[str, str],
    title_fields: list[str],
    related: list[str] = (),
):
    """Rows of ``queryset`` matching ``query``, best first (an empty query matches none).

    ``related`` names lookups such as ``use_categories__name``: a row whose related name
    contains the whole query matches too ("sleepless" finds the products of that use).
    """
    query = normalise(query)
    if not query:
        return queryset.none()
    by_relation = _related(queryset, list(related), query) if related else Q(pk__in=[])
    if uses_postgres():
        ts_query = SearchQuery(query, search_type="websearch", config=CONFIG)
        similarity = Greatest(
            *[TrigramWordSimilarity(query, field) for field in title_fields], Value(0.0)
        )
        similar_title = reduce(
            or_, [Q(**{f"{field}__trigram_word_similar": query}) for field in title_fields]
        )
        return (
            queryset.annotate(
                rank=SearchRank(F("search_vector"), ts_query),
                similarity=similarity,
            )
            .filter(Q(search_vector=ts_query) | similar_title | by_relation)
            .annotate(
                score=Case(
                    When(search_vector=ts_query, then=F("rank") + F("similarity")),
                    default=F("similarity") / 10,
                    output_field=FloatField(),
                )
            )
            .order_by("-score", "pk")
        )
    words = query.split()[:8]
    fields = list(weights)
    all_words = Q()
    for word in words:
        all_words &= reduce(or_, [Q(**{f"{f}__icontains": word}) for f in fields])
    queryset = queryset.filter(all_words | by_relation)
    in_title = reduce(or_, [Q(**{f"{f}__icontains": words[0]}) for f in title_fields])
    return queryset.annotate(
        score=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("-score", "pk")
