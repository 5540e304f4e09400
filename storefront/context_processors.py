from django.conf import settings
from django.utils.functional import SimpleLazyObject

from compliance.disclaimers import site_texts


def storefront(request):
    """What every storefront page prints in its header and footer. The disclaimer and
    the 18+ notice are the staff-edited site texts, read from the cache (one query after
    a change) or, without a shared cache, once per page."""
    texts = SimpleLazyObject(site_texts)  # read once per page, whoever asks first
    return {
        "brand_name": settings.CATALOG_BRAND_NAME,
        "currency": settings.CATALOG_DEFAULT_CURRENCY,
        "site_texts": texts,
        "disclaimer": SimpleLazyObject(lambda: texts["disclaimer"]),
    }
