"""The claims guard: shopper-visible text checked against the restricted phrases.

Models that shoppers read mix in ``ClaimsChecked`` and list their visible fields in
``claims_fields`` (plain text) and ``claims_markdown_fields`` (Markdown); their
``clean()`` then refuses blocked phrases (naming the phrase, the field and the suggested
wording) and records warned ones for a reviewer's sign-off. Admin forms, API serializers
and ``check_claims`` all end up here.

What is checked is what a shopper reads: Markdown as rendered and sanitised, plain text
as typed and with character references decoded once (feeds and JSON-LD readers decode
them), both folded with ``fold_for_matching`` so that look-alike letters, invisible
characters, odd dashes and spaces spell the words they show.

Phrases are matched as Python regular expressions in which ``\\b`` and ``\\w`` also read
the vowel signs and virama of Hindi (and the other scripts of India) as parts of a word:
Python's own put a word boundary inside most Hindi words.
"""

import functools
import re
import unicodedata
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import models

from core.markdown import markdown_to_text
from core.text import INDIC_MARKS, fold_for_matching, fold_pattern, fold_with_offsets, plain_text

# Word characters as a reader of Indian scripts sees them: Python's \w and their marks.
WORD = rf"[\w{INDIC_MARKS}]"
MARK = f"[{INDIC_MARKS}]"
HAS_MARK = re.compile(MARK)
WORD_REWRITES = {
    r"\w": WORD,
    r"\W": rf"[^\w{INDIC_MARKS}]",
    # Python's \b where no mark is beside it; beside a mark, a word edge as WORD draws it.
    r"\b": rf"(?:\b(?<!{MARK})(?!{MARK})|(?<={MARK})(?!{WORD})|(?<!{WORD})(?={MARK}))",
    r"\B": rf"(?:\B(?<!{MARK})(?!{MARK})|(?<={MARK})(?={WORD})|(?<={WORD})(?={MARK}))",
}


def _words_whole(source: str) -> str:
    """``source`` with its Hindi folded (``fold_pattern``) and ``\\b``, ``\\B``, ``\\w``
    and ``\\W`` counting the marks of Indian scripts as parts of words (``\\w`` in a set
    too; ``\\W`` in a set is left as Python reads it)."""
    source = fold_pattern(source)
    out = []
    in_set = False
    set_start = index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            pair = source[index : index + 2]
            if in_set:
                out.append(pair + INDIC_MARKS if pair == r"\w" else pair)
            else:
                out.append(WORD_REWRITES.get(pair, pair))
            index += 2
            continue
        if in_set:
            in_set = not (char == "]" and index > set_start)  # "[]" and "[^]" hold a "]"
        elif char == "[":
            in_set = True
            set_start = index + 1 + (source[index + 1 : index + 2] == "^")
        out.append(char)
        index += 1
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def compile_words(source: str, flags: int = 0, *, marks: bool = True) -> re.Pattern:
    """``re.compile`` for folded text, Hindi words read whole (``_words_whole``). For
    text without any mark of an Indian script (``marks=False``) Python's ``\\b`` and
    ``\\w`` are the same, and quicker."""
    try:
        return re.compile(_words_whole(source) if marks else fold_pattern(source), flags)
    except re.error:  # a pattern Python compiles as written is never refused
        return re.compile(source, flags)


def phrase_pattern(phrase, *, marks: bool = True) -> re.Pattern:
    """What ``phrase`` (a ``RestrictedPhrase``) matches in folded text (with ``marks``
    of Indian scripts in it, or without)."""
    pattern = phrase.pattern
    return compile_words(pattern.pattern, pattern.flags, marks=marks)


CONTEXT_CHARS = 40
# Between the two readings of a plain field: neither a space nor a word character, so no
# phrase can match across it.
READINGS_SEPARATOR = "\n\u00b6\n"
# Wording the rules ask for is not a claim: a phrase inside it is not a finding. The
# disclaimer of 21 CFR 101.93(c), which the site-wide disclaimer carries, in English and
# in Hindi ("...किसी भी रोग के निदान, उपचार, इलाज या रोकथाम के लिए नहीं है").
REQUIRED_WORDING = (
    r"\bnot intended to diagnose,? treat,? cure,? (?:or |and )?prevent any disease\b",
    r"\bकिसी\s+(?:भी\s+)?(?:रोग|बीमारी)\s+(?:के|का)\s+निदान,?\s+उपचार,?\s+इलाज,?\s+"
    r"(?:या|और|अथवा)\s+रोकथाम\s+के\s+लिए\s+(?:अभिप्रेत\s+|बना\s+|बनाया\s+गया\s+)?नहीं\b",
)


class Severity(models.TextChoices):
    BLOCK = "block", "Block: refuse the save"
    WARN = "warn", "Warn: save, but a claims reviewer must sign off"


@dataclass(frozen=True)
class Finding:
    field: str
    field_label: str
    phrase: str
    matched: str
    severity: str
    reason: str
    rule: str
    suggestion: str
    phrase_label: str = ""  # the phrase as staff read it ("cure, cures, cured, curing")
    context: str = ""  # the folded text around the match, "…" where cut

    @property
    def message(self) -> str:
        text = f"\u201c{self.matched}\u201d in {self.field_label}: {self.reason}"
        if self.rule:
            text += f" ({self.rule})"
        if self.suggestion:
            text += f" Suggested wording: {self.suggestion}"
        return text

    def as_dict(self) -> dict:
        return {**asdict(self), "message": self.message}


def active_phrases() -> list:
    from compliance.models import RestrictedPhrase  # compliance.models imports this module

    return list(RestrictedPhrase.objects.filter(is_active=True))


def _context(folded: str, start: int, end: int) -> str:
    before = max(0, start - CONTEXT_CHARS)
    after = min(len(folded), end + CONTEXT_CHARS)
    return (
        ("\u2026" if before else "")
        + folded[before:after]
        + ("\u2026" if after < len(folded) else "")
    )


def scan(texts: dict[str, tuple[str, str]], phrases=None) -> list[Finding]:
    """Findings for ``{field: (label, text)}``, blocks first. ``text`` is what the shopper
    reads; phrases are matched on its folded form and ``matched`` shows it as written."""
    phrases = active_phrases() if phrases is None else phrases
    findings = []
    for field, (label, text) in texts.items():
        folded = fold_for_matching(text)
        if not folded:
            continue
        written = None
        marks = HAS_MARK.search(folded) is not None
        required = [
            m.span()
            for wording in REQUIRED_WORDING
            for m in compile_words(wording, marks=marks).finditer(folded)
        ]
        for phrase in phrases:
            match = next(
                (
                    m
                    for m in phrase_pattern(phrase, marks=marks).finditer(folded)
                    if not any(start <= m.start() and m.end() <= end for start, end in required)
                ),
                None,
            )
            if not match:
                continue
            if written is None:
                _, base, offsets = fold_with_offsets(text)
                written = (base, offsets)
            base, offsets = written
            start, end = match.span()
            stop = offsets[end - 1] + 1 if end > start else 0
            while 0 < stop < len(base) and unicodedata.category(base[stop]).startswith("M"):
                stop += 1  # the marks on its last letter too (a nukta the fold dropped)
            matched = base[offsets[start] : stop] if end > start else ""
            findings.append(
                Finding(
                    field=field,
                    field_label=label,
                    phrase=phrase.phrase,
                    matched=matched,
                    severity=phrase.severity,
                    reason=phrase.reason,
                    rule=phrase.rule,
                    suggestion=phrase.suggestion,
                    phrase_label=getattr(phrase, "label", "") or phrase.phrase,
                    context=_context(folded, start, end),
                )
            )
    return sorted(findings, key=lambda f: (f.severity != Severity.BLOCK, f.field, f.phrase))


def shown_text(value, *, markdown: bool = False) -> str:
    """The text a shopper reads from a stored value: Markdown rendered to text; plain
    text as typed and, where it differs, with character references decoded once."""
    value = str(value or "")
    if markdown:
        return markdown_to_text(value)
    decoded = plain_text(value)
    return value if decoded == value else f"{value}{READINGS_SEPARATOR}{decoded}"


class ClaimsChecked(models.Model):
    """Mixin for models whose text shoppers read; set ``claims_fields`` (plain text,
    slugs included) and ``claims_markdown_fields``."""

    claims_fields: tuple[str, ...] = ()
    claims_markdown_fields: tuple[str, ...] = ()
    claims_warnings: list[Finding] = []  # warned phrases found by the last clean()

    class Meta:
        abstract = True

    def claims_texts(self) -> dict[str, tuple[str, str]]:
        markdown = set(self.claims_markdown_fields)
        return {
            name: (
                str(self._meta.get_field(name).verbose_name),
                shown_text(getattr(self, name), markdown=name in markdown),
            )
            for name in (*self.claims_fields, *self.claims_markdown_fields)
        }

    def claims_findings(self, phrases=None) -> list[Finding]:
        return scan(self.claims_texts(), phrases)

    def clean(self):
        super().clean()
        findings = self.claims_findings()
        # Text a form left as it was (already approved, or already waiting for review) is
        # not refused again: a phrase restricted since does not stop other changes.
        unchanged = set(getattr(self, "_claims_unchanged", ()))
        blocked: dict[str, list[str]] = {}
        for finding in findings:
            if finding.severity == Severity.BLOCK and finding.field not in unchanged:
                blocked.setdefault(finding.field, []).append(finding.message)
        if blocked:
            raise ValidationError(blocked, code="restricted_claim")
        self.claims_warnings = [f for f in findings if f.severity == Severity.WARN]
