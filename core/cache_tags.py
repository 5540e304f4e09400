"""Cache tags: the names of what a response shows, so that a change can end exactly the
cached responses (here, and in a CDN in front) that show what changed.

A view adds tags to its request as it builds the response: an object's own tag
(``product:12``) for each item shown, and a collection's tag (``products``) where the
membership of a list matters. The page cache reads them back when it stores the
response, and sends them as ``Surrogate-Key`` (Fastly, Varnish xkey) and ``Cache-Tag``
(Cloudflare) headers.
"""

from django.db import models

ATTRIBUTE = "_cache_tags"


def for_object(obj: models.Model) -> str:
    """The tag of one object: ``<model name>:<pk>``."""
    return f"{obj._meta.model_name}:{obj.pk}"


def for_id(model: type[models.Model], pk) -> str:
    return f"{model._meta.model_name}:{pk}"


def _django_request(request):
    return getattr(request, "_request", request)  # a DRF Request wraps Django's


def add(request, *tags: str) -> None:
    """Say that the response to ``request`` shows what ``tags`` name."""
    if request is None:
        return
    target = _django_request(request)
    current = getattr(target, ATTRIBUTE, None)
    if current is None:
        current = set()
        setattr(target, ATTRIBUTE, current)
    current.update(tag for tag in tags if tag)


def add_objects(request, objects) -> None:
    add(request, *(for_object(obj) for obj in objects if obj is not None and obj.pk))


def of(request) -> set[str]:
    return set(getattr(_django_request(request), ATTRIBUTE, ()) or ())
