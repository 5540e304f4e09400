from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from compliance import workflow
from compliance.claims import ClaimsChecked, active_phrases
from compliance.models import Severity
from core import snapshots


class Command(BaseCommand):
    help = (
        "Scan every shopper-visible text against the restricted phrases and report what it "
        "finds. Warned phrases a claims reviewer signed off for the live version are not "
        "reported again. Exits with status 1 when a blocked phrase is found (or any "
        "unsigned warned phrase, with --fail-on-warn), so it can run in CI and cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail-on-warn",
            action="store_true",
            help="Also fail when a warned phrase has no sign-off.",
        )

    def handle(self, *args, fail_on_warn=False, **options):
        self.phrases = active_phrases()
        self.counts = {Severity.BLOCK: 0, Severity.WARN: 0}
        scanned = 0
        children = set()
        reviewed = [m for m in apps.get_models() if hasattr(m, "content_spec")]
        for model in reviewed:
            for child in model.content_spec.children:
                children.add(model._meta.get_field(child.relation).related_model)
        for model in reviewed:
            for item in model._default_manager.order_by("pk").iterator():
                scanned += 1
                content = snapshots.capture(item, model.content_spec)
                findings = workflow.content_findings(item, content, self.phrases)
                blocks = [f for f in findings if f.severity == Severity.BLOCK]
                self.report(item, [*blocks, *workflow.unsigned_warnings(item, findings)])
        for model in apps.get_models():
            if not issubclass(model, ClaimsChecked) or model in reviewed or model in children:
                continue
            for item in model._default_manager.order_by("pk").iterator():
                scanned += 1
                self.report(item, item.claims_findings(self.phrases))
        summary = (
            f"Scanned {scanned} items against {len(self.phrases)} phrases: "
            f"{self.counts[Severity.BLOCK]} blocked, {self.counts[Severity.WARN]} warned "
            "without a sign-off."
        )
        if self.counts[Severity.BLOCK] or (fail_on_warn and self.counts[Severity.WARN]):
            raise CommandError(summary, returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))

    def report(self, item, findings) -> None:
        for finding in findings:
            self.counts[finding.severity] += 1
            block = finding.severity == Severity.BLOCK
            label = "BLOCK" if block else "warn "
            style = self.style.ERROR if block else str
            self.stdout.write(
                style(f"{label} {item._meta.label} #{item.pk} \u201c{item}\u201d: ")
                + finding.message
            )
