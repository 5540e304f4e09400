"""Markdown written by staff, turned into HTML that is safe to show shoppers, and into
the plain text a shopper reads from it (what the claims guard checks).

cmark-gfm (GitHub's CommonMark parser, in C) parses in time linear in the input, and is
tested against pathological inputs; a pure-Python parser took seconds on 100 KB of
brackets. Its safe mode replaces raw HTML with a comment that the sanitiser then
removes, so no staff-typed HTML reaches shoppers. Lists and quotes nested past
``MAX_NESTING`` are refused by ``validate_markdown``; text nested far deeper than that
(which could only be stored before the limit) is shown as typed, since the sanitiser's
time grows with the square of the depth. Rendering never fails and never stalls.
"""

import re
from html import escape, unescape

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from django.core.exceptions import ValidationError

MAX_NESTING = 20
MAX_HTML_DEPTH = 5 * MAX_NESTING  # the sanitiser's time grows with depth squared

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "h2", "h3", "h4", "a", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
VOID_TAGS = {"br", "hr", "img", "input"}
# Block elements and line breaks read as a gap between words; inline ones do not.
BREAKING_TAGS = ALLOWED_TAGS - {"strong", "em", "b", "i", "a", "code"}

# cmark's own output: text and attribute values are escaped, so every "<" + letter opens a
# tag it wrote (raw HTML is already a comment by then).
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)\b[^>]*>")
_CONTAINER_TAG = re.compile(r"<(/?)(?:blockquote|ol|ul)\b")


def _encodable(text: str | None) -> str:
    return (text or "").encode("utf-8", "replace").decode("utf-8")  # lone surrogates


def _cmark(text: str) -> str:
    return cmarkgfm.markdown_to_html_with_extensions(
        text, options=Options.CMARK_OPT_DEFAULT, extensions=["table"]
    )


def _too_deep(html: str) -> bool:
    """Whether tags in cmark's HTML nest deeper than ``MAX_HTML_DEPTH``."""
    depth = 0
    for closing, name in _TAG.findall(html):
        if name not in VOID_TAGS:
            depth += -1 if closing else 1
            if depth > MAX_HTML_DEPTH:
                return True
    return False


def render_markdown(text: str) -> str:
    """Render Markdown and sanitise the result: no scripts, styles, images or raw HTML
    tricks survive, links get rel="noopener noreferrer". Never raises."""
    text = _encodable(text)
    html = _cmark(text)
    if _too_deep(html):  # refused by validate_markdown; shown as typed, in one paragraph
        html = f"<p>{escape(text)}</p>"
    # No trailing newline, so blocks rendered one by one join with "\n" into the whole.
    return nh3.clean(
        html.rstrip("\n"),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def nesting_depth(text: str) -> int:
    """How many lists and block quotes the deepest part of ``text`` sits inside."""
    depth = deepest = 0
    for closing in _CONTAINER_TAG.findall(_cmark(_encodable(text))):
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest


def validate_markdown(text: str) -> None:
    """Refuse Markdown nested deeper than ``MAX_NESTING`` lists or quotes."""
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise ValidationError(
            "This text nests lists or quotes %(depth)s levels deep; at most %(limit)s are "
            "allowed. Flatten it.",
            code="markdown_nesting",
            params={"depth": depth, "limit": MAX_NESTING},
        )


# The sanitiser's output: every attribute value in double quotes (with "&quot;" inside),
# "<" in text escaped, comments gone.
_ATTRIBUTES = r'(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*\s*/?>'
_SANITISED_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*" + _ATTRIBUTES)
_BREAKING_NAMES = "|".join(sorted(BREAKING_TAGS, key=len, reverse=True))
_BREAKING_TAG = re.compile(rf"</?(?:{_BREAKING_NAMES})\b" + _ATTRIBUTES, re.IGNORECASE)


def html_to_text(html: str) -> str:
    """The text of sanitised HTML as a reader sees it: tags gone, entities decoded once,
    inline elements joined without a gap, blocks and line breaks apart."""
    return unescape(_SANITISED_TAG.sub("", _BREAKING_TAG.sub("\n", html)))


def markdown_to_text(text: str) -> str:
    """The text a shopper reads once ``text`` is rendered and sanitised."""
    return html_to_text(render_markdown(text))
