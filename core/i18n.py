"""Content in two languages: a translated column beside each text field shoppers read.

A field ``name`` keeps its Hindi beside it as ``name_hi``, a plain column of the same
kind (``translation_of``), so everything that reads a model's fields (revisions and
review, the claims guard, history, the API) sees a translation as one more field.
``localized(obj, "name")`` reads the text of the active language and falls back to the
English when the translation is empty, saying so (``Localized.fallback``) so that a
page can mark that text ``lang="en"``.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.translation import trans_real

SOURCE = "en"  # the language the plain fields are written in
TRANSLATED = ("hi",)  # the languages with their own columns, as <field>_<code>
NAMES = {"en": "English", "hi": "हिन्दी"}
HTML_LANG = {"en": "en-GB", "hi": "hi"}


def content_language(code: str | None = None) -> str:
    """``"hi"`` or ``"en"`` for a Django language code (the active one by default)."""
    code = (code or translation.get_language() or SOURCE).lower()
    base = code.split("-")[0]
    return base if base in TRANSLATED else SOURCE


def translated_name(name: str, language: str) -> str:
    return name if language == SOURCE else f"{name}_{language}"


def translations(*names: str) -> tuple[str, ...]:
    """The translated columns of ``names``: ("name",) -> ("name_hi",)."""
    return tuple(translated_name(name, code) for code in TRANSLATED for name in names)


def translation_of(field: models.Field, label: str) -> models.Field:
    """A column for the Hindi of ``field``: the same kind and limits and validators,
    optional (the English is shown until it is written), never unique or indexed."""
    _, _, args, kwargs = field.deconstruct()
    for key in ("unique", "db_index", "default", "help_text", "choices"):
        kwargs.pop(key, None)
    kwargs.update(
        blank=True,
        verbose_name=f"{label} (Hindi)",
        help_text="Shown on the Hindi pages; leave empty to show the English there.",
    )
    return field.__class__(*args, **kwargs)


class Localized(str):
    """Text in the language it is written in: ``language`` is what the page should mark
    when it differs from the page's (``fallback``)."""

    language: str = SOURCE
    fallback: bool = False

    def __new__(cls, value: str, language: str, fallback: bool):
        text = super().__new__(cls, value or "")
        text.language = language
        text.fallback = fallback
        return text

    @property
    def html_lang(self) -> str:
        return HTML_LANG.get(self.language, self.language)


def localized(obj, name: str, language: str | None = None) -> Localized:
    """``obj.<name>`` in ``language`` (the active one by default), the English where the
    translation is empty."""
    return first_localized(obj, name, language=language)


def marked(text) -> str:
    """``text`` escaped for HTML, inside ``<span lang="en">`` where it is English on a
    page in another language (its translation is not written yet)."""
    if getattr(text, "fallback", False) and text:
        return format_html('<span lang="{}">{}</span>', text.html_lang, text)
    return conditional_escape(text)


def requested_language(request) -> str:
    """The language a client asks the API for: ``?lang=`` if it names one of ours, else
    the best of its Accept-Language, else English."""
    asked = request.GET.get("lang", "")
    if asked:
        return content_language(asked) if asked.split("-")[0].lower() in TRANSLATED else SOURCE
    for code, _quality in trans_real.parse_accept_lang_header(
        request.headers.get("Accept-Language", "")
    ):
        base = code.split("-")[0].lower()
        if base in TRANSLATED:
            return base
        if base in (SOURCE, "*"):
            return SOURCE
    return SOURCE


def django_language(language: str) -> str:
    """The Django language code to activate for a content language."""
    return settings.LANGUAGE_CODE if language == SOURCE else language


def first_localized(obj, *names: str, language: str | None = None) -> Localized:
    """The first of ``names`` written in ``language``, else the first written in English:
    a page's title is its Hindi SEO title, else its Hindi name, else the English ones."""
    language = language or content_language()
    if language != SOURCE:
        for name in names:
            value = getattr(obj, translated_name(name, language), "") or ""
            if value.strip():
                return Localized(value, language, False)
    for name in names:
        value = getattr(obj, name, "") or ""
        if value.strip():
            return Localized(value, SOURCE, language != SOURCE)
    return Localized("", SOURCE, False)
