from django.conf import settings

from compliance.disclaimers import DEFAULT_DISCLAIMER


def storefront(request):
    """What every storefront page prints in its header and footer (no queries)."""
    return {
        "brand_name": settings.CATALOG_BRAND_NAME,
        "currency": settings.CATALOG_DEFAULT_CURRENCY,
        "disclaimer": DEFAULT_DISCLAIMER,
    }
