"""Health disclaimers shown on every product and article page and in the API."""

from django.utils.translation import gettext, gettext_noop

from core.i18n import SOURCE, Localized, content_language, localized

# The texts shown while Site settings have none. Their translations come from the
# message catalog (locale/) unless staff write their own in Site settings.
DEFAULT_DISCLAIMER = gettext_noop(
    "These statements are for general information and are not medical advice. "
    "Our drops are herbal products: they are not intended to diagnose, treat, cure or "
    "prevent any disease. Results vary from person to person. If you are pregnant, "
    "breastfeeding, taking medicine or have a medical condition, or if symptoms persist "
    "or get worse, talk to a doctor or another qualified healthcare professional."
)

AGE_RESTRICTED_NOTICE = gettext_noop(
    "Contains cannabis leaf extract. For adults aged 18 and over only. Not for sale where "
    "such products are prohibited; check the rules where you live before you buy."
)
DEFAULT_TEXTS = {"disclaimer": DEFAULT_DISCLAIMER, "age_restricted_notice": AGE_RESTRICTED_NOTICE}

SETTINGS_CACHE_KEY = "compliance:site-settings:v4"


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
            # Their Hindi, empty until staff write it (the English is shown meanwhile).
            "disclaimer_hi": row.disclaimer_hi if row else "",
            "age_restricted_notice_hi": row.age_restricted_notice_hi if row else "",
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


def disclaimer_for(item=None) -> Localized:
    """The disclaimer to show with ``item`` in the active language: its own override, or
    the site-wide one (in English where the Hindi is not written)."""
    override = localized(item, "disclaimer_override") if item is not None else ""
    if override.strip():
        return override
    return localized_text(site_texts(), "disclaimer")


def notices_for(item) -> list[Localized]:
    """Extra notices a product carries, such as the 18+ notice of the CBD drops."""
    if not getattr(item, "age_restricted", False):
        return []
    return [localized_text(site_texts(), "age_restricted_notice")]


def localized_text(texts, name: str) -> Localized:
    """One of the site texts in the active language, the English where it is missing."""
    language = content_language()
    if language != SOURCE and (texts.get(f"{name}_{language}") or "").strip():
        return Localized(texts[f"{name}_{language}"], language, False)
    if language != SOURCE and texts[name] == DEFAULT_TEXTS.get(name):
        translated = gettext(texts[name])
        if translated != texts[name]:
            return Localized(translated, language, False)
    return Localized(texts[name], SOURCE, language != SOURCE)
