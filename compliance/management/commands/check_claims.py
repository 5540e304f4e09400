from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from compliance.claims import ClaimsChecked, active_phrases
from compliance.models import Severity


class Command(BaseCommand):
    help = (
        "Scan every shopper-visible text against the restricted phrases and report what it "
        "finds. Exits with status 1 when a blocked phrase is found (or any, with "
        "--fail-on-warn), so it can run in CI and cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail-on-warn", action="store_true", help="Also fail when a warned phrase is found."
        )

    def handle(self, *args, fail_on_warn=False, **options):
        phrases = active_phrases()
        counts = {Severity.BLOCK: 0, Severity.WARN: 0}
        scanned = 0
        for model in apps.get_models():
            if not issubclass(model, ClaimsChecked):
                continue
            for item in model._default_manager.order_by("pk").iterator():
                scanned += 1
                for finding in item.claims_findings(phrases):
                    counts[finding.severity] += 1
                    label = "BLOCK" if finding.severity == Severity.BLOCK else "warn "
                    style = self.style.ERROR if finding.severity == Severity.BLOCK else str
                    self.stdout.write(
                        style(f"{label} {model._meta.label} #{item.pk} \u201c{item}\u201d: ")
                        + finding.message
                    )
        summary = (
            f"Scanned {scanned} items against {len(phrases)} phrases: "
            f"{counts[Severity.BLOCK]} blocked, {counts[Severity.WARN]} warned."
        )
        if counts[Severity.BLOCK] or (fail_on_warn and counts[Severity.WARN]):
            raise CommandError(summary, returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))
