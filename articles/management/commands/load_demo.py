from django.core.management.base import BaseCommand
from django.db import transaction

from articles.demo import load_articles
from catalog.demo import Report, load_catalog


class Command(BaseCommand):
    help = (
        "Load the demo catalog: product lines, the four uses, five products with a 30 ml "
        "variant and a bottle image each, and the lower back spasm article. Prices and "
        "SKUs (DEMO-...) are invented. Creates only what is missing: rows that exist, "
        "edited or not, are left as they are (--reset writes the demo values back)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Write the demo values back over edited demo rows (found by slug, SKU, "
            "name) and recreate missing ones. Rows that are not demo rows are never touched.",
        )

    def handle(self, *args, reset, verbosity, **options):
        report = Report()
        with transaction.atomic():
            load_catalog(report, reset=reset)
            load_articles(report, reset=reset)
        for skipped in report.skipped:
            self.stderr.write(self.style.WARNING(f"Not loaded: {skipped}"))
        if verbosity:
            self.write_summary(report, reset)

    def write_summary(self, report: Report, reset: bool) -> None:
        written = ", ".join(
            f"{n} {kind if n > 1 else kind.removesuffix('s')}"
            for kind, n in report.written.items()
            if n
        )
        if written:
            verb = "created or restored" if reset else "created"
            self.stdout.write(self.style.SUCCESS(f"Demo data: {written} {verb}."))
        elif reset:
            self.stdout.write("Demo data already as loaded: nothing changed.")
        else:
            self.stdout.write(
                "Demo data already loaded: nothing changed. Edited demo rows are kept; "
                "`manage.py load_demo --reset` writes the demo values back."
            )
