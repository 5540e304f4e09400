import random

import pytest

from core.text import fold_for_matching, fold_with_offsets, normalise_newlines, plain_text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("\u0441ure", "cure"),  # Cyrillic es
        ("n\u03bf side effects", "no side effects"),  # Greek omicron
        ("\u0421\u0423\u0420\u0415", "cype"),  # Cyrillic capitals read as C Y P E
        ("\u1d04\u1d1c\u0280\u1d07", "cure"),  # Latin small capitals
        ("\uff43\uff55\uff52\uff45", "cure"),  # full-width
        ("\U0001d41c\U0001d42e\U0001d42b\U0001d41e", "cure"),  # mathematical bold
        ("cu\u200b\u200c\u200d\u2060\ufeffre", "cure"),  # zero-width characters
        ("cu\u00adre", "cure"),  # soft hyphen
        ("cu\ufe0fre\u034f", "cure"),  # variation selector, combining grapheme joiner
        ("side\u2011effect\u2013free", "side effect free"),  # non-breaking hyphen, en dash
        ("a\u2212b\u2014c-d", "a b c d"),  # minus, em dash, hyphen
        ("no\u00a0side\u2009effects\u2028\tnow", "no side effects now"),
        ("  Line one\r\n\r\nline\u2029two  ", "line one line two"),
        ("GUARANTEED", "guaranteed"),
        ("Stra\u00dfe", "strasse"),
        ("&#99;ure", "&#99;ure"),  # entities are decoded by the HTML step, not here
    ],
)
def test_fold_for_matching_reads_text_as_it_looks(text, folded):
    """Look-alike letters, invisible characters, dashes, spaces and case fold away."""
    assert fold_for_matching(text) == folded


@pytest.mark.parametrize(
    "text",
    [
        "\u0915\u092e\u0930 \u0926\u0930\u094d\u0926 \u0915\u0947 \u0932\u093f\u090f",
        "\u0924\u0941\u0930\u0902\u0924 \u0930\u093e\u0939\u0924",
        "\u0967\u0966\u0966%",
    ],
)
def test_devanagari_passes_through(text):
    """Hindi text is left as written: no Devanagari letter or digit is folded."""
    assert fold_for_matching(text) == text


def test_offsets_point_back_at_the_text_as_written():
    """fold_with_offsets gives the same folded text, and where each character came from."""
    rnd = random.Random(7)
    pool = [chr(c) for c in (*range(0x20, 0x250), *range(0x370, 0x530), *range(0x900, 0x980))]
    pool += ["\u200b", "\u00ad", "\u2011", "\u00a0", "\ufe0f", "\uff43", "\U0001d41c", "\u00df"]
    for _ in range(500):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 30)))
        folded, base, offsets = fold_with_offsets(text)
        assert folded == fold_for_matching(text)
        assert len(offsets) == len(folded)
        assert offsets == sorted(offsets) and all(0 <= i < len(base) for i in offsets)
    folded, base, offsets = fold_with_offsets("No\u00a0side \u0441u\u200bre")
    start = folded.index("cure")
    assert base[offsets[start] : offsets[start + 3] + 1] == "\u0441u\u200bre"


def test_folding_100_kb_takes_milliseconds():
    """Folding is a handful of C-level passes over the text."""
    import time

    text = "Lorem ipsum, dolor \u0441it amet\u2014no side effects.\n" * 2200
    started = time.process_time()  # CPU time: parallel test workers share the machine
    fold_for_matching(text)
    assert time.process_time() - started < 0.5


def test_newlines_and_plain_text():
    """Line endings become "\\n"; a plain field's character references decode once."""
    assert normalise_newlines("a\r\nb\rc\n") == "a\nb\nc\n"
    assert plain_text("&#99;ure &amp;#99; &lt;b&gt;") == "cure &#99; <b>"
    assert plain_text(None) == ""
