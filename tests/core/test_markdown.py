import time

import pytest
from django.core.exceptions import ValidationError

from articles.demo import BODY
from core.markdown import (
    MAX_NESTING,
    markdown_to_text,
    nesting_depth,
    render_markdown,
    validate_markdown,
)

SIZE = 100_000


def repeat(piece: str) -> str:
    return piece * (SIZE // len(piece) + 1)


PATHOLOGICAL = {
    "emphasis *a": repeat("*a"),
    "emphasis _a": repeat("_a"),
    "runs of **": repeat("**"),
    "runs of ***a": repeat("***a "),
    "nested emphasis": "*" * (SIZE // 2) + "a" + "*" * (SIZE // 2),
    "open brackets": repeat("["),
    "close brackets": repeat("]"),
    "unclosed links": repeat("[a]("),
    "unclosed images": repeat("![a]("),
    "unclosed link labels": repeat("[a "),
    "reference links": repeat("[a]"),
    "nested quotes": repeat("> ") + "a",
    "nested lists": repeat("- ") + "a",
    "nested ordered lists": repeat("1. ") + "a",
    "indented list items": "".join(" " * (2 * i % 80) + "- a\n" for i in range(SIZE // 40)),
    "quoted lists": repeat("> - ") + "a",
    "backtick runs": repeat("`"),
    "code spans": repeat("`a``"),
    "code fences": repeat("```\n"),
    "open tags": repeat("<a"),
    "closing tags": repeat("</a"),
    "html blocks": repeat("<div>\n"),
    "comments": repeat("<!--"),
    "autolinks": repeat("<http://a"),
    "entity starts": repeat("&#"),
    "entities": repeat("&#99;"),
    "backslashes": repeat("\\"),
    "short lines": repeat("a\n"),
    "hard breaks": repeat("a  \n"),
    "headings": repeat("# a\n"),
    "setext headings": repeat("a\n===\n"),
    "one long table row": "| "
    + " | ".join(["a"] * (SIZE // 4))
    + " |\n|"
    + "---|" * (SIZE // 4)
    + "\n| "
    + " | ".join(["b"] * (SIZE // 4))
    + " |",
    "many table rows": "| a | b |\n|---|---|\n" + repeat("| a | b |\n"),
    "link reference definitions": "".join(f"[r{i}]: http://x/{i}\n" for i in range(SIZE // 18)),
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_renders_in_linear_time(text):
    """100 KB built to make a parser backtrack renders, validates and reads as text in well
    under a second each (a guard against quadratic blowups, not a benchmark)."""
    for step in (render_markdown, markdown_to_text, nesting_depth):
        # CPU time, not wall time: the suite runs in parallel workers, and a busy
        # neighbour must not fail this test; a quadratic blowup still would.
        started = time.process_time()
        step(text)
        assert time.process_time() - started < 1.0, step.__name__


def test_deep_nesting_is_refused_with_a_clear_message():
    """Quotes or lists nested past the limit are refused, saying how deep and what to do."""
    text = "> " * 31 + "Deep"
    with pytest.raises(ValidationError) as caught:
        validate_markdown(text)
    [message] = caught.value.messages
    assert message == (
        "This text nests lists or quotes 31 levels deep; at most 20 are allowed. Flatten it."
    )
    with pytest.raises(ValidationError, match="lists or quotes"):
        validate_markdown("".join("  " * level + "- item\n" for level in range(25)))
    validate_markdown("> " * MAX_NESTING + "Deep enough")


def test_normal_articles_pass_the_validator():
    """The demo article, lists in quotes and tables are well within the limit."""
    validate_markdown(BODY)
    validate_markdown("> - a\n>   - b\n>     1. c\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    validate_markdown("")


def test_render_never_fails():
    """Over-deep, malformed or odd input still renders, quickly, keeping its words."""
    html = render_markdown("> " * 50_000 + "still here")
    assert "still here" in html
    assert html.count("<blockquote>") <= 100
    assert render_markdown("\ud800 a\x00b") == "<p>? a\ufffdb</p>"
    assert render_markdown(None) == ""


def test_raw_html_is_removed_and_markdown_kept():
    """Markdown becomes HTML; raw HTML, scripts and comments do not survive; tables work."""
    html = render_markdown(
        "## Use\n\nc**ur**e <b>bold</b> <script>alert(1)</script> cu<!-- x -->re\n\n"
        "<div onclick='x()'>\nblock\n</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<h2>Use</h2>" in html and "c<strong>ur</strong>e" in html
    assert "<b>" not in html and "<script" not in html and "<!--" not in html
    assert "onclick" not in html and "<div" not in html
    assert "<th>a</th>" in html and "<td>2</td>" in html


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("c**ur**e", "cure"),
        ("c*ur*e", "cure"),
        ("[cu](https://example.org)re", "cure"),
        ("cu<!-- -->re", "cure"),
        ("c<b>ur</b>e", "cure"),
        ("&#99;ure &#x63;ure", "cure cure"),
        ("&amp;#99;ure", "&#99;ure"),
        ("&lt;b&gt; 1 &lt; 2", "<b> 1 < 2"),
        ("no side\\-effects", "no side-effects"),
        ("c_ur_e", "c_ur_e"),
        ("c\\ure", "c\\ure"),
    ],
)
def test_markdown_to_text_is_what_a_shopper_reads(markdown, text):
    """Inline elements join without a gap; entities decode once; escapes show their character."""
    assert markdown_to_text(markdown).strip() == text


def test_blocks_and_line_breaks_read_as_gaps():
    """Paragraphs, list items, table cells and line breaks separate words."""
    text = markdown_to_text("no side  \neffects\n\n- one\n- two\n\n| a | b |\n|---|---|\n| c | d |")
    assert text.split() == ["no", "side", "effects", "one", "two", "a", "b", "c", "d"]
