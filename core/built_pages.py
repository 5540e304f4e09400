"""Built pages: anonymous responses rendered once and kept in the database, shared by
every worker, until something they show changes.

A page is stored with the tags naming what it shows (``core.cache_tags``) and the time
its rendering began. A change records its tags' time in ``TagChange`` and drops the
pages with those tags. A rendering that began before a change it would have shown is
not kept: it is stored first and checked after, so whichever of the two commits last,
the stale page does not survive. A page that lists what a scheduled publication will
add expires at that time.

Reading one takes a single indexed query (raw SQL: the serving path is the hot path).
"""

import json
import time

from django.db import connections, router, transaction
from django.utils import timezone

from core.models import BuiltPage, BuiltPageTag, TagChange

LOOKUP = (
    "SELECT content, headers, tags, started FROM core_builtpage "
    "WHERE key = %s AND (expires_at IS NULL OR expires_at > %s)"
)


def _json(value):
    return json.loads(value) if isinstance(value, str | bytes) else value


def lookup(key: str):
    """(content, headers, tags, started) of the built page under ``key``, or None."""
    alias = router.db_for_read(BuiltPage)
    with connections[alias].cursor() as cursor:
        cursor.execute(LOOKUP, [key, timezone.now()])
        row = cursor.fetchone()
    if row is None:
        return None
    content, headers, tags, started = row
    return bytes(content), _json(headers), _json(tags), started


def store(
    *, key, scheme, path, host, accept, started, tags, content, headers, expires_at=None
) -> bool:
    """Keep a rendering; False when a change to what it shows committed since it began
    (then nothing is kept)."""
    tags = sorted(set(tags))
    with transaction.atomic():
        old = BuiltPage.objects.filter(key=key).values_list("pk", flat=True)
        BuiltPageTag.objects.filter(page_id__in=list(old)).delete()
        BuiltPage.objects.filter(key=key).delete()
        page = BuiltPage.objects.create(
            key=key,
            scheme=scheme[:8],
            path=path[:2000],
            host=host[:255],
            accept=accept[:200],
            content=content,
            headers=headers,
            tags=tags,
            started=started,
            expires_at=expires_at,
        )
        BuiltPageTag.objects.bulk_create([BuiltPageTag(page=page, tag=tag) for tag in tags])
    if TagChange.objects.filter(tag__in=tags, changed__gt=started).exists():
        _delete_pages(BuiltPage.objects.filter(pk=page.pk, started=started))
        return False
    return True


def drop(tags) -> list[tuple[str, str, str, str]]:
    """A change to what ``tags`` name committed: note when, and drop the pages showing it.
    Returns what was dropped, to render again: (scheme, host, path, accept) each."""
    tags = sorted(set(tags))
    if not tags:
        return []
    now = time.time_ns()
    TagChange.objects.bulk_create(
        [TagChange(tag=tag, changed=now) for tag in tags],
        update_conflicts=True,
        unique_fields=["tag"],
        update_fields=["changed"],
    )
    pages = BuiltPage.objects.filter(
        pk__in=BuiltPageTag.objects.filter(tag__in=tags).values("page_id")
    )
    dropped = sorted(set(pages.values_list("scheme", "host", "path", "accept")))
    _delete_pages(pages)
    return dropped


def drop_all() -> None:
    """Every built page goes (a change whose reach is not known)."""
    _delete_pages(BuiltPage.objects.all())


def _delete_pages(pages) -> None:
    with transaction.atomic():
        ids = list(pages.values_list("pk", flat=True))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            BuiltPageTag.objects.filter(page_id__in=chunk).delete()
            BuiltPage.objects.filter(pk__in=chunk).delete()
