"""Markdown written by staff, turned into HTML that is safe to show shoppers, and into
the plain text a shopper reads from it (what the claims guard checks).

markdown-it-py parses CommonMark in time linear in the input; its nesting cap keeps
deeply nested quotes and lists bounded, and ``validate_markdown`` refuses them before
they are stored.
"""

from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from markdown_it import MarkdownIt

MAX_NESTING = 20

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "h2", "h3", "h4", "a", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
CONTAINERS = {"blockquote_open", "bullet_list_open", "ordered_list_open"}
# Block elements and line breaks read as a gap between words; inline ones do not.
BREAKING_TAGS = ALLOWED_TAGS - {"strong", "em", "b", "i", "a", "code"}

# The parser's own cap sits above ours (a list level is two token levels: list and item),
# so text nested a little too deep is still parsed far enough to be measured and refused.
_parser = MarkdownIt("commonmark", {"html": True, "maxNesting": 4 * MAX_NESTING}).enable("table")


def render_markdown(text: str) -> str:
    """Render Markdown and sanitise the result: no scripts, styles, images or raw HTML
    tricks survive, links get rel="noopener noreferrer". Never raises."""
    try:
        html = _parser.render(text or "")
    except RecursionError:  # not reachable with the nesting cap; kept as a last guard
        html = ""
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
    for token in _parser.parse(text or ""):
        if token.type in CONTAINERS:
            depth += 1
            deepest = max(deepest, depth)
        elif token.nesting == -1 and token.type.replace("_close", "_open") in CONTAINERS:
            depth -= 1
    return deepest


def validate_markdown(text: str) -> None:
    """Refuse Markdown nested deeper than ``MAX_NESTING`` lists or quotes."""
    try:
        depth = nesting_depth(text)
    except RecursionError:
        depth = MAX_NESTING + 1
    if depth > MAX_NESTING:
        raise ValidationError(
            "This text nests lists or quotes %(depth)s levels deep; at most %(limit)s are "
            "allowed. Flatten it.",
            code="markdown_nesting",
            params={"depth": depth, "limit": MAX_NESTING},
        )


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BREAKING_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in BREAKING_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """The text of sanitised HTML as a reader sees it: tags gone, entities decoded once,
    inline elements joined without a gap, blocks and line breaks apart."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return "".join(extractor.parts)


def markdown_to_text(text: str) -> str:
    """The text a shopper reads once ``text`` is rendered and sanitised."""
    return html_to_text(render_markdown(text))
