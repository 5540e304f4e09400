from django.conf import settings
from django.utils.functional import SimpleLazyObject

from compliance.disclaimers import localized_text, site_texts


def texts_for(request):
    """The site texts of this request: read at most once, by whoever asks first (the
    view for a product's declarations, the footer, the cards)."""
    texts = getattr(request, "_site_texts", None)
    if texts is None:
        texts = request._site_texts = SimpleLazyObject(site_texts)
    return texts


def pages_for(request):
    """The published store pages by kind, in the footer's order, for the footer and the
    Buy area: one query, made only by a page that prints them."""
    pages = getattr(request, "_store_pages", None)
    if pages is None:
        pages = request._store_pages = SimpleLazyObject(_store_pages)
    return pages


def _store_pages() -> dict:
    from storefront.models import StorePage

    pages = StorePage.objects.published().only("kind", "title", "slug", "status")
    return {page.kind: page for page in sorted(pages, key=lambda p: p.footer_position)}


def storefront(request):
    """What every storefront page prints in its header and footer. The disclaimer and
    the 18+ notice are the staff-edited site texts, read from the cache (one query after
    a change) or, without a shared cache, once per page."""
    texts = texts_for(request)
    return {
        "store_pages": pages_for(request),
        "brand_name": settings.CATALOG_BRAND_NAME,
        "currency": settings.CATALOG_DEFAULT_CURRENCY,
        "site_texts": texts,
        "disclaimer": SimpleLazyObject(lambda: localized_text(texts, "disclaimer")),
    }
