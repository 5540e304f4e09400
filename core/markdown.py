"""Markdown written by staff, turned into HTML that is safe to show shoppers, and into
the plain text a shopper reads from it (what the claims guard checks).

cmark-gfm (GitHub's CommonMark parser, in C) parses in time linear in the input, and is
tested against pathological inputs; a pure-Python parser took seconds on 100 KB of
brackets. Its safe mode replaces raw HTML with a comment that the sanitiser then
removes, so no staff-typed HTML reaches shoppers. Lists and quotes nested past
``MAX_NESTING`` are refused by ``validate_markdown``; rendering flattens anything deeper
than the sanitiser handles in linear time, so it never fails and never stalls.
"""

import re
from html import unescape

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from django.core.exceptions import ValidationError

MAX_NESTING = 20
MAX_HTML_DEPTH = 5 * MAX_NESTING  # past this the sanitiser slows down (quadratic)

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "h2", "h3", "h4", "a", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
CONTAINERS = {"blockquote", "ul", "ol"}
VOID_TAGS = {"br", "hr", "img", "input"}
# Block elements and line breaks read as a gap between words; inline ones do not.
BREAKING_TAGS = ALLOWED_TAGS - {"strong", "em", "b", "i", "a", "code"}

# cmark's own output: text and attribute values are escaped, so every "<" + letter opens a
# tag it wrote (raw HTML is already a comment by then).
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)\b[^>]*>")


def _cmark(text: str) -> str:
    text = (text or "").encode("utf-8", "replace").decode("utf-8")  # lone surrogates
    return cmarkgfm.markdown_to_html_with_extensions(
        text, options=Options.CMARK_OPT_DEFAULT, extensions=["table"]
    )


def _bounded(html: str) -> tuple[str, int]:
    """cmark's HTML with tags nested deeper than ``MAX_HTML_DEPTH`` dropped (their text
    stays), and how many lists and quotes its deepest part sits inside."""
    stack: list[tuple[bool, bool]] = []  # (tag kept, tag is a list or quote)
    containers = deepest = 0

    def tag(match: re.Match) -> str:
        nonlocal containers, deepest
        closing, name = match.groups()
        if name in VOID_TAGS:
            return match.group() if len(stack) < MAX_HTML_DEPTH else ""
        if closing:
            kept, container = stack.pop() if stack else (True, False)
            containers -= container
            return match.group() if kept else ""
        container = name in CONTAINERS
        containers += container
        deepest = max(deepest, containers)
        stack.append((len(stack) < MAX_HTML_DEPTH, container))
        return match.group() if stack[-1][0] else ""

    return _TAG.sub(tag, html), deepest


def render_markdown(text: str) -> str:
    """Render Markdown and sanitise the result: no scripts, styles, images or raw HTML
    tricks survive, links get rel="noopener noreferrer". Never raises."""
    html, _ = _bounded(_cmark(text))
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
    return _bounded(_cmark(text))[1]


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
_SANITISED_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*\s*/?>')


def _tag_gap(match: re.Match) -> str:
    return "\n" if match.group(2).lower() in BREAKING_TAGS else ""


def html_to_text(html: str) -> str:
    """The text of sanitised HTML as a reader sees it: tags gone, entities decoded once,
    inline elements joined without a gap, blocks and line breaks apart."""
    return unescape(_SANITISED_TAG.sub(_tag_gap, html))


def markdown_to_text(text: str) -> str:
    """The text a shopper reads once ``text`` is rendered and sanitised."""
    return html_to_text(render_markdown(text))
