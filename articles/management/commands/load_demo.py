from django.core.management.base import BaseCommand
from django.db import transaction

from articles.demo import load_articles
from catalog.demo import load_catalog


class Command(BaseCommand):
    help = (
        "Load the demo catalog: product lines, the four uses, five products with a 30 ml "
        "variant and a bottle image each, and the lower back spasm article. Prices and "
        "SKUs (DEMO-...) are invented. Safe to run again: unchanged rows are left alone."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = {**load_catalog(), **load_articles()}
        total = sum(changed.values())
        if total:
            summary = ", ".join(f"{count} {name}" for name, count in changed.items() if count)
            self.stdout.write(
                self.style.SUCCESS(f"Demo data loaded: {summary} created or updated.")
            )
        else:
            self.stdout.write("Demo data already up to date: nothing changed.")
