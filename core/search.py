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

import re
import unicodedata
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
# On SQLite, a word this long that finds nothing is tried with one letter missing, extra,
# changed or swapped, at the start of a word ("bloting" finds "bloating"); shorter words
# would find too much.
MIN_FUZZY_LENGTH = 6
JOINERS = {"\u200c", "\u200d"}  # zero-width non-joiner and joiner, used inside Hindi words


def normalise(query: str) -> str:
    """Compose Unicode (NFC: a Hindi letter typed as two code points or as one is the
    same letter), collapse whitespace, drop NUL and control characters, cap the length.
    The joiners that only shape Devanagari (ZWJ, ZWNJ) are dropped, not made spaces:
    they sit inside words."""
    query = unicodedata.normalize("NFC", query or "")
    query = "".join(ch for ch in query if ch not in JOINERS)
    cleaned = "".join(ch if ch.isprintable() else " " for ch in query)
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def one_edit_patterns(word: str) -> list[str]:
    """LIKE patterns for the words one edit away from ``word``: a letter missing
    (``blo_ting``), one too many (``bloing``), changed (``bl_ting``) or two swapped
    (``bolting``). ``_`` stands for any one character; LIKE's own wildcards in the
    word are dropped."""
    word = word.replace("%", "").replace("_", "")
    patterns = set()
    for i in range(len(word) + 1):
        patterns.add(word[:i] + "_" + word[i:])  # missing
    for i in range(len(word)):
        patterns.add(word[:i] + word[i + 1 :])  # one too many
        patterns.add(word[:i] + "_" + word[i + 1 :])  # changed
    for i in range(len(word) - 1):
        patterns.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # swapped
    patterns.discard(word)
    return sorted(p for p in patterns if len(p.replace("_", "")) >= MIN_FUZZY_LENGTH - 1)


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

    On PostgreSQL each related table is asked first (one small query, whichever of its
    fields are named): a query that names no use, the usual case, then adds no condition
    the indexes cannot answer, where an ``IN (subquery)`` beside them would have the
    planner scan every row."""
    model = queryset.model
    conditions = []
    # Words apart match across any punctuation: "knee to chest" finds "Knee-to-chest".
    words = text.split()
    match = "iregex" if len(words) > 1 else "icontains"
    if len(words) > 1:
        text = r"\W+".join(re.escape(word) for word in words)
    by_relation: dict[str, list[str]] = {}
    for lookup in lookups:
        relation, _, field = lookup.partition("__")
        by_relation.setdefault(relation, []).append(field)
    for relation, fields in by_relation.items():
        if uses_postgres():
            related = model._meta.get_field(relation).related_model._default_manager
            named = reduce(or_, [Q(**{f"{field}__{match}": text}) for field in fields])
            if not related.filter(named).exists():
                continue
        named = reduce(or_, [Q(**{f"{relation}__{field}__{match}": text}) for field in fields])
        matching = model._default_manager.filter(named)
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
    if any(len(word) >= MIN_FUZZY_LENGTH for word in words):
        # Misspelt words find what they nearly spell, after every exact match.
        queryset = queryset.filter(all_words | _near_words(words, fields) | by_relation)
    else:
        queryset = queryset.filter(all_words | by_relation)
    in_title = reduce(or_, [Q(**{f"{f}__icontains": words[0]}) for f in title_fields])
    return queryset.annotate(
        score=Case(
            When(in_title & all_words, then=Value(3)),
            When(all_words | by_relation, then=Value(2)),
            When(in_title, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("-score", "pk")


def _near_words(words: list[str], fields: list[str]) -> Q:
    """Rows with every word, a long word also as any word one edit away (SQLite has no
    trigrams). One regular expression per word and field."""
    condition = Q()
    for word in words:
        spellings = [word]
        if len(word) >= MIN_FUZZY_LENGTH:
            spellings += one_edit_patterns(word)
        pattern = r"\b(?:{})".format(
            "|".join(".".join(re.escape(part) for part in s.split("_")) for s in spellings)
        )
        condition &= reduce(or_, [Q(**{f"{field}__iregex": pattern}) for field in fields])
    return condition
