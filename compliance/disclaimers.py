"""Health disclaimers shown on every product and article page and in the API."""

DEFAULT_DISCLAIMER = (
    "These statements are for general information and are not medical advice. "
    "Our drops are herbal products: they are not intended to diagnose, treat, cure or "
    "prevent any disease. Results vary from person to person. If you are pregnant, "
    "breastfeeding, taking medicine or have a medical condition, or if symptoms persist "
    "or get worse, talk to a doctor or another qualified healthcare professional."
)

AGE_RESTRICTED_NOTICE = (
    "Contains cannabis leaf extract. For adults aged 18 and over only. Not for sale where "
    "such products are prohibited; check the rules where you live before you buy."
)

SETTINGS_CACHE_KEY = "compliance:site-settings:v3"


def site_texts(*, cached: bool = True) -> dict[str, str]:
    """The staff-edited site-wide texts, the brand's statutory details and its return
    policy, cached when the cache is shared by every worker (saving Site settings
    refreshes them); read each time otherwise, so no worker keeps an old disclaimer.
    ``cached=False`` reads the row and leaves the cache alone (for checks before a
    change)."""
    from django.conf import settings
    from django.core.cache import cache

    from compliance.models import SiteSettings

    shared = settings.SHARED_CACHE and cached
    texts = cache.get(SETTINGS_CACHE_KEY) if shared else None
    if texts is None:
        row = SiteSettings.objects.filter(pk=1).first()
        texts = {
            "disclaimer": (row and row.disclaimer) or DEFAULT_DISCLAIMER,
            "age_restricted_notice": (row and row.age_restricted_notice) or AGE_RESTRICTED_NOTICE,
            **{
                name: getattr(row, name) if row else ""
                for name in (*SiteSettings.brand_fields, *SiteSettings.return_fields)
            },
        }
        if shared:
            cache.set(SETTINGS_CACHE_KEY, texts, None)
    return texts


def forget_site_texts() -> None:
    from django.core.cache import cache

    cache.delete(SETTINGS_CACHE_KEY)


def disclaimer_for(item=None) -> str:
    """The disclaimer to show with ``item``: its own override, or the site-wide one."""
    override = getattr(item, "disclaimer_override", "") or ""
    return override.strip() or site_texts()["disclaimer"]


def notices_for(item) -> list[str]:
    """Extra notices a product carries, such as the 18+ notice of the CBD drops."""
    return [site_texts()["age_restricted_notice"]] if getattr(item, "age_restricted", False) else []
