"""The claims guard: shopper-visible text checked against the restricted phrases.

Models that shoppers read mix in ``ClaimsChecked`` and list their visible fields in
``claims_fields``; their ``clean()`` then refuses blocked phrases (naming the phrase,
the field and the suggested wording) and records warned ones for a reviewer's sign-off.
Admin forms, API serializers and ``check_claims`` all end up here.
"""

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import models

from compliance.models import RestrictedPhrase, Severity


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


def active_phrases() -> list[RestrictedPhrase]:
    return list(RestrictedPhrase.objects.filter(is_active=True))


def scan(texts: dict[str, tuple[str, str]], phrases=None) -> list[Finding]:
    """Findings for ``{field: (label, text)}``, blocks first."""
    phrases = active_phrases() if phrases is None else phrases
    findings = []
    for field, (label, text) in texts.items():
        if not text:
            continue
        for phrase in phrases:
            match = phrase.pattern.search(text)
            if match:
                findings.append(
                    Finding(
                        field=field,
                        field_label=label,
                        phrase=phrase.phrase,
                        matched=match.group(0),
                        severity=phrase.severity,
                        reason=phrase.reason,
                        rule=phrase.rule,
                        suggestion=phrase.suggestion,
                    )
                )
    return sorted(findings, key=lambda f: (f.severity != Severity.BLOCK, f.field, f.phrase))


class ClaimsChecked(models.Model):
    """Mixin for models whose text shoppers read; set ``claims_fields``."""

    claims_fields: tuple[str, ...] = ()
    claims_warnings: list[Finding] = []  # warned phrases found by the last clean()

    class Meta:
        abstract = True

    def claims_texts(self) -> dict[str, tuple[str, str]]:
        return {
            name: (str(self._meta.get_field(name).verbose_name), getattr(self, name) or "")
            for name in self.claims_fields
        }

    def claims_findings(self, phrases=None) -> list[Finding]:
        return scan(self.claims_texts(), phrases)

    def clean(self):
        super().clean()
        findings = self.claims_findings()
        blocked: dict[str, list[str]] = {}
        for finding in findings:
            if finding.severity == Severity.BLOCK:
                blocked.setdefault(finding.field, []).append(finding.message)
        if blocked:
            raise ValidationError(blocked, code="restricted_claim")
        self.claims_warnings = [f for f in findings if f.severity == Severity.WARN]
