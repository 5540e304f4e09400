"""Text normalisation: line endings, the text a reader sees in a plain field, and a
folded form of text for matching words whatever look-alike characters spell them.

``fold_for_matching`` is for comparing, never for showing: it drops invisible
characters, spells look-alike letters from other scripts with the Latin letter they
imitate, turns dashes and every kind of space into one space, and folds case. In Hindi
it drops the nukta and reads chandrabindu as anusvara (spellings writers use for each
other); ``fold_pattern`` spells a regular expression's Hindi the same way.
"""

import html
import re
import unicodedata

# Letters other scripts share with Latin, spelled with the ASCII letter or digit they
# look like. Generated from Unicode's confusables.txt (the copy that the PyPI package
# confusable-homoglyphs 3.3.1 ships, Unicode 15.1): every entry whose source is a single
# Latin, Greek, Cyrillic, Armenian, Cherokee or Coptic letter that survives NFKC and
# whose target is one ASCII letter or digit. Capital I look-alikes (Greek Iota, Cyrillic
# I and Palochka) are kept as "I" rather than Unicode's skeleton "l": they are that
# letter. Devanagari and the other Indian scripts are left alone, on purpose.
CONFUSABLES = {
    "2": "\u01a7\u03e8\ua644\ua75a",
    "3": "\u01b7\u021c\u0417\u04e0\u2ccc\ua76a\ua7ab\U0001d206",
    "4": "\u13ce",
    "5": "\u01bc",
    "6": "\u0431\u13ee\u2cd2",
    "7": "\U0001d212",
    "8": "\u0222\u0223",
    "9": "\u2cca\ua76e",
    "A": "\u0391\u0410\u13aa",
    "B": "\u0392\u0412\u13f4\ua7b4",
    "C": "\u0421\u13df\u2ca4",
    "D": "\u13a0",
    "E": "\u0395\u0415\u13ac",
    "F": "\u03dc\ua798\U0001d213",
    "G": "\u050c\u13c0\u13f3",
    "H": "\u0397\u041d\u13bb\u2c8e",
    "I": "\u0196\u0399\u0406\u04c0\u2c92",
    "J": "\u037f\u0408\u13ab\ua7b2",
    "K": "\u039a\u041a\u13e6\u2c94",
    "L": "\u13de\u2cd0\U0001d22a",
    "M": "\u039c\u03fa\u041c\u13b7\u2c98",
    "N": "\u039d\u2c9a",
    "O": "\u039f\u041e\u0555\u2c9e",
    "P": "\u03a1\u0420\u13e2\u2ca2",
    "R": "\u01a6\u13a1\u13d2\U0001d216",
    "S": "\u0405\u054f\u13d5\u13da",
    "T": "\u03a4\u0422\u13a2\u2ca6",
    "U": "\u054d",
    "V": "\u0474\u13d9\U0001d20d",
    "W": "\u051c\u13b3\u13d4",
    "X": "\u03a7\u0425\u2cac\ua7b3",
    "Y": "\u03a5\u0423\u04ae\u13a9\u13bd\u2ca8",
    "Z": "\u0396\u13c3\U000102f5",
    "a": "\u0251\u03b1\u0430",
    "b": "\u0184\u042c\u13cf",
    "c": "\u0441\u1d04\u2ca5\uabaf",
    "d": "\u0501\u13e7",
    "e": "\u0435\u04bd\uab32",
    "f": "\u0584\u1e9d\ua799\uab35",
    "g": "\u018d\u0261\u0581\u1d83",
    "h": "\u04bb\u0570\u13c2",
    "i": "\u0131\u0269\u026a\u03b9\u0456\u04cf\u13a5\ua647\uab75",
    "j": "\u03f3\u0458",
    "l": "\u01c0",
    "n": "\u0578\u057c",
    "o": "\u03bf\u03c3\u043e\u0585\u1d0f\u1d11\u2c9f\uab3d",
    "p": "\u03c1\u0440\u2ca3",
    "q": "\u051b\u0563\u0566",
    "r": "\u0433\u1d26\u2c85\uab47\uab48\uab81",
    "s": "\u01bd\u0455\ua731\uabaa",
    "u": "\u028b\u03c5\u057d\u1d1c\ua79f\uab4e\uab52",
    "v": "\u03bd\u0475\u1d20\uaba9",
    "w": "\u026f\u0461\u051d\u0561\u1d21\uab83",
    "x": "\u0445",
    "y": "\u0263\u028f\u03b3\u0443\u04af\u1d8c\u1eff\uab5a",
    "z": "\u1d22\uab93",
}
# Not in confusables.txt as Latin letters (it maps them to a Latin small capital, which
# it leaves as it is): the small capitals themselves, and Greek and Cyrillic lower-case
# letters that read as small capitals in running text.
SMALL_CAPITALS = {
    "a": "\u1d00",
    "b": "\u0299\u0432\u044c",
    "c": "\u03c2",
    "d": "\u1d05",
    "e": "\u1d07",
    "f": "\ua730",
    "g": "\u0262",
    "h": "\u029c\u043d",
    "j": "\u1d0a",
    "k": "\u1d0b\u03ba\u043a",
    "l": "\u029f",
    "m": "\u1d0d\u043c",
    "n": "\u0274\u043f\u03b7",
    "p": "\u1d18",
    "q": "\ua7af",
    "r": "\u0280",
    "t": "\u1d1b\u03c4\u0442",
    "w": "\u03c9",
    "x": "\u03c7",
}
# Invisible characters that are not format (Cf) characters: the combining grapheme
# joiner, Khmer's invisible vowels, Hangul fillers and variation selectors.
INVISIBLE = "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"
VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))
# Read as a gap, though neither dash punctuation (Pd) nor whitespace to Python: the
# hyphen bullet, the minus sign and the braille blank.
AS_SPACE = "\u2043\u2212\u2800"
# The scripts of India (Devanagari to Sinhala) and their vowel signs, virama, nukta and
# other combining marks: parts of a word, though Python's ``re`` counts them neither as
# ``\w`` nor as letters. A mark that follows no letter of these scripts (typed after a
# Latin letter or a space, to split a word) is dropped by the fold.
INDIC = "\u0900-\u0dff"
INDIC_MARKS = "".join(
    chr(c) for c in range(0x0900, 0x0E00) if unicodedata.category(chr(c)) in {"Mn", "Mc", "Me"}
)
_ORPHAN_MARKS = re.compile(f"(?<![{INDIC}])[{INDIC_MARKS}]+")
# Devanagari spellings read alike: the nukta (ज़ is often written ज, and typed either as
# one character or as ज and the nukta), and chandrabindu for anusvara (हँसी, हंसी).
DEVANAGARI = {0x093C: None, 0x0901: "\u0902"}
TABLE_LIMIT = 20_000  # characters remembered; past it, the rest are worked out each time


class _FoldTable(dict):
    """A ``str.translate`` table filled in as characters are first met (scanning all of
    Unicode at import would take a second), up to a bound on its size."""

    def __missing__(self, codepoint: int):
        char = chr(codepoint)
        category = unicodedata.category(char)
        selector = any(codepoint in block for block in VARIATION_SELECTORS)
        if category == "Cf" or char in INVISIBLE or selector:
            value = None
        elif category == "Pd" or char in AS_SPACE:
            value = " "
        else:
            value = char
        if len(self) < TABLE_LIMIT:
            self[codepoint] = value
        return value


_fold_table = _FoldTable(
    {ord(source): target for table in (CONFUSABLES, SMALL_CAPITALS) for target, sources in
     table.items() for source in sources} | DEVANAGARI
)  # fmt: skip


def normalise_newlines(text: str) -> str:
    """Line endings as "\\n", whatever the browser or file sent."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def non_empty_lines(text: str) -> list[str]:
    """The lines of ``text`` staff wrote one item per line, trimmed, blank ones left out
    (whatever the line breaks: a browser sends CRLF)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def plain_text(value: str) -> str:
    """What a reader sees of a plain (not Markdown) field where it is read as HTML or
    decoded once (JSON-LD, feeds, API clients): character references decoded once."""
    return html.unescape(value or "")


def fold_for_matching(text: str) -> str:
    """``text`` as it reads, for matching words: NFKC, invisible characters removed,
    look-alike letters as Latin, dashes and all whitespace as single spaces, case folded;
    Hindi without nukta or chandrabindu, and no stray Indic mark.

    >>> fold_for_matching("No\\u00a0side\\u2011effects, \\u0441ur\\u200be")
    'no side effects, cure'
    """
    text = unicodedata.normalize("NFKC", text or "").translate(_fold_table)
    text = _ORPHAN_MARKS.sub("", text).casefold()
    return " ".join(text.split())


def fold_pattern(pattern: str) -> str:
    """A regular expression's Hindi spelled as ``fold_for_matching`` spells the text it is
    matched against (NFC, no nukta, anusvara for chandrabindu); the rest as written."""
    return unicodedata.normalize("NFC", pattern or "").translate(DEVANAGARI)


def _is_indic(char: str) -> bool:
    return "\u0900" <= char <= "\u0dff"


def fold_with_offsets(text: str) -> tuple[str, str, list[int]]:
    """``fold_for_matching(text)``, the NFKC text it was folded from, and for each
    character of the folded text its index in that NFKC text, so that a match found in
    the folded text can be shown as written. Slower: call it once a match is found."""
    base = unicodedata.normalize("NFKC", text or "")
    folded: list[str] = []
    offsets: list[int] = []
    space_at = None
    before = ""  # the character before this one, once translated (a space counts)
    for index, char in enumerate(base):
        for part in (char.translate(_fold_table)).casefold():
            if part in INDIC_MARKS and not _is_indic(before):
                continue  # a stray mark, as _ORPHAN_MARKS drops it
            before = part
            if part.isspace():
                if space_at is None:
                    space_at = index
                continue
            if space_at is not None and folded:
                folded.append(" ")
                offsets.append(space_at)
            space_at = None
            folded.append(part)
            offsets.append(index)
    return "".join(folded), base, offsets
