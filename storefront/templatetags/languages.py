"""The page's languages: its twin in the other language (the switcher, hreflang) and
model text in the page's language, marked ``lang="en"`` where it falls back."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core import i18n

register = template.Library()


@register.simple_tag
def page_languages(url: str) -> list[dict]:
    """``url`` (a page's absolute address) in each language, for the hreflang links and
    the switcher: [{"code", "hreflang", "name", "url", "current"}]. Empty for an
    address that is not one of the storefront's pages (it has no twin)."""
    current = i18n.content_language()
    twins = []
    for code, _name in settings.LANGUAGES:
        language = i18n.content_language(code)
        twin = url if language == current else translate_url(url, code)
        twins.append(
            {
                "code": language,
                "hreflang": i18n.HTML_LANG[language],
                "name": i18n.NAMES[language],
                "url": twin,
                "current": language == current,
            }
        )
    if len({twin["url"] for twin in twins}) < len(twins):
        return []
    return twins


@register.simple_tag
def html_lang() -> str:
    return i18n.HTML_LANG[i18n.content_language()]


@register.simple_tag
def t(obj, name: str):
    """``obj.<name>`` in the page's language, escaped; inside ``<span lang="en">`` where
    the translation is missing and the English is shown."""
    return i18n.marked(i18n.localized(obj, name))


@register.simple_tag
def t_html(obj, name: str):
    """A rendered (already sanitised) HTML field such as ``body_html``, in the page's
    language."""
    return mark_safe(i18n.localized(obj, name))  # rendered and sanitised when saved


@register.simple_tag
def lang_of(obj, name: str):
    """`` lang="en"`` for an element whose text falls back to English, else nothing."""
    text = i18n.localized(obj, name)
    if text.fallback:
        return format_html(' lang="{}"', text.html_lang)
    return ""


@register.filter
def tr(obj, name: str) -> str:
    """``obj.<name>`` in the page's language, for attributes and plain text."""
    return i18n.localized(obj, name)


@register.filter
def lang_attr(text) -> str:
    """`` lang="en"`` for a Localized text that falls back, else nothing."""
    if getattr(text, "fallback", False):
        return format_html(' lang="{}"', text.html_lang)
    return ""


@register.simple_tag
def source_lang():
    """`` lang="en-GB"`` on a page in another language, for text that is only ever kept
    in English (names, addresses and the pack's declarations as printed), else nothing."""
    if i18n.content_language() == i18n.SOURCE:
        return ""
    return format_html(' lang="{}"', i18n.HTML_LANG[i18n.SOURCE])
