from django.conf import settings
from django.utils.functional import SimpleLazyObject

from compliance.disclaimers import site_texts


def storefront(request):
    """What every storefront page prints in its header and footer. The disclaimer is
    the staff-edited site text, read from the cache (one query after a change)."""
    return {
        "brand_name": settings.CATALOG_BRAND_NAME,
        "currency": settings.CATALOG_DEFAULT_CURRENCY,
        "disclaimer": SimpleLazyObject(lambda: site_texts()["disclaimer"]),
    }
