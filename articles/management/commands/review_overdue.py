from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.models import Article


class Command(BaseCommand):
    help = (
        "List articles whose next medical review date has passed (exit status 1 when there "
        "are any, with --fail), for a weekly reminder."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fail", action="store_true", help="Exit 1 when any are overdue.")

    def handle(self, *args, fail=False, **options):
        today = timezone.localdate()
        overdue = Article.objects.review_overdue(today).order_by("next_review_due")
        for article in overdue:
            days = (today - article.next_review_due).days
            reviewed = (
                f"last reviewed by {article.reviewer_name} on {article.reviewed_on:%Y-%m-%d}"
                if article.reviewed_on
                else "never reviewed"
            )
            self.stdout.write(
                f"{article.next_review_due:%Y-%m-%d} ({days} days overdue) {article.title} "
                f"[{article.get_status_display()}], {reviewed}"
            )
        summary = f"{len(overdue)} article(s) overdue for medical review."
        if fail and overdue:
            raise CommandError(summary, returncode=1)
        self.stdout.write(summary)
